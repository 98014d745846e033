package dev.understudy.core.spi;

import dev.understudy.core.model.NodeId;

/**
 * How engines exchange frames. Implementations: Artemis (production), in-memory (tests).
 *
 * <p>Contract: {@link #send} and {@link #broadcast} never block for long and never throw for a broker
 * problem; a frame that could not be handed to the broker is reported to
 * {@link Listener#onUndeliverable}, so that the engine resyncs what it carried. Frames from one sender to
 * one receiver arrive in the order sent. Node ids reaching a transport are already validated.
 */
public interface Transport extends AutoCloseable {

    /**
     * Starts the transport for {@code self}: consume frames sent to it and broadcasts. Must not fail because
     * the broker is down: it reports {@link Listener#onDisconnected} and keeps trying.
     */
    void start(NodeId self, Listener listener);

    /** Queues {@code frame} for delivery to {@code to}'s queue. */
    void send(NodeId to, byte[] frame);

    /** Queues {@code frame} for every node, the sender included. */
    void broadcast(byte[] frame);

    /** True while the broker connection is up. */
    boolean isConnected();

    /**
     * Closes every connection and thread. Sends nothing of its own: a graceful leave is the engine's
     * business, so closing without one looks to peers exactly like a crash.
     */
    @Override
    void close();

    /** Callbacks from the transport's own threads. Implementations must return quickly. */
    interface Listener {
        void onFrame(byte[] frame);

        /** Connected for the first time or again after an outage. */
        void onConnected();

        void onDisconnected(Throwable cause);

        /** A frame for {@code to} ({@code null}: a broadcast) could not be handed to the broker. */
        void onUndeliverable(NodeId to, byte[] frame, Throwable cause);

        /** The broker reported that {@code peer}'s consumer went away (a fast, optional failure hint). */
        void onPeerGone(NodeId peer);
    }
}
