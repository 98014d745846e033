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
        assertThat(cookie).matches("AbC-_123\\.node-1\\.node-2\\.7\\.[A-Za-z0-9_-]{22}");
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
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new RouteCodec(new byte[8])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
    }
}
