package dev.understudy.transport.artemis;

import dev.understudy.api.CodedMessage;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every log line of the Artemis transport, with its stable code ({@code US-T1xx} connection, {@code US-T2xx}
 * sending, {@code US-T3xx} receiving, {@code US-T4xx} peers and listener, {@code US-T5xx} broker security). Codes are never reused.
 * Patterns are {@link MessageFormat} patterns: no apostrophes.
 */
enum TransportLog implements CodedMessage {
    T100(Level.INFO, "Node {0} starts its Artemis transport: cluster {1}, broker {2}"),
    T101(Level.INFO, "Node {0} connected to the broker {1}"),
    T102(Level.WARNING, "Node {0} cannot reach the broker {1}; retrying every {2} ms: {3}"),
    T103(Level.INFO, "Node {0} still cannot reach the broker after {1} attempts: {2}"),
    T104(Level.WARNING, "Node {0} lost its broker connection; the client reconnects every {1} ms: {2}"),
    T105(Level.INFO, "Node {0} reconnected to the broker {1}"),
    T106(Level.WARNING, "Node {0} ran out of reconnection attempts; opening a fresh connection"),
    T107(Level.WARNING, "Node {0} could not set up its queues and consumers, retrying in {1} ms: {2}"),
    T108(Level.INFO, "Node {0} closed its Artemis transport: {1}"),
    T109(Level.WARNING, "Node {0}: the queue {1} of an earlier connection still exists; retrying until the broker"
            + " drops it (connection TTL)"),
    T110(Level.WARNING, "Node {0} reconnected but its queues or consumers did not come back; opening a fresh"
            + " connection"),

    T201(Level.WARNING, "Frame for {0} ({1} bytes) undeliverable: the send queue is full ({2} frames); {3} so far"),
    T202(Level.WARNING, "Frame for {0} ({1} bytes) undeliverable: no broker connection; {2} so far"),
    T203(Level.WARNING, "Frame for {0} ({1} bytes) undeliverable: the send failed; {2} so far: {3}"),
    T204(Level.WARNING, "Node {0}: {1} frame(s) handed to the broker but not confirmed when the connection failed"
            + " are reported undeliverable"),
    T205(Level.WARNING, "Frame for {0} undeliverable: {1} bytes exceed the limit of {2}"),
    T206(Level.WARNING, "Node {0} discarded {1} frame(s) still queued when the transport closed"),
    T207(Level.WARNING, "Frame for {0} ({1} bytes) dropped: the transport is closed; {2} so far"),
    T208(Level.WARNING, "Frame for {0} ({1} bytes) rejected by the broker; {2} so far: {3}"),

    T301(Level.WARNING, "Node {0} dropped a received frame of {1} bytes: above the limit of {2}"),
    T302(Level.SEVERE, "Node {0}: the listener failed on a received frame of {1} bytes; the frame is dropped"),
    T303(Level.WARNING, "Node {0} dropped an unreadable message from {1}"),

    T401(Level.INFO, "Node {0}: the broker reports that node {1} lost its consumer"),
    T402(Level.WARNING, "Node {0} cannot watch the broker notifications on {1}; peer-gone hints are off,"
            + " heartbeats still work: {2}"),
    T403(Level.SEVERE, "Node {0}: the listener failed in {1}"),
    T404(Level.WARNING, "Node {0} cannot open its lifeline connection to the broker; peers will notice its death by"
            + " heartbeats only (the failure timeout, not milliseconds): {1}"),

    T500(Level.SEVERE, "Node {0}: the broker {1} refused the login of user {2} (no user, an unknown user or a wrong"
            + " password: check the user and password properties); retrying every {3} ms: {4}"),
    T501(Level.SEVERE, "Node {0}: the broker {1} denied user {2} a permission the transport needs (its security"
            + " settings must grant what server-configs/artemis/README.md lists for this node); retrying every {3} ms:"
            + " {4}");


    private final Level level;
    private final String pattern;

    TransportLog(Level level, String pattern) {
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

    /** For counted drops: the first and every {@link #LOG_EVERY}-th at this message's level, the rest at FINE. */
    void logCounted(Logger logger, long count, Object... args) {
        logSampled(logger, count, null, args);
    }
}
