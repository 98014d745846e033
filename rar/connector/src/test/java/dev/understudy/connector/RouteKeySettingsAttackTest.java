package dev.understudy.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.route.Route;
import dev.understudy.core.route.RouteCodec;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attacks on the route keys through the adapter's configuration (issue 7 point 2): settings that would weaken
 * route verification are refused at start, naming the property and never showing a secret; a rotation configured
 * as documented keeps old cookies for exactly the grace period.
 */
class RouteKeySettingsAttackTest {
    private static final String OLD = "old-secret-0123456789abcdef";
    private static final String NEW = "new-secret-0123456789abcdef";
    private static final Route ROUTE = new Route("AbCdEfGhIjKlMnOpQrStUvWx", NodeId.of("a"), NodeId.of("b"), 2);

    private static Map<String, String> configured(String... pairs) {
        UnderstudyResourceAdapter ra = new UnderstudyResourceAdapter();
        ra.setNodeId("a");
        ra.setRouteSecret(NEW);
        Map<String, String> values = new HashMap<>(ConfigProperties.values(ra));
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }

    private static AdapterSettings resolve(Map<String, String> configured) throws ResourceAdapterInternalException {
        return AdapterSettings.resolve(configured, name -> null);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "previousRouteSecrets|short|2026-12-01T00:00:00Z|previousRouteSecrets|too short",
        "previousRouteSecrets|" + NEW + "|2026-12-01T00:00:00Z|previousRouteSecrets|is the current routeSecret",
        "previousRouteSecrets|aaaaaaaaaaaaaaaa1 aaaaaaaaaaaaaaaa2 aaaaaaaaaaaaaaaa3 aaaaaaaaaaaaaaaa4 aaaaaaaaaaaaaaaa5"
                + "|2026-12-01T00:00:00Z|previousRouteSecrets|at most 4",
        "previousRouteSecrets|" + OLD + "||previousRouteSecretsUntil|is required",
        "previousRouteSecrets|" + OLD + "|tomorrow|previousRouteSecretsUntil|ISO-8601",
        "previousRouteSecrets|" + OLD + "|2026-12-01|previousRouteSecretsUntil|ISO-8601",
        "previousRouteSecrets|${ENV=OLD_SECRET}|2026-12-01T00:00:00Z|previousRouteSecrets|unresolved"})
    void aWeakeningRotationIsRefusedAtStart(String property, String secrets, String until, String named,
            String problem) {
        Map<String, String> values = configured("previousRouteSecrets", secrets, "previousRouteSecretsUntil",
                until == null ? "" : until);

        assertThatThrownBy(() -> resolve(values)).isInstanceOf(ResourceAdapterInternalException.class)
                .hasMessageContaining("property " + named).hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OLD, NEW, "aaaaaaaaaaaaaaaa"));
    }

    @Test
    void withoutPreviousSecretsOnlyTheCurrentOneVerifies() throws Exception {
        AdapterSettings s = resolve(configured());
        RouteCodec codec = new RouteCodec(s.routeKeys(), Clock.systemUTC());

        assertThat(s.routeKeys().previousCount()).isZero();
        assertThat(codec.decode(new RouteCodec(OLD.getBytes()).encode(ROUTE))).isEmpty();
        assertThat(codec.decode(codec.encode(ROUTE))).contains(ROUTE);
    }

    @Test
    void aDocumentedRotationAcceptsOldRoutesUntilTheGraceEndsAndNeverSignsWithTheOldKey() throws Exception {
        Instant end = Instant.parse("2030-01-01T00:00:00Z");
        AdapterSettings s = resolve(configured("previousRouteSecrets", "  " + OLD + "  ",
                "previousRouteSecretsUntil", end.toString()));
        String oldCookie = new RouteCodec(OLD.getBytes()).encode(ROUTE);
        RouteCodec during = new RouteCodec(s.routeKeys(), Clock.fixed(end.minusSeconds(1), ZoneOffset.UTC));
        RouteCodec after = new RouteCodec(s.routeKeys(), Clock.fixed(end, ZoneOffset.UTC));

        assertThat(during.decode(oldCookie)).contains(ROUTE);
        assertThat(after.decode(oldCookie)).isEmpty();
        assertThat(during.encode(ROUTE)).isEqualTo(new RouteCodec(NEW.getBytes()).encode(ROUTE));
        assertThat(s.toString()).doesNotContain(OLD, NEW).contains("previous=1 until 2030-01-01T00:00:00Z");
    }
}
