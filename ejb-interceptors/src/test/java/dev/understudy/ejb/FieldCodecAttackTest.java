package dev.understudy.ejb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InvalidClassException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attacks and redeploy accidents on the bytes of replicated bean fields (issue 7 points 3 and 6), read through
 * the real {@link java.io.ObjectInputStream}: each is refused as {@link FieldCodec.Unreadable} (never an
 * {@link Error}, never a huge allocation), and in a restore only that field keeps its fresh value, counted.
 */
class FieldCodecAttackTest {
    private static final String DEFAULT_ALLOW_LIST = "java.lang.*;java.util.*;dev.understudy.ejb.*;!*";
    private final ClassLoader loader = FieldCodecAttackTest.class.getClassLoader();

    static final class Link implements Serializable {
        private static final long serialVersionUID = 1L;
        Link next;

        static Link chain(int length) {
            Link head = new Link();
            Link at = head;
            for (int i = 1; i < length; i++) {
                at.next = new Link();
                at = at.next;
            }
            return head;
        }
    }

    static final class Box implements Serializable {
        private static final long serialVersionUID = 1L;
        Object v = "text";
    }

    /** Same serial form as {@link Box} but its field now holds an Integer (a redeploy changed it). */
    static final class Boz implements Serializable {
        private static final long serialVersionUID = 1L;
        Integer v;
    }

    @SuppressWarnings("unused")
    static class Bean {
        String title = "fresh";
        Object payload = "fresh";
        int page;
    }

    @Test
    void aClassOutsideTheAllowListIsRefused() throws Exception {
        byte[] bytes = FieldCodec.write(new Box());
        FieldCodec.Unreadable refused = catchThrowableOfType(FieldCodec.Unreadable.class,
                () -> FieldCodec.read(bytes, loader, "java.lang.*;java.util.*;!*"));
        assertThat(refused.getCause()).isInstanceOf(InvalidClassException.class);
        assertThat(refused.getMessage()).contains("REJECTED");
    }

    @Test
    void anArrayWithAForgedHugeLengthIsRefusedBeforeItIsAllocated() throws Exception {
        byte[] bytes = FieldCodec.write(new long[4]);
        int lengthAt = bytes.length - 4 * 8 - 4;
        assertThat(ByteBuffer.wrap(bytes, lengthAt, 4).getInt()).isEqualTo(4);
        ByteBuffer.wrap(bytes).putInt(lengthAt, Integer.MAX_VALUE - 8);

        FieldCodec.Unreadable refused = catchThrowableOfType(FieldCodec.Unreadable.class,
                () -> FieldCodec.read(bytes, loader, DEFAULT_ALLOW_LIST));

        assertThat(refused.getMessage()).contains("REJECTED");
    }

    @Test
    void aGraphDeeperThanTheLimitIsRefused() throws Exception {
        byte[] bytes = FieldCodec.write(Link.chain(150));
        assertThat(catchThrowableOfType(FieldCodec.Unreadable.class,
                () -> FieldCodec.read(bytes, loader, DEFAULT_ALLOW_LIST)).getMessage()).contains("REJECTED");
        assertThat(FieldCodec.read(FieldCodec.write(Link.chain(50)), loader, DEFAULT_ALLOW_LIST)).isInstanceOf(Link.class);
    }

    @Test
    void aChangedSerialVersionUidARemovedClassAndAChangedFieldTypeAreEachRefused() throws Exception {
        byte[] uid = FieldCodec.write(new Box());
        int at = indexOf(uid, Box.class.getName()) + Box.class.getName().length();
        ByteBuffer.wrap(uid).putLong(at, 99L);
        byte[] gone = FieldCodec.write(new Box());
        replace(gone, Box.class.getName(), Box.class.getName().replace("$Box", "$Bxx"));
        byte[] cast = FieldCodec.write(new Box());
        replace(cast, Box.class.getName(), Boz.class.getName());

        assertThat(catchThrowableOfType(FieldCodec.Unreadable.class, () -> FieldCodec.read(uid, loader,
                DEFAULT_ALLOW_LIST)).getMessage()).contains("serialVersionUID");
        assertThat(catchThrowableOfType(FieldCodec.Unreadable.class, () -> FieldCodec.read(gone, loader,
                DEFAULT_ALLOW_LIST)).getCause()).isInstanceOf(ClassNotFoundException.class);
        assertThat(catchThrowableOfType(FieldCodec.Unreadable.class, () -> FieldCodec.read(cast, loader,
                DEFAULT_ALLOW_LIST)).getCause()).isInstanceOf(ClassCastException.class);
    }

    @Test
    void inARestoreOnlyTheAttackedFieldKeepsItsFreshValueAndIsCounted() throws Exception {
        byte[] bomb = FieldCodec.write(new long[4]);
        ByteBuffer.wrap(bomb).putInt(bomb.length - 36, Integer.MAX_VALUE - 8);
        BeanStats stats = BeanStats.get();
        long before = stats.restoreFailures.get();
        Bean fresh = new Bean();

        List<String> failed = BeanState.restore(BeanModel.of(Bean.class), fresh, Map.of("title",
                FieldCodec.write("restored"), "payload", bomb, "page", FieldCodec.write(4)), loader,
                DEFAULT_ALLOW_LIST, stats);

        assertThat(failed).containsExactly("payload");
        assertThat(fresh.payload).isEqualTo("fresh");
        assertThat(fresh.title).isEqualTo("restored");
        assertThat(fresh.page).isEqualTo(4);
        assertThat(stats.restoreFailures.get() - before).isEqualTo(1);
    }

    private static int indexOf(byte[] haystack, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(text + " not in the stream");
    }

    private static void replace(byte[] value, String from, String to) {
        assertThat(to).hasSameSizeAs(from);
        byte[] replacement = to.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(replacement, 0, value, indexOf(value, from), replacement.length);
    }
}
