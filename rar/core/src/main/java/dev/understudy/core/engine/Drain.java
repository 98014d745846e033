package dev.understudy.core.engine;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.protocol.Message.StateTransfer.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A graceful leave: every session this node serves is handed to its secondary (or, unprotected, to any live
 * node), which becomes its primary at the next epoch; only when they all acknowledged, or the sync timeout
 * passed, does the node announce that it leaves. Rolling restarts lose nothing. Loop thread only.
 */
final class Drain {
    private final EngineContext ctx;
    private final Map<SessionKey, NodeId> handoffs = new HashMap<>();
    private CompletableFuture<Void> done;
    private EventLoop.Timer timer;
    private int handedOver;

    Drain(EngineContext ctx) {
        this.ctx = ctx;
    }

    boolean isLeaving() {
        return done != null;
    }

    CompletableFuture<Void> start() {
        if (done != null) {
            return done;
        }
        done = new CompletableFuture<>();
        ctx.batcher.flush();
        for (PrimaryRecord rec : List.copyOf(ctx.primaries.values())) {
            NodeId target = rec.secondary != null && ctx.members.isLive(rec.secondary)
                    ? rec.secondary : ctx.chooseSecondary().secondary();
            ctx.primaries.remove(rec.key);
            rec.failWaiters(new NotOwnerException(rec.key, ctx.selfId() + " is leaving"));
            if (target == null) {
                continue;
            }
            ctx.outbox.send(target, new Message.StateTransfer(rec.key, rec.stamp.nextEpoch(), target, Reason.HANDOFF,
                    null, rec.data));
            handoffs.put(rec.key, target);
            handedOver++;
        }
        timer = ctx.loop.schedule(ctx.config.syncTimeout().toNanos(), this::finish);
        finishIfDone();
        return done;
    }

    /** Consumes the acknowledgement of a handoff; false if {@code ack} is about something else. */
    boolean onAck(NodeId from, Message.Ack ack) {
        if (done == null || !from.equals(handoffs.get(ack.key()))) {
            return false;
        }
        handoffs.remove(ack.key());
        ctx.count(Counter.HANDOFFS);
        finishIfDone();
        return true;
    }

    private void finishIfDone() {
        if (handoffs.isEmpty()) {
            finish();
        }
    }

    private void finish() {
        if (done.isDone()) {
            return;
        }
        timer.cancel();
        ctx.outbox.broadcast(new Message.Leave(ctx.selfId()));
        ctx.outbox.flush();
        LogCode.LEFT.log(EngineContext.LOG, ctx.selfId(), handedOver, handoffs.size());
        done.complete(null);
    }
}
