package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.SessionState;
import java.io.ObjectInputFilter.Status;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks and accidents on the bytes of session attributes (issue 7 points 3, 4 and 6), through the real filter
 * and the real {@link java.io.ObjectInputStream}: a value of a class outside the allow-list, a hostile graph, or a
 * class changed incompatibly by a redeploy is quarantined — refused, counted ({@code quarantined} +1, {@code
 * US-W030}), hidden from the application, kept in the store for inspection — and the rest of the session is
 * served with status 200.
 */
class DeserializationAttackTest {
    private final FilterHarness harness = new FilterHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    /** A class whose serialized field is an {@code Object}; {@link CastV2} declares it {@code Integer}. */
    static final class CastV1 implements Serializable {
        private static final long serialVersionUID = 1L;
        Object v = "text";
    }

    static final class CastV2 implements Serializable {
        private static final long serialVersionUID = 1L;
        Integer v;
    }

    private static byte[] bytes(Object value) {
        return new AttributeMarshaller(DeserializationAttackTest.class.getClassLoader(), i -> Status.UNDECIDED, 0)
                .marshal("value", value);
    }

    /**
     * Serves a session holding {@code attack} under the name {@code "bad"} next to a genuine {@code "user"}, with a
     * request that reads both and changes the session; asserts the quarantine and that nothing else was lost.
     */
    private void assertQuarantined(byte[] attack) throws Exception {
        harness.start();
        String cookie = harness.stored("sid-q", new SessionState(harness.now, harness.now, 1800,
                Map.of("bad", attack, "user", bytes("ann"))));

        FilterHarness.Exchange e = harness.request(cookie, (req, res) -> {
            // the names first: an application iterating them never meets the unreadable one
            assertThat(Collections.list(req.getSession().getAttributeNames())).containsExactly("user");
            assertThat(req.getSession().getAttribute("bad")).isNull();
            assertThat(req.getSession().getAttribute("user")).isEqualTo("ann");
            req.getSession().setAttribute("visits", 1);
        });

        assertThat(e.response().status).isEqualTo(200);
        assertThat(harness.stats().snapshot()).containsEntry("quarantined", 1L);
        assertThat(harness.codes()).containsExactly("US-W001", "US-W003", "US-W030");
        Map<String, byte[]> stored = harness.replication.entry("/shop", "sid-q").state.attributes();
        assertThat(stored).containsOnlyKeys("bad", "user", "visits");
        assertThat(stored.get("bad")).as("kept for inspection, unchanged").isEqualTo(attack);
    }

    @Test
    void aValueOfAClassOutsideTheAllowListIsRefused() throws Exception {
        harness.replication.deserializationFilter = "java.base/*;!*";
        assertQuarantined(bytes(new TestValues.Holder("payload")));
    }

    @Test
    void aGraphDeeperThanTheLimitIsRefused() throws Exception {
        assertQuarantined(bytes(TestValues.Deep.chain(500)));
    }

    @Test
    void aGraphWithMoreReferencesThanTheLimitIsRefused() throws Exception {
        harness.initParameters.put("deserializationMaxRefs", "100");
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(1000 + i);
        }
        assertQuarantined(bytes(many));
    }

    @Test
    void anArrayWithAForgedHugeLengthIsRefusedBeforeAnythingIsAllocated() throws Exception {
        byte[] value = bytes(new byte[16]);
        // TC_ARRAY, class descriptor of [B, then the 4-byte length: the last 16 bytes are the elements
        int lengthAt = value.length - 16 - 4;
        assertThat(ByteBuffer.wrap(value, lengthAt, 4).getInt()).isEqualTo(16);
        ByteBuffer.wrap(value).putInt(lengthAt, Integer.MAX_VALUE - 8);
        assertQuarantined(value);
    }

    @Test
    void aClassWhoseSerialVersionUidChangedAfterARedeployIsQuarantined() throws Exception {
        byte[] value = bytes(new TestValues.Holder("v1"));
        int uid = indexOf(value, TestValues.Holder.class.getName()) + TestValues.Holder.class.getName().length();
        assertThat(ByteBuffer.wrap(value, uid, 8).getLong()).isEqualTo(1L);
        ByteBuffer.wrap(value).putLong(uid, 2L);
        assertQuarantined(value);
    }

    @Test
    void aClassRemovedByARedeployIsQuarantined() throws Exception {
        byte[] value = bytes(new TestValues.Holder("v1"));
        replace(value, TestValues.Holder.class.getName(), TestValues.Holder.class.getName().replace("Holder", "Holdex"));
        assertQuarantined(value);
    }

    @Test
    void aFieldWhoseTypeChangedAfterARedeployIsQuarantined() throws Exception {
        // the stream says CastV2.v holds a String; the class now declares Integer: ClassCastException on read
        byte[] value = bytes(new CastV1());
        replace(value, CastV1.class.getName(), CastV2.class.getName());
        assertQuarantined(value);
    }

    @Test
    void tooLargeValuesAreRefusedAtSetAttributeAndNothingStoredIsLost() throws Exception {
        harness.start();
        harness.replication.limits = new dev.understudy.api.SizeLimits(200, 300);
        String cookie = harness.request(null, (req, res) -> {
            req.getSession().setAttribute("a", new byte[50]);
            req.getSession().setAttribute("b", new byte[50]);
        }).cookie().orElseThrow();

        FilterHarness.Exchange e = harness.request(cookie, (req, res) -> {
            assertThatThrownBy(() -> req.getSession().setAttribute("a", new byte[300]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'")
                    .hasMessageContaining("maxAttributeBytes");
            assertThatThrownBy(() -> req.getSession().setAttribute("c", new byte[150]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSessionBytes");
            assertThat((byte[]) req.getSession().getAttribute("a")).hasSize(50);
        });

        assertThat(e.response().status).isEqualTo(200);
        Map<String, byte[]> stored = harness.replication.entry("/shop", harness.replication.store.keySet().iterator()
                .next().id()).state.attributes();
        assertThat(stored).containsOnlyKeys("a", "b");
        assertThat(stored.get("a")).isEqualTo(bytes(new byte[50]));
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
