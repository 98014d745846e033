package dev.understudy.core.engine;

import dev.understudy.core.codec.CodecException;
import dev.understudy.core.codec.FrameCodec;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.protocol.Frame;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.protocol.NackReason;
import dev.understudy.core.spi.Transport;
import java.util.HashSet;
import java.util.Set;

/**
 * Where frames come in: decoded on the transport's thread (a corrupt frame is counted, logged and dropped
 * there, never reaching engine state), then handed to the loop and routed message by message to the part of
 * the engine that owns it.
 */
final class Dispatcher implements Transport.Listener {
    private final EngineContext ctx;
    private final FrameCodec codec;
    private final PrimarySide primary;
    private final BackupSide backup;
    private final Takeover takeover;
    private final Cluster cluster;
    private final Drain drain;

    Dispatcher(EngineContext ctx, FrameCodec codec, PrimarySide primary, BackupSide backup, Takeover takeover,
            Cluster cluster, Drain drain) {
        this.ctx = ctx;
        this.codec = codec;
        this.primary = primary;
        this.backup = backup;
        this.takeover = takeover;
        this.cluster = cluster;
        this.drain = drain;
    }

    @Override
    public void onFrame(byte[] bytes) {
        Frame frame = decode(bytes);
        if (frame == null) {
            return;
        }
        if (frame.targetNumber() != 0 && frame.targetNumber() != ctx.self.number()) {
            ctx.count(Counter.STALE_INCARNATION_FRAMES);
            LogCode.STALE_INCARNATION.log(EngineContext.LOG, frame.sender());
            return;
        }
        execute(() -> frame.messages().forEach(m -> dispatch(frame.sender(), m)));
    }

    private Frame decode(byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (CodecException e) {
            ctx.count(Counter.CORRUPT_FRAMES);
            LogCode.CORRUPT_FRAME.log(EngineContext.LOG, e.getMessage());
            return null;
        }
    }

    private void execute(Runnable task) {
        if (!ctx.loop.isClosed()) {
            ctx.loop.execute(task);
        }
    }

    void dispatch(NodeId from, Message m) {
        if (m instanceof Message.Heartbeat hb) {
            cluster.onHeartbeat(hb);
        } else if (m instanceof Message.Leave leave) {
            cluster.onLeave(from, leave);
        } else if (m instanceof Message.Ping ping) {
            cluster.onPing(from, ping);
        } else if (m instanceof Message.StateTransfer st) {
            backup.onStateTransfer(from, st);
        } else if (m instanceof Message.Delta d) {
            backup.onDelta(from, d);
        } else if (m instanceof Message.Touch t) {
            backup.onTouch(from, t);
        } else if (m instanceof Message.Ack ack) {
            onAck(from, ack);
        } else if (m instanceof Message.Nack nack) {
            onNack(from, nack);
        } else if (m instanceof Message.ResyncRequest r) {
            primary.onResyncRequest(from, r);
        } else if (m instanceof Message.FetchRequest f) {
            takeover.onFetchRequest(from, f);
        } else if (m instanceof Message.FetchReply f) {
            takeover.onFetchReply(from, f);
        } else if (m instanceof Message.Revoke r) {
            primary.onRevoke(from, r);
        } else if (m instanceof Message.Release r) {
            backup.onRelease(from, r);
        } else if (m instanceof Message.Invalidate i) {
            backup.onInvalidate(from, i);
        } else if (m instanceof Message.ChangeId c) {
            backup.onChangeId(from, c);
        } else if (m instanceof Message.VersionDigest v) {
            backup.onDigest(from, v);
        }
    }

    private void onAck(NodeId from, Message.Ack ack) {
        if (takeover.isClaimAnswer(from, ack.key())) {
            takeover.onClaimAck(ack);
        } else if (!drain.onAck(from, ack)) {
            primary.onAck(from, ack);
        }
    }

    private void onNack(NodeId from, Message.Nack nack) {
        if (takeover.isClaimAnswer(from, nack.key())) {
            takeover.onClaimNack(nack);
        } else if (nack.reason() == NackReason.UNKNOWN_SESSION) {
            backup.onUnknownAtPrimary(from, nack.key());
        } else {
            primary.onNack(from, nack);
        }
    }

    @Override
    public void onConnected() {
        execute(cluster::onConnected);
    }

    @Override
    public void onDisconnected(Throwable cause) {
        execute(() -> cluster.onDisconnected(cause));
    }

    @Override
    public void onUndeliverable(NodeId to, byte[] bytes, Throwable cause) {
        ctx.count(Counter.UNDELIVERABLE_FRAMES);
        Frame frame = decode(bytes);
        if (frame == null || to == null) {
            return;
        }
        Set<SessionKey> keys = new HashSet<>();
        for (Message m : frame.messages()) {
            if (m instanceof Message.Delta d) {
                keys.add(d.key());
            } else if (m instanceof Message.StateTransfer st) {
                keys.add(st.key());
            } else if (m instanceof Message.ChangeId c) {
                keys.add(c.key().withId(c.newId()));
            }
        }
        execute(() -> {
            int marked = 0;
            for (var key : keys) {
                PrimaryRecord rec = ctx.primaries.get(key);
                if (rec != null && to.equals(rec.secondary)) {
                    rec.needsFullState = true;
                    marked++;
                }
            }
            LogCode.UNDELIVERABLE.log(EngineContext.LOG, to, String.valueOf(cause), marked);
        });
    }

    @Override
    public void onPeerGone(NodeId peer) {
        execute(() -> cluster.onPeerGone(peer));
    }
}
