package dev.understudy.admin;

import dev.understudy.api.CodedMessage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every log line of the admin WAR, with its stable code ({@code US-A00x} finding the adapter, {@code US-A01x}
 * run-time changes through the REST resource, {@code US-A02x} metrics). Codes are never reused. Patterns are
 * {@link java.text.MessageFormat} patterns: no apostrophes. {@code AdminLogTest} renders each one.
 */
enum AdminLog implements CodedMessage {
    A001(Level.INFO, "Understudy admin: the adapter of node {0} found under {1}"),
    A002(Level.WARNING, "Understudy admin: no Understudy adapter to report on ({0}); health is DOWN and the REST"
            + " resource answers 503 until one is deployed"),
    A003(Level.WARNING, "Understudy admin: the adapter of node {0} does not answer ({1}); looking it up again"),

    A010(Level.INFO, "Understudy admin: {0} changed {1} on node {2} to {3}"),
    A011(Level.WARNING, "Understudy admin: {0} asked to change {1} on node {2}, refused: {3}"),

    A020(Level.INFO, "Understudy metrics of node {0} registered: {1} gauges, {2} counters"),
    A021(Level.WARNING, "Understudy metrics: cannot schedule the status refresh ({0}); counters move when scraped");

    static final Logger LOG = Logger.getLogger("dev.understudy.admin");

    private final Level level;
    private final String pattern;

    AdminLog(Level level, String pattern) {
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

    void log(Object... args) {
        log(LOG, args);
    }
}
