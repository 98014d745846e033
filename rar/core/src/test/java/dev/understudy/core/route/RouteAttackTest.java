package dev.understudy.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.core.model.NodeId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the route a cookie or a bean handle carries (issue 7 point 2), each with its exact outcome: a
 * forged, garbled or expired route decodes to nothing — the caller then never fetches from a node it names.
 */
class RouteAttackTest {
    private static final byte[] OLD = "the old cluster route secret!!!!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEW = "the new cluster route secret!!!!".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-27T05:00:00Z");
    private static final Instant GRACE_END = NOW.plusSeconds(3600);
    private static final Route ROUTE = new Route("AbCdEfGhIjKlMnOpQrStUvWx", NodeId.of("node-1"),
            NodeId.of("node-2"), 3);

    private final RouteCodec oldOnly = new RouteCodec(OLD);
    private final RouteCodec rotated = rotatedAt(NOW);

    private static RouteCodec rotatedAt(Instant now) {
        return new RouteCodec(new RouteKeys(NEW, List.of(OLD), GRACE_END), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aRouteSignedWithAnUnknownKeyIsRefused() {
        String forged = new RouteCodec("an attacker's key of 32 bytes!!!".getBytes(StandardCharsets.US_ASCII))
                .encode(ROUTE);
        assertThat(rotated.decode(forged)).isEmpty();
        assertThat(rotated.decodeSummed(forged)).isEmpty();
    }

    @Test
    void changingAnyFieldOfAGenuineRouteBreaksItsMac() {
        String genuine = rotated.encode(ROUTE);
        String[] parts = genuine.split("\\.", -1);
        List<String> tampered = List.of(
                String.join(".", "AbCdEfGhIjKlMnOpQrStUvWy", parts[1], parts[2], parts[3], parts[4]),
                String.join(".", parts[0], "node-3", parts[2], parts[3], parts[4]),
                String.join(".", parts[0], parts[1], "node-3", parts[3], parts[4]),
                String.join(".", parts[0], parts[1], "", parts[3], parts[4]),
                String.join(".", parts[0], parts[1], parts[2], "4", parts[4]),
                String.join(".", parts[0], parts[2], parts[1], parts[3], parts[4]));
        for (String value : tampered) {
            assertThat(rotated.decode(value)).as(value).isEmpty();
        }
        assertThat(rotated.decode(genuine)).contains(ROUTE);
    }

    @Test
    void aMacFlippedInEachOfItsBitsIsRefused() {
        String genuine = rotated.encode(ROUTE);
        int macStart = genuine.lastIndexOf('.') + 1 + RouteKeys.ID_CHARS;
        byte[] mac = Base64.getUrlDecoder().decode(genuine.substring(macStart));
        for (int bit = 0; bit < mac.length * 8; bit++) {
            byte[] flipped = mac.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            String value = genuine.substring(0, macStart) + Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);
            assertThat(rotated.decode(value)).as("bit %d", bit).isEmpty();
        }
    }

    @Test
    void aRouteCarriesTheIdOfItsKeyAndAnotherKeysIdIsRefused() {
        String genuineOld = oldOnly.encode(ROUTE);
        String tag = genuineOld.substring(genuineOld.lastIndexOf('.') + 1);
        assertThat(tag).hasSize(RouteKeys.ID_CHARS + 22).startsWith(RouteKeys.idOf(OLD));
        assertThat(rotated.encode(ROUTE)).contains("." + RouteKeys.idOf(NEW));
        assertThat(RouteKeys.idOf(NEW)).isNotEqualTo(RouteKeys.idOf(OLD)).hasSize(RouteKeys.ID_CHARS);
        // the old key's MAC presented under the current key's id, and a made-up id: refused
        String body = genuineOld.substring(0, genuineOld.lastIndexOf('.') + 1);
        String mac = tag.substring(RouteKeys.ID_CHARS);
        assertThat(rotated.decode(body + RouteKeys.idOf(NEW) + mac)).isEmpty();
        assertThat(rotated.decode(body + "AAAA" + mac)).isEmpty();
        assertThat(rotated.decode(genuineOld)).contains(ROUTE);
    }

    @Test
    void aTruncatedOrEmptyMacIsRefused() {
        String genuine = rotated.encode(ROUTE);
        String body = genuine.substring(0, genuine.lastIndexOf('.'));
        assertThat(rotated.decode(body + ".")).isEmpty();
        assertThat(rotated.decode(body)).isEmpty();
        assertThat(rotated.decode(genuine.substring(0, genuine.length() - 1))).isEmpty();
        assertThat(rotated.decode(genuine + "A")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "....", "a.b.c.d.e", "a.b.c.d.e.f", "\u0000\u0001", "%2e%2e", "HUGE"})
    void garbageNeverThrowsAndDecodesToNothing(String given) {
        String value = "HUGE".equals(given) ? "x".repeat(100_000) : given;
        assertThat(rotated.decode(value)).isEmpty();
        assertThat(rotated.decodeSummed(value)).isEmpty();
    }

    /**
     * Even a holder of the key cannot make a node build a broker address from a route: node ids with wildcard,
     * separator or filter characters are refused after the MAC verified, before any {@code NodeId} exists.
     */
    @ParameterizedTest
    @ValueSource(strings = {"node.1", "node-#", "*", ">", "node 1", "Node-1", "node'1", "n%2e", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ""})
    void aCorrectlySignedRouteNamingAnInvalidNodeIdIsRefused(String node) {
        String asPrimary = signed(NEW, "AbCdEfGhIjKlMnOpQrStUvWx." + node + ".node-2.3");
        String asSecondary = signed(NEW, "AbCdEfGhIjKlMnOpQrStUvWx.node-1." + node + ".3");
        assertThat(rotated.decode(asPrimary)).isEmpty();
        if (!node.isEmpty()) {
            assertThat(rotated.decode(asSecondary)).isEmpty();
        }
        assertThat(NodeId.isValid(node)).isFalse();
        assertThatThrownBy(() -> NodeId.of(node)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ab/Cd", "Ab+Cd", "Ab Cd", "Ab;Cd", ""})
    void aCorrectlySignedRouteWithAnInvalidSessionIdOrEpochIsRefused(String id) {
        assertThat(rotated.decode(signed(NEW, id + ".node-1.node-2.3"))).isEmpty();
        assertThat(rotated.decode(signed(NEW, "AbCd.node-1.node-2.-1"))).isEmpty();
        assertThat(rotated.decode(signed(NEW, "AbCd.node-1.node-2.9999999999999999999"))).isEmpty();
    }

    @Test
    void duringTheGracePeriodARouteOfThePreviousKeyStillVerifiesButIsNotWhatTheNodeIssues() {
        String old = oldOnly.encode(ROUTE);
        assertThat(rotated.decode(old)).contains(ROUTE);
        // what a node issues for the same route now: the current key, so a caller comparing re-issues it
        String reissued = rotated.encode(ROUTE);
        assertThat(reissued).isNotEqualTo(old);
        assertThat(rotated.decode(reissued)).contains(ROUTE);
        assertThat(oldOnly.decode(reissued)).as("the old key does not verify the new route").isEmpty();
    }

    @Test
    void afterTheGracePeriodARouteOfThePreviousKeyIsRefused() {
        String old = oldOnly.encode(ROUTE);
        assertThat(rotatedAt(GRACE_END.minusMillis(1)).decode(old)).contains(ROUTE);
        assertThat(rotatedAt(GRACE_END).decode(old)).isEmpty();
        assertThat(rotatedAt(GRACE_END.plusSeconds(86_400)).decode(old)).isEmpty();
        // the current key is never subject to the grace period
        assertThat(rotatedAt(GRACE_END.plusSeconds(86_400)).decode(rotated.encode(ROUTE))).contains(ROUTE);
    }

    @Test
    void summedRoutesOfBeanHandlesFollowTheSameRotation() {
        String old = oldOnly.encodeSummed(ROUTE.sessionId(), ROUTE.primary(), 12345L, 3);
        RouteCodec.Summed expected = new RouteCodec.Summed(ROUTE.sessionId(), ROUTE.primary(), 12345L, 3);
        assertThat(rotated.decodeSummed(old)).contains(expected);
        assertThat(rotatedAt(GRACE_END).decodeSummed(old)).isEmpty();
        assertThat(rotated.encodeSummed(ROUTE.sessionId(), ROUTE.primary(), 12345L, 3)).isNotEqualTo(old);
    }

    @Test
    void aCookieRouteIsNotASummedRouteAndViceVersa() {
        String cookie = rotated.encode(ROUTE);
        String summed = rotated.encodeSummed(ROUTE.sessionId(), ROUTE.primary(), 12345L, 3);
        assertThat(rotated.decodeSummed(cookie)).isEmpty();
        assertThat(rotated.decode(summed)).isEmpty();
    }

    @Test
    void keyRingsThatWouldWeakenVerificationAreRefused() {
        assertThatThrownBy(() -> new RouteKeys(NEW, List.of(OLD), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grace");
        assertThatThrownBy(() -> new RouteKeys(NEW, List.of(new byte[15]), GRACE_END))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> new RouteKeys(NEW, List.of(NEW.clone()), GRACE_END))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("equals the current");
        byte[][] five = new byte[5][];
        for (int i = 0; i < five.length; i++) {
            five[i] = Arrays.copyOf(OLD, OLD.length + 1 + i);
        }
        assertThatThrownBy(() -> new RouteKeys(NEW, List.of(five), GRACE_END))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("At most 4");
        assertThat(new RouteKeys(NEW, List.of(OLD), GRACE_END).toString()).doesNotContain("secret")
                .contains(RouteKeys.idOf(NEW));
    }

    /** {@code body} with the MAC {@code key} gives it: what a holder of the key could produce. */
    private static String signed(byte[] key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            return body + "." + RouteKeys.idOf(key)
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
