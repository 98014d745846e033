package dev.understudy.connector;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.spi.Transport;

/**
 * The engine's transport, with the adapter listening in on connection events (the engine has no callback for
 * them): everything is forwarded unchanged, the engine first.
 */
final class ObservedTransport implements Transport {
    private final Transport delegate;
    private final BrokerWatch watch;

    ObservedTransport(Transport delegate, BrokerWatch watch) {
        this.delegate = delegate;
        this.watch = watch;
    }

    @Override
    public void start(NodeId self, Listener engine) {
        delegate.start(self, new Listener() {
            @Override
            public void onFrame(byte[] frame) {
                engine.onFrame(frame);
            }

            @Override
            public void onConnected() {
                engine.onConnected();
                watch.connected(self);
            }

            @Override
            public void onDisconnected(Throwable cause) {
                engine.onDisconnected(cause);
                watch.disconnected(self, cause);
            }

            @Override
            public void onUndeliverable(NodeId to, byte[] frame, Throwable cause) {
                engine.onUndeliverable(to, frame, cause);
            }

            @Override
            public void onPeerGone(NodeId peer) {
                engine.onPeerGone(peer);
            }
        });
    }

    @Override
    public void send(NodeId to, byte[] frame) {
        delegate.send(to, frame);
    }

    @Override
    public void broadcast(byte[] frame) {
        delegate.broadcast(frame);
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
