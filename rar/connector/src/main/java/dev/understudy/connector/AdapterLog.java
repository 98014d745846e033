package dev.understudy.connector;

import dev.understudy.api.CodedMessage;

import java.util.logging.Level;

/**
 * Every log line of the resource adapter, with its stable code ({@code US-C00x} lifecycle, {@code US-C01x}
 * settings, {@code US-C02x} broker connection, {@code US-C03x} session events, {@code US-C04x} managed
 * connections, {@code US-C05x} run-time changes and the management bean, {@code US-C06x} security settings). Codes are never reused; operators may
 * alert on them. Patterns are {@link MessageFormat} patterns: no apostrophes. {@code AdapterLogTest} renders each
 * one.
 */
enum AdapterLog implements CodedMessage {
    C001(Level.INFO, "Understudy adapter for node {0} starting: cluster {1}, broker {2}, mode {3}, topology {4}"),
    C002(Level.INFO, "Understudy adapter for node {0} started; it serves sessions as soon as the broker answers"),
    C003(Level.INFO, "Understudy adapter for node {0} stopping: handing its sessions to their secondaries"),
    C004(Level.INFO, "Understudy adapter for node {0} stopped"),
    C005(Level.SEVERE, "Understudy adapter refused to start: {0}"),
    C006(Level.WARNING, "Understudy adapter for node {0}: the graceful leave did not complete ({1}); stopped anyway"),
    C007(Level.WARNING, "Understudy adapter: endpoint activation refused, the adapter has no inbound side ({0})"),

    C010(Level.INFO, "Setting {0} comes from the system property {1} (value {2}), overriding the adapter configuration"),
    C011(Level.INFO, "Setting deserializationAllowList does not end with the reject-all pattern; appended !* so that"
            + " only the listed classes deserialize"),

    C020(Level.WARNING, "Node {0} has no broker connection ({1}); sessions are served unprotected meanwhile;"
            + " {2} managed connection(s) reported to the container"),
    C021(Level.INFO, "Node {0} is connected to the broker"),
    C022(Level.WARNING, "The WorkManager refused the broker-failure notification ({0}); notifying on this thread"),

    C030(Level.WARNING, "The session event listener for {0} {1} failed on {2} of session {3}: {4}"),
    C031(Level.FINE, "No session event listener for {0} {1}: {2} event of session {3} not delivered"),

    C040(Level.FINE, "Managed connection {0} reports CONNECTION_ERROR_OCCURRED to {1} listener(s): {2}"),
    C041(Level.FINE, "Managed connection {0} cleaned up with {1} handle(s) still open; they are invalid now"),

    C050(Level.INFO, "Run-time change on node {0}: {1} {2} -> {3}"),
    C051(Level.WARNING, "Run-time change on node {0} refused, nothing changed: {1}"),
    C052(Level.INFO, "Node {0}: management bean {1} registered"),
    C053(Level.WARNING, "Node {0}: management bean {1} not registered ({2}); run-time changes stay available through"
            + " ReplicationConnectionFactory.admin()"),
    C054(Level.WARNING, "Node {0}: management bean {1} not unregistered ({2})"),

    C060(Level.INFO, "Route key rotation: {0} previous route secret(s) verify cookies and bean handles until {1};"
            + " routes are signed with the current routeSecret only"),
    C061(Level.WARNING, "The grace period of previousRouteSecrets ended at {0}: routes signed with them are refused;"
            + " remove them from the configuration");

    private final Level level;
    private final String pattern;

    AdapterLog(Level level, String pattern) {
        this.level = level;
        this.pattern = pattern;
    }

    @Override
    public Level level() {
        return level;
    }

    @Override
    public String pattern() {
        return pattern;
    }
}
