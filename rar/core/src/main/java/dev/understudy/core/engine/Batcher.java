package dev.understudy.core.engine;

import dev.understudy.api.ReplicationMode;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.protocol.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The path of replication messages (state, deltas, touches, invalidations, id changes) to secondaries.
 * In {@code SYNC} they go straight to the outbox (and leave at the end of the loop run). In {@code ASYNC} too
 * while the node is quiet; under load — a message within {@link #ASYNC_LINGER_NANOS} of the last one that
 * left — they wait for the rest of that interval, so that the changes of many requests travel in one frame per
 * destination instead of one broker message each (the benchmark kit measured 0.93 messages per request in ASYNC,
 * each costing about as much CPU as the request itself). In {@code BATCH} they are held until
 * {@code batchSize} are queued or {@code batchDelay} has passed since the oldest, whichever comes first
 * (seed ¶67). Order per destination is kept in every mode, so a batch never lets a full state overtake the
 * deltas before it. Loop thread only.
 */
final class Batcher {
    /** ASYNC under load: the longest a message waits for others (1 ms); a quiet node sends at once. */
    static final long ASYNC_LINGER_NANOS = 1_000_000L;
    private final Outbox outbox;
    private final EventLoop loop;
    private final EngineMetrics metrics;
    private final Map<NodeId, List<Message>> held = new LinkedHashMap<>();
    private ReplicationMode mode;
    private int batchSize;
    private long batchDelayNanos;
    private int count;
    private EventLoop.Timer timer;
    private long lastAsyncRelease = EngineContext.now() - ASYNC_LINGER_NANOS;

    Batcher(Outbox outbox, EventLoop loop, EngineMetrics metrics, ReplicationMode mode, int batchSize,
            long batchDelayNanos) {
        this.outbox = outbox;
        this.loop = loop;
        this.metrics = metrics;
        this.mode = mode;
        this.batchSize = batchSize;
        this.batchDelayNanos = batchDelayNanos;
    }

    ReplicationMode mode() {
        return mode;
    }

    /** Changes mode and batch bounds; whatever is held leaves now, so no message waits on an old bound. */
    void reconfigure(ReplicationMode newMode, int newBatchSize, long newBatchDelayNanos) {
        flush();
        mode = newMode;
        batchSize = newBatchSize;
        batchDelayNanos = newBatchDelayNanos;
    }

    /** How many messages are held for the next batch. */
    int held() {
        return count;
    }

    int batchSize() {
        return batchSize;
    }

    long batchDelayNanos() {
        return batchDelayNanos;
    }

    void add(NodeId to, Message message) {
        if (mode == ReplicationMode.SYNC) {
            outbox.send(to, message);
            return;
        }
        if (mode == ReplicationMode.ASYNC) {
            linger(to, message);
            return;
        }
        held.computeIfAbsent(to, k -> new ArrayList<>()).add(message);
        if (++count >= batchSize) {
            release(Counter.BATCH_FLUSHES_BY_COUNT);
        } else if (timer == null) {
            timer = loop.schedule(batchDelayNanos, () -> {
                timer = null;
                release(Counter.BATCH_FLUSHES_BY_TIME);
            });
        }
    }

    /** ASYNC: at once when the last release is older than the linger, else with the others of this interval. */
    private void linger(NodeId to, Message message) {
        long now = EngineContext.now();
        if (count == 0 && now - lastAsyncRelease >= ASYNC_LINGER_NANOS) {
            lastAsyncRelease = now;
            outbox.send(to, message);
            return;
        }
        held.computeIfAbsent(to, k -> new ArrayList<>()).add(message);
        count++;
        if (timer == null) {
            timer = loop.schedule(Math.max(0, lastAsyncRelease + ASYNC_LINGER_NANOS - now), () -> {
                timer = null;
                lastAsyncRelease = EngineContext.now();
                release(null);
            });
        }
    }

    /** Moves everything held to the outbox now (counted as a forced flush if anything was held in BATCH). */
    void flush() {
        release(Counter.BATCH_FLUSHES_FORCED);
    }

    private void release(Counter why) {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (count > 0 && mode == ReplicationMode.BATCH && why != null) {
            metrics.increment(why);
            metrics.add(Counter.BATCHED_MESSAGES, count);
        }
        held.forEach((to, messages) -> messages.forEach(m -> outbox.send(to, m)));
        held.clear();
        count = 0;
    }
}
