package dev.understudy.transport.artemis;

/**
 * A snapshot of one transport's counters, for metrics and tests. Every frame handed to {@code send} or
 * {@code broadcast} ends in exactly one of {@code confirmed}, {@code undeliverable} or {@code discarded} (or is
 * still {@code queued} or {@code inFlight}).
 *
 * @param confirmed      frames the broker confirmed having received
 * @param undeliverable  frames reported to {@code Listener.onUndeliverable} (queue full, no connection, send
 *                       failed or rejected, unconfirmed when the connection failed, too large)
 * @param discarded      frames dropped without a callback because the transport was closed (logged, US-T206/T207)
 * @param received       frames passed to {@code Listener.onFrame}
 * @param receiveDropped received messages dropped: too large, unreadable, or the listener threw
 * @param peerGoneHints  {@code onPeerGone} calls
 * @param disconnections times the connection was reported lost
 * @param queued         frames waiting for the sender thread now
 * @param inFlight       frames handed to the broker and not yet confirmed now
 * @param connected      whether the broker connection is up now
 */
public record TransportStats(
        long confirmed,
        long undeliverable,
        long discarded,
        long received,
        long receiveDropped,
        long peerGoneHints,
        long disconnections,
        int queued,
        int inFlight,
        boolean connected) {
}
