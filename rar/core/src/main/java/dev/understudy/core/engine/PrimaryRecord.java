package dev.understudy.core.engine;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.SessionSnapshot;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.placement.Choice;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** A session this node serves. Loop thread only. */
final class PrimaryRecord {
    SessionKey key;
    Stamp stamp;
    SessionData data;
    NodeId secondary;
    Choice choice;
    /** The next replication message to the secondary must be the whole state. */
    boolean needsFullState = true;
    /** False after a lease lapse: verify with the secondary before serving (I3). */
    boolean verified = true;
    /** Highest stamp the current secondary acknowledged at the current epoch. */
    Stamp acked;
    /** SYNC callers waiting for the secondary, by the version they wait for. */
    final TreeMap<Long, CompletableFuture<Stamp>> waiters = new TreeMap<>();
    /**
     * Changes sent to the secondary and not acknowledged yet, oldest first, as {version, queued at (nanos)}: the
     * replication lag. {@code null} while there are none; at most {@value #MAX_PENDING} (beyond that the oldest
     * entries still give the lag, and later ones are not timed).
     */
    private ArrayDeque<long[]> pending;
    static final int MAX_PENDING = 1024;

    PrimaryRecord(SessionKey key, Stamp stamp, SessionData data) {
        this.key = key;
        this.stamp = stamp;
        this.data = data;
    }

    SessionSnapshot snapshot(NodeId self) {
        return new SessionSnapshot(key, stamp, self, secondary, data);
    }

    /** Registers a waiter for {@code version}; several callers of one version share the future. */
    CompletableFuture<Stamp> await(long version) {
        if (acked != null && acked.epoch() == stamp.epoch() && acked.version() >= version) {
            return CompletableFuture.completedFuture(acked);
        }
        return waiters.computeIfAbsent(version, v -> new CompletableFuture<>());
    }

    /**
     * Completes every waiter at or below {@code ack}'s version.
     *
     * @return when the newest change this acknowledges was queued ({@link System#nanoTime()}), or
     *         {@link Long#MIN_VALUE} if it was not timed
     */
    long acknowledge(Stamp ack) {
        if (acked == null || ack.isNewerThan(acked)) {
            acked = ack;
        }
        Map<Long, CompletableFuture<Stamp>> done = waiters.headMap(ack.version(), true);
        done.values().forEach(f -> f.complete(ack));
        done.clear();
        long queuedAt = Long.MIN_VALUE;
        while (pending != null && !pending.isEmpty() && pending.peekFirst()[0] <= ack.version()) {
            queuedAt = pending.pollFirst()[1];
        }
        if (pending != null && pending.isEmpty()) {
            pending = null;
        }
        return queuedAt;
    }

    /** Notes that the change at the current version was queued for the secondary at {@code now}. */
    void queued(long now) {
        if (pending == null) {
            pending = new ArrayDeque<>(4);
        }
        if (pending.size() < MAX_PENDING) {
            pending.addLast(new long[] {stamp.version(), now});
        }
    }

    /** Forgets the changes waiting for an acknowledgement (the session has no secondary to give one). */
    void forgetQueued() {
        pending = null;
    }

    /** When the oldest change not acknowledged yet was queued; {@link Long#MAX_VALUE} if none. */
    long oldestQueued() {
        return pending == null ? Long.MAX_VALUE : pending.peekFirst()[1];
    }

    /** Fails every waiter (the session moved, was invalidated, or the node stops). */
    void failWaiters(RuntimeException cause) {
        waiters.values().forEach(f -> f.completeExceptionally(cause));
        waiters.clear();
    }
}
