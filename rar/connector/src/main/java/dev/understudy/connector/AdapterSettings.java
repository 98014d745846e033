package dev.understudy.connector;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.codec.CodecLimits;
import dev.understudy.core.engine.EngineConfig;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.Topology;
import dev.understudy.core.route.RouteKeys;
import dev.understudy.transport.artemis.ArtemisTransportConfig;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.io.ObjectInputFilter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The adapter's settings, resolved and validated once, in {@code start()}; immutable afterwards.
 *
 * <p><b>Precedence</b>, for every property {@code <name>}: the system property {@code understudy.<name>} if it is
 * set and not blank; else the value configured on the adapter (admin console, {@code asadmin
 * create-resource-adapter-config}, {@code glassfish-resources.xml}); else the default of its
 * {@code @ConfigProperty}. So one RAR and one shared adapter configuration serve every node, and each node differs
 * by {@code -Dunderstudy.nodeId=...} (and {@code machine}, {@code rack}, {@code zone}) on its command line. Every
 * override is logged ({@code US-C010}; confidential values are never shown).
 *
 * <p>A wrong value fails {@link #resolve} with a {@link ResourceAdapterInternalException} whose message names the
 * property and where its value came from. A value still holding a variable reference ({@code ${...}}, e.g. an
 * unset {@code ${ENV=...}} in a Payara boot file) is wrong too.
 *
 * <p><b>{@code nodeId} and {@code routeSecret} are required.</b> There is deliberately no random fallback for the
 * route secret: a key of its own on each node would make every cookie unverifiable on every other node, so each
 * failover through a cookie would silently start a fresh session; and a well-known default would let anyone forge
 * routes. The adapter refuses to start instead, saying how to make one.
 */
public final class AdapterSettings {
    /** Prefix of the per-node system properties: {@code understudy.nodeId} overrides {@code nodeId}. */
    public static final String SYSTEM_PROPERTY_PREFIX = "understudy.";
    /** The route MAC key must have at least this many bytes (UTF-8 of the property value). */
    public static final int MIN_ROUTE_SECRET_BYTES = 16;
    /** Largest attribute the wire codec carries. */
    static final long MAX_ATTRIBUTE_BYTES = CodecLimits.DEFAULT.maxAttributeBytes();
    /** Largest frame the wire codec carries: a session's whole state travels in one. */
    static final long MAX_SESSION_BYTES = CodecLimits.DEFAULT.maxFrameBytes();
    private static final Set<String> CONFIDENTIAL = Set.of("password", "routeSecret", "previousRouteSecrets");
    private static final String REJECT_ALL = "!*";
    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{[^}]*}");

    private final EngineConfig engine;
    private final ArtemisTransportConfig transport;
    private final RouteKeys routeKeys;
    private final String deserializationFilter;
    private final Map<String, String> overrides;

    private AdapterSettings(EngineConfig engine, ArtemisTransportConfig transport, RouteKeys routeKeys,
            String deserializationFilter, Map<String, String> overrides) {
        this.engine = engine;
        this.transport = transport;
        this.routeKeys = routeKeys;
        this.deserializationFilter = deserializationFilter;
        this.overrides = Collections.unmodifiableMap(overrides);
    }

    /**
     * Resolves every property.
     *
     * @param configured       the adapter's configured values by property name ({@code ""}: unset)
     * @param systemProperties looks up a system property ({@code System::getProperty} in production)
     */
    static AdapterSettings resolve(Map<String, String> configured, UnaryOperator<String> systemProperties)
            throws ResourceAdapterInternalException {
        Reader r = new Reader(configured, systemProperties);
        try {
            NodeId nodeId = r.nodeId("nodeId", true);
            Topology topology = new Topology(r.label("machine"), r.label("rack"), r.label("zone"));
            ReplicationMode mode = r.mode();
            long heartbeat = r.number("heartbeatIntervalMillis", 10, 60_000);
            long failure = r.number("failureTimeoutMillis", 20, 600_000);
            if (failure < 2 * heartbeat) {
                throw r.invalid("failureTimeoutMillis", "must be at least twice heartbeatIntervalMillis ("
                        + heartbeat + " ms), was " + failure);
            }
            NodeId preferred = r.nodeId("preferredSecondary", false);
            if (nodeId.equals(preferred)) {
                throw r.invalid("preferredSecondary", "must not be this node itself (" + nodeId + ")");
            }
            long maxAttribute = r.number("maxAttributeBytes", 1, MAX_ATTRIBUTE_BYTES);
            long maxSession = r.number("maxSessionBytes", 1, MAX_SESSION_BYTES);
            if (maxSession < maxAttribute) {
                throw r.invalid("maxSessionBytes", "must be at least maxAttributeBytes (" + maxAttribute + "), was "
                        + maxSession);
            }
            EngineConfig engine = EngineConfig.builder(nodeId)
                    .topology(topology)
                    .mode(mode)
                    .batchSize((int) r.number("batchSize", 1, 100_000))
                    .batchDelay(Duration.ofMillis(r.number("batchDelayMillis", 1, 60_000)))
                    .syncTimeout(Duration.ofMillis(r.number("syncTimeoutMillis", 1, 600_000)))
                    .heartbeatInterval(Duration.ofMillis(heartbeat))
                    .failureTimeout(Duration.ofMillis(failure))
                    .fetchTimeout(Duration.ofMillis(r.number("fetchTimeoutMillis", 1, 600_000)))
                    .preferredSecondary(preferred)
                    .maxAttributeBytes(maxAttribute)
                    .maxSessionBytes(maxSession)
                    .build();
            ArtemisTransportConfig transport = r.transport();
            RouteKeys keys = r.routeKeys();
            String filter = r.deserializationFilter();
            return new AdapterSettings(engine, transport, keys, filter, r.overrides);
        } catch (InvalidProperty e) {
            throw new ResourceAdapterInternalException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ResourceAdapterInternalException("Invalid Understudy adapter settings: " + e.getMessage(), e);
        }
    }

    public NodeId nodeId() {
        return engine.nodeId();
    }

    public EngineConfig engineConfig() {
        return engine;
    }

    public ArtemisTransportConfig transportConfig() {
        return transport;
    }

    /** The route MAC key (a copy). */
    byte[] routeSecret() {
        return routeKeys.current();
    }

    /** The route MAC keys: the current one, and the previous ones with the end of their grace period. */
    RouteKeys routeKeys() {
        return routeKeys;
    }

    /** The allow-list in {@link ObjectInputFilter.Config#createFilter} syntax, ending with {@code !*}. */
    public String deserializationFilter() {
        return deserializationFilter;
    }

    /** The properties taken from system properties, with the system property that gave each. */
    public Map<String, String> overrides() {
        return overrides;
    }

    /** For logs: no password, no route secret. */
    @Override
    public String toString() {
        return "AdapterSettings[" + engine + ", " + transport + ", routeSecret=****, " + routeKeys
                + ", deserializationFilter="
                + deserializationFilter + ", overrides=" + overrides.keySet() + "]";
    }

    /** A wrong value; its message names the property. */
    private static final class InvalidProperty extends RuntimeException {
        InvalidProperty(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads raw values with their precedence and parses them, naming the property in every failure. */
    private static final class Reader {
        private final Map<String, String> configured;
        private final UnaryOperator<String> systemProperties;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final Map<String, String> origin = new LinkedHashMap<>();

        Reader(Map<String, String> configured, UnaryOperator<String> systemProperties) {
            this.configured = configured;
            this.systemProperties = systemProperties;
        }

        /** The effective text of {@code name}, stripped unless it is a secret; {@code ""} when unset. */
        String raw(String name) {
            String key = SYSTEM_PROPERTY_PREFIX + name;
            String override = systemProperties.apply(key);
            String value;
            if (override != null && !override.isBlank()) {
                overrides.put(name, key);
                origin.put(name, "system property " + key);
                AdapterLog.C010.log(UnderstudyResourceAdapter.LOG, name, key,
                        CONFIDENTIAL.contains(name) ? "****" : ArtemisTransportConfig.redact(override.strip()));
                value = override;
            } else {
                origin.put(name, "adapter configuration");
                value = configured.getOrDefault(name, "");
                value = value == null ? "" : value;
            }
            if (!"password".equals(name) && UNRESOLVED.matcher(value).find()) {
                // e.g. routeSecret=${ENV=UNDERSTUDY_ROUTE_SECRET} with the variable unset: the literal text
                // would pass as a 30-byte secret shared by everyone who copied the same file
                throw invalid(name, "contains an unresolved variable reference "
                        + (CONFIDENTIAL.contains(name) ? "" : quote(value) + " ") + "(is the variable set?)");
            }
            return CONFIDENTIAL.contains(name) ? value : value.strip();
        }

        InvalidProperty invalid(String name, String problem) {
            return new InvalidProperty("Invalid Understudy adapter property " + name + " (from the "
                    + origin.getOrDefault(name, "adapter configuration") + "): " + problem);
        }

        long number(String name, long min, long max) {
            String text = raw(name);
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw invalid(name, "must be a whole number, was " + quote(text));
            }
            if (value < min || value > max) {
                throw invalid(name, "must be in [" + min + ", " + max + "], was " + value);
            }
            return value;
        }

        NodeId nodeId(String name, boolean required) {
            String text = raw(name);
            if (text.isEmpty()) {
                if (required) {
                    throw invalid(name, "is required: give every node its own id, [a-z0-9-]{1,32} (e.g. -D"
                            + SYSTEM_PROPERTY_PREFIX + name + "=node-1)");
                }
                return null;
            }
            if (!NodeId.isValid(text)) {
                throw invalid(name, "must match [a-z0-9-]{1,32}, was " + quote(text));
            }
            return NodeId.of(text);
        }

        String label(String name) {
            String text = raw(name);
            if (text.length() > 64) {
                throw invalid(name, "must be at most 64 characters, was " + text.length());
            }
            return text;
        }

        ReplicationMode mode() {
            String text = raw("mode");
            try {
                return ReplicationMode.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid("mode", "must be one of " + Arrays.toString(ReplicationMode.values()) + ", was "
                        + quote(text));
            }
        }

        ArtemisTransportConfig transport() {
            String user = raw("user");
            String password = raw("password");
            if (!password.isEmpty() && user.isEmpty()) {
                throw invalid("password", "is set without a user");
            }
            String brokerUrl = raw("brokerUrl");
            String clusterName = raw("clusterName");
            try {
                return ArtemisTransportConfig.builder()
                        .brokerUrl(brokerUrl)
                        .credentials(user.isEmpty() ? null : user, password.isEmpty() ? null : password)
                        .clusterName(clusterName)
                        .build();
            } catch (IllegalArgumentException e) {
                String name = e.getMessage() != null && e.getMessage().contains("clusterName") ? "clusterName"
                        : "brokerUrl";
                throw invalid(name, e.getMessage());
            }
        }

        RouteKeys routeKeys() {
            byte[] current = routeSecret();
            String text = raw("previousRouteSecrets").strip();
            String until = raw("previousRouteSecretsUntil");
            if (text.isEmpty()) {
                return RouteKeys.of(current);
            }
            String[] secrets = text.split("\\s+");
            if (secrets.length > RouteKeys.MAX_PREVIOUS) {
                throw invalid("previousRouteSecrets", "holds " + secrets.length + " secrets, at most "
                        + RouteKeys.MAX_PREVIOUS + " are accepted");
            }
            List<byte[]> previous = new ArrayList<>(secrets.length);
            for (int i = 0; i < secrets.length; i++) {
                byte[] secret = secrets[i].getBytes(StandardCharsets.UTF_8);
                if (secret.length < MIN_ROUTE_SECRET_BYTES) {
                    throw invalid("previousRouteSecrets", "secret #" + (i + 1) + " is too short (" + secret.length
                            + " bytes): each must have at least " + MIN_ROUTE_SECRET_BYTES + " bytes");
                }
                if (Arrays.equals(secret, current)) {
                    throw invalid("previousRouteSecrets", "secret #" + (i + 1) + " is the current routeSecret");
                }
                previous.add(secret);
            }
            if (until.isEmpty()) {
                throw invalid("previousRouteSecretsUntil", "is required with previousRouteSecrets: the instant"
                        + " their grace period ends, e.g. " + Instant.now().plus(Duration.ofDays(1))
                        .truncatedTo(java.time.temporal.ChronoUnit.HOURS));
            }
            Instant end;
            try {
                end = Instant.parse(until);
            } catch (DateTimeParseException e) {
                throw invalid("previousRouteSecretsUntil", "must be an ISO-8601 instant such as"
                        + " 2026-12-01T00:00:00Z, was " + quote(until));
            }
            if (Instant.now().isBefore(end)) {
                AdapterLog.C060.log(UnderstudyResourceAdapter.LOG, previous.size(), end);
            } else {
                AdapterLog.C061.log(UnderstudyResourceAdapter.LOG, end);
            }
            return new RouteKeys(current, previous, end);
        }

        private byte[] routeSecret() {
            byte[] secret = raw("routeSecret").getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_ROUTE_SECRET_BYTES) {
                throw invalid("routeSecret", (secret.length == 0 ? "is required" : "is too short (" + secret.length
                        + " bytes)") + ": set the same secret of at least " + MIN_ROUTE_SECRET_BYTES
                        + " bytes on every node of the cluster, e.g. the output of: openssl rand -hex 32");
            }
            return secret;
        }

        String deserializationFilter() {
            String text = raw("deserializationAllowList");
            if (text.isEmpty()) {
                throw invalid("deserializationAllowList", "must not be empty");
            }
            String[] patterns = text.split(";");
            String last = patterns[patterns.length - 1].strip();
            if (!REJECT_ALL.equals(last)) {
                text = text + (text.endsWith(";") ? "" : ";") + REJECT_ALL;
                AdapterLog.C011.log(UnderstudyResourceAdapter.LOG);
            }
            try {
                ObjectInputFilter.Config.createFilter(text);
            } catch (IllegalArgumentException e) {
                throw invalid("deserializationAllowList", "is not a valid ObjectInputFilter pattern list: "
                        + e.getMessage());
            }
            return text;
        }

        private static String quote(String v) {
            String shown = v.length() > 40 ? v.substring(0, 40) + "…" : v;
            return '"' + shown.replaceAll("[^\\x20-\\x7e]", "?") + '"';
        }
    }
}
