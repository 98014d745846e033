package dev.understudy.benchmarks.http;

import java.util.Locale;

/**
 * A configuration under test: which servers run it, which application (context root) and, for Understudy, which
 * replication mode.
 */
enum Config {
    /** The ceiling: the sample without the filter, sticky sessions, nothing replicated. */
    OFF("replication off", "/plain", null, Servers.PAYARA_MICRO),
    /** Understudy, the response waits until the secondary applied the change. */
    SYNC("Understudy SYNC", "/sample", "SYNC", Servers.PAYARA_MICRO),
    /** Understudy, the change is sent after the response, ordered per session. */
    ASYNC("Understudy ASYNC", "/sample", "ASYNC", Servers.PAYARA_MICRO),
    /** Understudy, changes held and sent in batches (the adapter's batch size and delay). */
    BATCH("Understudy BATCH", "/sample", "BATCH", Servers.PAYARA_MICRO),
    /** Payara Micro's own replication: a {@code <distributable/>} WAR in a Payara (Hazelcast) cluster. */
    PAYARA_HAZELCAST("Payara Hazelcast sessions", "/hz", null, Servers.PAYARA_MICRO),
    /**
     * WildFly 39's own replication: the same {@code <distributable/>} WAR on two WildFly servers (Infinispan over
     * JGroups TCP, SESSION granularity, 2 owners).
     */
    WILDFLY("WildFly 39 distributable sessions", "/wf", null, Servers.WILDFLY);

    /** The pair of JVMs a configuration runs on (its CPU, its replication channel). */
    enum Servers {
        /** The two clustered Payara Micro nodes (which also run the broker's clients and Hazelcast). */
        PAYARA_MICRO,
        /** The two WildFly servers ({@link WildFlyPair}). */
        WILDFLY
    }

    private final String label;
    private final String contextRoot;
    private final String understudyMode;
    private final Servers servers;

    Config(String label, String contextRoot, String understudyMode, Servers servers) {
        this.label = label;
        this.contextRoot = contextRoot;
        this.understudyMode = understudyMode;
        this.servers = servers;
    }

    Servers servers() {
        return servers;
    }

    String label() {
        return label;
    }

    String contextRoot() {
        return contextRoot;
    }

    /** The adapter's mode for this configuration, or null if Understudy does not serve it. */
    String understudyMode() {
        return understudyMode;
    }

    /**
     * {@code off}, {@code sync}, {@code async}, {@code batch}, {@code payara-hazelcast} (or {@code payara},
     * {@code hz}), {@code wildfly} (or {@code wf}); case-insensitive.
     */
    static Config parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (name.equals("PAYARA") || name.equals("HZ")) {
            return PAYARA_HAZELCAST;
        }
        if (name.equals("WF")) {
            return WILDFLY;
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a configuration (off, sync, async, batch, payara-hazelcast,"
                    + " wildfly): "
                    + text);
        }
    }

    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
