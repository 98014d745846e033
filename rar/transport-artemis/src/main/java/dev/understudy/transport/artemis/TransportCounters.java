package dev.understudy.transport.artemis;

import java.util.concurrent.atomic.AtomicLong;

/** The counters behind {@link TransportStats}, plus one per reason a frame was reported undeliverable. */
final class TransportCounters {
    final AtomicLong confirmed = new AtomicLong();
    final AtomicLong undeliverable = new AtomicLong();
    final AtomicLong discarded = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong receiveDropped = new AtomicLong();
    final AtomicLong peerGone = new AtomicLong();
    final AtomicLong disconnections = new AtomicLong();

    final AtomicLong queueFull = new AtomicLong();
    final AtomicLong notConnected = new AtomicLong();
    final AtomicLong sendFailed = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    TransportStats snapshot(int queued, int inFlight, boolean connected) {
        return new TransportStats(confirmed.get(), undeliverable.get(), discarded.get(), received.get(),
                receiveDropped.get(), peerGone.get(), disconnections.get(), queued, inFlight, connected);
    }
}
