package dev.understudy.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.core.model.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteCodecTest {
    private final RouteCodec codec = new RouteCodec("a cluster secret of 32 bytes!!!!".getBytes(StandardCharsets.US_ASCII));
    private final Route route = new Route("AbC-_123", NodeId.of("node-1"), NodeId.of("node-2"), 7);

    @Test
    void roundTripsAndKeepsTheDocumentedShape() {
        String cookie = codec.encode(route);
        assertThat(cookie).matches("AbC-_123\\.node-1\\.node-2\\.7\\.[A-Za-z0-9_-]{26}");
        assertThat(codec.decode(cookie)).contains(route);
    }

    @Test
    void aSessionWithoutSecondaryHasAnEmptySegment() {
        Route alone = new Route("id1", NodeId.of("a"), null, 1);
        String cookie = codec.encode(alone);
        assertThat(cookie).startsWith("id1.a..1.");
        assertThat(codec.decode(cookie)).contains(alone);
    }

    @Test
    void aForgedRouteIsRejected() {
        String cookie = codec.encode(route);
        String redirected = cookie.replace(".node-2.", ".node-3.");
        String otherEpoch = cookie.replace(".7.", ".8.");
        assertThat(codec.decode(redirected)).isEmpty();
        assertThat(codec.decode(otherEpoch)).isEmpty();
        RouteCodec otherKey = new RouteCodec("another secret of at least 16".getBytes(StandardCharsets.US_ASCII));
        assertThat(otherKey.decode(cookie)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "....", "a.b.c.d", "a.b.c.d.e.f", "id.NODE.b.1.AAAAAAAAAAAAAAAAAAAAAA",
        "id.a.b.-1.AAAAAAAAAAAAAAAAAAAAAA", "id.a.b.1.!!!", "id.a*.b.1.AAAAAAAAAAAAAAAAAAAAAA",
        "\u0000\u0001.a.b.1.x"})
    void garbageGivesNothingAndNeverThrows(String garbage) {
        assertThat(codec.decode(garbage)).isEmpty();
    }

    @Test
    void randomBytesNeverThrow() {
        Random rnd = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[rnd.nextInt(120)];
            rnd.nextBytes(b);
            assertThat(codec.decode(new String(b, StandardCharsets.ISO_8859_1))).isEmpty();
        }
        assertThat(codec.decode(null)).isEmpty();
        assertThat(codec.decode("x".repeat(10_000))).isEmpty();
    }

    @Test
    void theSummedFormRoundTripsWithItsSumAsAnUnsignedNumber() {
        long sum = RouteSum.encode(Long.MAX_VALUE - 5, Long.MAX_VALUE - 9); // wraps below zero
        String value = codec.encodeSummed("AbC-_123", NodeId.of("node-1"), sum, 7);
        assertThat(value).matches("AbC-_123\\.node-1\\._[0-9]{1,20}\\.7\\.[A-Za-z0-9_-]{26}");
        RouteCodec.Summed decoded = codec.decodeSummed(value).orElseThrow();
        assertThat(decoded).isEqualTo(new RouteCodec.Summed("AbC-_123", NodeId.of("node-1"), sum, 7));
        assertThat(RouteSum.secondaryOf(decoded.sum(), Long.MAX_VALUE - 5)).isEqualTo(Long.MAX_VALUE - 9);
    }

    @Test
    void theTwoFormsNeverReadAsEachOther() {
        String summed = codec.encodeSummed("id1", NodeId.of("a"), 42, 1);
        assertThat(codec.decode(summed)).as("a summed value is no cookie").isEmpty();
        assertThat(codec.decodeSummed(codec.encode(route))).as("a cookie is no summed value").isEmpty();
    }

    @Test
    void aForgedOrGarbledSummedValueGivesNothing() {
        String value = codec.encodeSummed("id1", NodeId.of("a"), 42, 1);
        assertThat(codec.decodeSummed(value.replace("._42.", "._43."))).as("another pair").isEmpty();
        assertThat(codec.decodeSummed(value.replace(".a.", ".b."))).as("another primary").isEmpty();
        RouteCodec otherKey = new RouteCodec("another secret of at least 16".getBytes(StandardCharsets.US_ASCII));
        assertThat(otherKey.decodeSummed(value)).isEmpty();
        for (String garbage : new String[] {"", "id1.a._.1.x", "id1.a._99999999999999999999999.1.x", null,
            "id1.a._-1.1.AAAAAAAAAAAAAAAAAAAAAA"}) {
            assertThat(codec.decodeSummed(garbage)).isEmpty();
        }
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new RouteCodec(new byte[8])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
    }
}
