package dev.understudy.benchmarks.http;

import java.util.Locale;

/** A configuration under test: which application (context root) and, for Understudy, which replication mode. */
enum Config {
    /** The ceiling: the sample without the filter, sticky sessions, nothing replicated. */
    OFF("replication off", "/plain", null),
    /** Understudy, the response waits until the secondary applied the change. */
    SYNC("Understudy SYNC", "/sample", "SYNC"),
    /** Understudy, the change is sent after the response, ordered per session. */
    ASYNC("Understudy ASYNC", "/sample", "ASYNC"),
    /** Understudy, changes held and sent in batches (the adapter's batch size and delay). */
    BATCH("Understudy BATCH", "/sample", "BATCH"),
    /** Payara Micro's own replication: a {@code <distributable/>} WAR in a Payara (Hazelcast) cluster. */
    PAYARA_HAZELCAST("Payara Hazelcast sessions", "/hz", null);

    private final String label;
    private final String contextRoot;
    private final String understudyMode;

    Config(String label, String contextRoot, String understudyMode) {
        this.label = label;
        this.contextRoot = contextRoot;
        this.understudyMode = understudyMode;
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

    /** {@code off}, {@code sync}, {@code async}, {@code batch}, {@code payara-hazelcast} (or the enum name). */
    static Config parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (name.equals("PAYARA") || name.equals("HZ")) {
            return PAYARA_HAZELCAST;
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a configuration (off, sync, async, batch, payara-hazelcast): "
                    + text);
        }
    }

    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
