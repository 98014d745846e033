package dev.understudy.web;

import dev.understudy.api.CodedMessage;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every log line of the web filter, with its stable code ({@code US-W001}..{@code US-W099}: {@code W00x}
 * lifecycle and configuration, {@code W01x} requests and cookies, {@code W02x} replication, {@code W03x}
 * attributes, {@code W04x} listeners). Codes are never reused. Patterns are {@link MessageFormat} patterns: no
 * apostrophes.
 */
enum WebLog implements CodedMessage {
    W001(Level.INFO, "Replicated sessions for context {0}: cookie {1}, connection factory {2}, {3} session"
            + " listener(s) {4}"),
    W002(Level.WARNING, "No replication connection factory under {0}; retrying when a request needs a session: {1}"),
    W003(Level.INFO, "Replication connection factory found under {0}"),
    W004(Level.SEVERE, "A request needs a replicated session but no connection factory is available under {0};"
            + " {1} so far"),
    W005(Level.WARNING, "Cannot register the expiry listener for context {0}; session listeners will not hear of"
            + " expired sessions: {1}"),
    W006(Level.INFO, "Replicated sessions for context {0} stopped"),
    W007(Level.WARNING, "SameSite=None without Secure for cookie {0}: browsers reject such cookies"),

    W010(Level.WARNING, "Session cookie {0} carries no valid route (garbled or forged): treated as no session;"
            + " {1} so far"),
    W011(Level.INFO, "Session {0} was past its max inactive interval when opened (last access {1}, {2} s):"
            + " served as absent; {3} so far"),
    W012(Level.WARNING, "Cookie for session {0} not written: the response was already committed; {1} so far"),
    W013(Level.INFO, "Session {0} arrived on this node (takeover); {1} activation listener value(s) told"),

    W020(Level.INFO, "Session {0} moved to another owner during {1}; reopened; {2} so far"),
    W021(Level.WARNING, "Session {0} no longer exists anywhere during {1}; the changes of this request are"
            + " dropped; {2} so far"),
    W022(Level.WARNING, "Replicating session {0} failed during {1}: {2}; {3} so far"),
    W023(Level.WARNING, "Touch of session {0} failed: {1}; {2} so far"),
    W024(Level.WARNING, "Expiry of session {0} could not be handed to the event executor: {1}; {2} so far"),
    W025(Level.SEVERE, "The adapter deserialization filter {0} is invalid: every attribute is refused until it is"
            + " fixed: {1}"),

    W030(Level.WARNING, "Attribute {0} of session {1} quarantined, the rest of the session is served: {2};"
            + " {3} so far"),
    W031(Level.WARNING, "Attribute {0} of session {1} was changed in place but can no longer be serialized; the"
            + " change is not replicated: {2}; {3} so far"),

    W040(Level.WARNING, "Session listener {0} failed in {1} for session {2}; {3} so far"),
    W041(Level.WARNING, "Session listener class {0} is not used: {1}"),
    W042(Level.WARNING, "Session listener {0} also implements ServletContextListener: the filter would need an"
            + " instance of its own, which the container never initializes; name it in the listeners parameter to"
            + " use it anyway"),
    W043(Level.WARNING, "Cannot read {0} to discover session listeners: {1}");


    private final Level level;
    private final String pattern;

    WebLog(Level level, String pattern) {
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

    /** Whether the message ends with its count ({@code "... {n} so far"}): one for {@link #logCounted}. */
    boolean counted() {
        return pattern.endsWith("} so far");
    }

    /**
     * For counted problems: {@code args} then {@code count} fill the pattern; the first and every
     * {@link #LOG_EVERY}-th are logged at this message's level, the rest at FINE.
     */
    void logCounted(Logger logger, long count, Object... args) {
        logCounted(logger, null, count, args);
    }
}
