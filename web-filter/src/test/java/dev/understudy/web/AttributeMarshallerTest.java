package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.web.AttributeMarshaller.UnreadableValueException;
import java.io.InvalidClassException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Marshalling on the application's loader, refusal at set time, and the deserialization filter. */
class AttributeMarshallerTest {

    private static final String ALLOW = "java.base/*;dev.understudy.web.**;!*";
    private final DeserializationFilters filters = new DeserializationFilters(100, 10_000, Logger.getLogger("test"));

    private AttributeMarshaller marshaller(String patterns, long maxBytes) {
        return new AttributeMarshaller(getClass().getClassLoader(), filters.get(patterns, maxBytes), maxBytes);
    }

    @Test
    void aSerializableValueRoundTrips() throws Exception {
        AttributeMarshaller marshaller = marshaller(ALLOW, 4096);
        List<String> cart = new ArrayList<>(List.of("apple", "pear"));

        Object back = marshaller.unmarshal("cart", marshaller.marshal("cart", cart));

        assertThat(back).isEqualTo(cart).isNotSameAs(cart);
    }

    @Test
    void aValueThatIsNotSerializableIsRefusedNamingTheAttribute() {
        assertThatThrownBy(() -> marshaller(ALLOW, 4096).marshal("widget", new TestValues.NotSerializable()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'widget'").hasMessageContaining("NotSerializable");
    }

    @Test
    void aNestedValueThatIsNotSerializableIsRefusedNamingTheAttribute() {
        Object value = new TestValues.Holder(new TestValues.NotSerializable());

        assertThatThrownBy(() -> marshaller(ALLOW, 4096).marshal("holder", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'holder'").hasMessageContaining("TestValues$NotSerializable");
    }

    @Test
    void aValueAboveTheAttributeLimitIsRefusedWithoutBufferingItAll() {
        assertThatThrownBy(() -> marshaller(ALLOW, 1000).marshal("blob", new byte[5000]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'blob'").hasMessageContaining("1000").hasMessageContaining("maxAttributeBytes");
    }

    @Test
    void aClassOutsideTheAllowListIsUnreadable() {
        byte[] bytes = marshaller(ALLOW, 4096).marshal("holder", new TestValues.Holder("x"));

        assertThatThrownBy(() -> marshaller("java.base/*;!*", 4096).unmarshal("holder", bytes))
                .isInstanceOf(UnreadableValueException.class)
                .hasCauseInstanceOf(InvalidClassException.class)
                .hasMessageContaining("REJECTED");
    }

    @Test
    void aClassTheApplicationNoLongerHasIsUnreadable() {
        byte[] bytes = marshaller(ALLOW, 4096).marshal("holder", new TestValues.Holder("x"));
        AttributeMarshaller withoutTheClass = new AttributeMarshaller(ClassLoader.getPlatformClassLoader(),
                filters.get(ALLOW, 4096), 4096);

        assertThatThrownBy(() -> withoutTheClass.unmarshal("holder", bytes))
                .isInstanceOf(UnreadableValueException.class)
                .hasMessageContaining("TestValues$Holder").hasMessageContaining("not found");
    }

    @Test
    void aClassChangedByARedeployIsUnreadable() {
        byte[] bytes = marshaller(ALLOW, 4096).marshal("holder", new TestValues.Holder("x"));
        byte[] name = TestValues.Holder.class.getName().getBytes(StandardCharsets.UTF_8);
        int at = indexOf(bytes, name) + name.length;
        bytes[at + 7] ^= 0x5A; // the serialVersionUID follows the class name

        assertThatThrownBy(() -> marshaller(ALLOW, 4096).unmarshal("holder", bytes))
                .isInstanceOf(UnreadableValueException.class)
                .hasCauseInstanceOf(InvalidClassException.class)
                .hasMessageContaining("incompatible");
    }

    @Test
    void aGraphDeeperThanTheLimitIsUnreadable() {
        DeserializationFilters shallow = new DeserializationFilters(5, 10_000, Logger.getLogger("test"));
        byte[] bytes = marshaller(ALLOW, 4096).marshal("deep", TestValues.Deep.chain(20));
        AttributeMarshaller reader = new AttributeMarshaller(getClass().getClassLoader(), shallow.get(ALLOW, 4096),
                4096);

        assertThatThrownBy(() -> reader.unmarshal("deep", bytes)).isInstanceOf(UnreadableValueException.class)
                .hasMessageContaining("REJECTED");
    }

    @Test
    void garbageIsUnreadable() {
        assertThatThrownBy(() -> marshaller(ALLOW, 4096).unmarshal("x", new byte[] {1, 2, 3}))
                .isInstanceOf(UnreadableValueException.class);
    }

    @Test
    void theFilterCarriesTheLimitsThenTheAdapterPatterns() {
        assertThat(filters.spec(ALLOW, 4096))
                .isEqualTo("maxdepth=100;maxrefs=10000;maxbytes=4096;maxarray=4096;" + ALLOW);
        assertThat(filters.spec(null, 0)).isEqualTo("maxdepth=100;maxrefs=10000");
        assertThat(filters.get(ALLOW, 4096)).isSameAs(filters.get(ALLOW, 4096));
    }

    @Test
    void invalidAdapterPatternsRejectEverything() throws Exception {
        byte[] bytes = marshaller(ALLOW, 4096).marshal("n", 42);
        AttributeMarshaller reader = new AttributeMarshaller(getClass().getClassLoader(),
                filters.get("maxdepth=oops", 4096), 4096);

        assertThatThrownBy(() -> reader.unmarshal("n", bytes)).isInstanceOf(UnreadableValueException.class);
        assertThat(marshaller(ALLOW, 4096).unmarshal("n", bytes)).isEqualTo(42);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
