package dev.understudy.core.testing;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.spi.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/**
 * A broker in memory for unit tests of the engine: one delivery thread per node keeps frames from one sender
 * in order, as Artemis does. Tests can drop frames with a filter, and see the same connection events a
 * real broker gives (a closed transport reports its peers gone).
 */
public final class InMemoryBroker {
    private final Map<NodeId, Endpoint> endpoints = new ConcurrentHashMap<>();
    private volatile BiPredicate<NodeId, byte[]> dropFilter = (to, frame) -> false;

    public Transport transport() {
        return new Endpoint();
    }

    /** Frames for which {@code filter(to, frame)} is true are silently lost from now on. */
    public void dropWhere(BiPredicate<NodeId, byte[]> filter) {
        this.dropFilter = filter;
    }

    private void deliver(NodeId to, byte[] frame) {
        Endpoint e = endpoints.get(to);
        if (e != null && !dropFilter.test(to, frame)) {
            e.enqueue(frame);
        }
    }

    private final class Endpoint implements Transport {
        private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "in-memory-broker");
            t.setDaemon(true);
            return t;
        });
        private volatile NodeId self;
        private volatile Listener listener;
        private volatile boolean open;

        @Override
        public void start(NodeId id, Listener l) {
            self = id;
            listener = l;
            open = true;
            endpoints.put(id, this);
            delivery.execute(l::onConnected);
        }

        void enqueue(byte[] frame) {
            if (open) {
                delivery.execute(() -> {
                    if (open) {
                        listener.onFrame(frame);
                    }
                });
            }
        }

        @Override
        public void send(NodeId to, byte[] frame) {
            if (open) {
                deliver(to, frame);
            }
        }

        @Override
        public void broadcast(byte[] frame) {
            if (open) {
                for (NodeId to : new ArrayList<>(endpoints.keySet())) {
                    deliver(to, frame);
                }
            }
        }

        @Override
        public boolean isConnected() {
            return open;
        }

        @Override
        public void close() {
            if (!open) {
                return;
            }
            open = false;
            endpoints.remove(self, this);
            delivery.shutdownNow();
            try {
                delivery.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Endpoint> others = new ArrayList<>(endpoints.values());
            for (Endpoint other : others) {
                other.delivery.execute(() -> other.listener.onPeerGone(self));
            }
        }
    }
}
