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
 * In {@code SYNC} and {@code ASYNC} they go straight to the outbox (and leave at the end of the loop run);
 * in {@code BATCH} they are held until {@code batchSize} are queued or {@code batchDelay} has passed since
 * the oldest, whichever comes first (seed ¶67). Order per destination is kept in every mode, so a batch
 * never lets a full state overtake the deltas before it. Loop thread only.
 */
final class Batcher {
    private final Outbox outbox;
    private final EventLoop loop;
    private final EngineMetrics metrics;
    private final Map<NodeId, List<Message>> held = new LinkedHashMap<>();
    private ReplicationMode mode;
    private int batchSize;
    private long batchDelayNanos;
    private int count;
    private EventLoop.Timer timer;

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
        if (mode != ReplicationMode.BATCH) {
            outbox.send(to, message);
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

    /** Moves everything held to the outbox now (counted as a forced flush if anything was held). */
    void flush() {
        release(Counter.BATCH_FLUSHES_FORCED);
    }

    private void release(Counter why) {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (count > 0) {
            metrics.increment(why);
            metrics.add(Counter.BATCHED_MESSAGES, count);
        }
        held.forEach((to, messages) -> messages.forEach(m -> outbox.send(to, m)));
        held.clear();
        count = 0;
    }
}
