package dev.understudy.transport.artemis;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.spi.Transport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records every callback of a transport, for assertions with Awaitility. */
final class RecordingListener implements Transport.Listener {

    record Undeliverable(NodeId to, byte[] frame, Throwable cause) {
    }

    final List<byte[]> frames = new CopyOnWriteArrayList<>();
    final List<Undeliverable> undeliverable = new CopyOnWriteArrayList<>();
    final List<NodeId> gone = new CopyOnWriteArrayList<>();
    /** "up" and "down" in the order reported. */
    final List<String> connectivity = new CopyOnWriteArrayList<>();
    final AtomicInteger callbacksAfterClose = new AtomicInteger();
    volatile boolean closed;

    @Override
    public void onFrame(byte[] frame) {
        check();
        frames.add(frame);
    }

    @Override
    public void onConnected() {
        check();
        connectivity.add("up");
    }

    @Override
    public void onDisconnected(Throwable cause) {
        check();
        connectivity.add("down");
    }

    @Override
    public void onUndeliverable(NodeId to, byte[] frame, Throwable cause) {
        check();
        undeliverable.add(new Undeliverable(to, frame, cause));
    }

    @Override
    public void onPeerGone(NodeId peer) {
        check();
        gone.add(peer);
    }

    long ups() {
        return connectivity.stream().filter("up"::equals).count();
    }

    long downs() {
        return connectivity.stream().filter("down"::equals).count();
    }

    private void check() {
        if (closed) {
            callbacksAfterClose.incrementAndGet();
        }
    }
}
