package dev.understudy.transport.artemis;

import dev.understudy.core.model.NodeId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.utils.ActiveMQThreadPoolExecutor;

/**
 * Every thread of one transport, all named {@code understudy-artemis-<node>-<role>-<n>} and made by one
 * {@link ThreadFactory} (a container's managed factory in a resource adapter, plain threads otherwise):
 *
 * <ul>
 * <li>{@code sender}: the only thread that calls the broker producer;</li>
 * <li>{@code connector}: connection attempts and rebuilds;</li>
 * <li>{@code events}: every listener callback except {@code onFrame}, in order;</li>
 * <li>{@code client}, {@code client-scheduled}, {@code client-flow}: the Artemis client's pools, given to the
 * locator instead of the JVM-wide global pools (message delivery to handlers, reconnection, pings).</li>
 * </ul>
 *
 * <p>The broker connection's network I/O runs on one Netty event-loop thread per connection, which Netty
 * names ({@code epollEventLoopGroup-*} or {@code nioEventLoopGroup-*}); it ends when the locator closes.
 */
final class TransportThreads {
    static final String PREFIX = "understudy-artemis-";

    /** The client's general pool: bounded, grows on demand, idle threads leave after a minute. */
    static final int CLIENT_THREADS = 8;
    static final int CLIENT_SCHEDULED_THREADS = 2;
    static final int CLIENT_FLOW_CONTROL_THREADS = 2;

    private final ThreadFactory base;
    private final String prefix;
    private final ClassLoader loader = TransportThreads.class.getClassLoader();
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();

    final ExecutorService client;
    final ScheduledExecutorService clientScheduled;
    final ExecutorService clientFlowControl;
    final ScheduledExecutorService connector;
    final ExecutorService events;

    TransportThreads(ThreadFactory base, NodeId node) {
        this.base = base;
        this.prefix = PREFIX + node.value() + "-";
        // After close(), Netty may still hand the client a late channel event: drop it, do not log a failure.
        ActiveMQThreadPoolExecutor clientPool =
                new ActiveMQThreadPoolExecutor(0, CLIENT_THREADS, 60, TimeUnit.SECONDS, named("client"));
        clientPool.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        this.client = clientPool;
        ScheduledThreadPoolExecutor scheduledPool =
                new ScheduledThreadPoolExecutor(CLIENT_SCHEDULED_THREADS, named("client-scheduled"));
        scheduledPool.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        this.clientScheduled = scheduledPool;
        ActiveMQThreadPoolExecutor flowPool = new ActiveMQThreadPoolExecutor(0, CLIENT_FLOW_CONTROL_THREADS, 60,
                TimeUnit.SECONDS, named("client-flow"));
        flowPool.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        this.clientFlowControl = flowPool;
        ScheduledThreadPoolExecutor connectorPool = new ScheduledThreadPoolExecutor(1, named("connector"));
        connectorPool.setRemoveOnCancelPolicy(true);
        this.connector = connectorPool;
        this.events = Executors.newSingleThreadExecutor(named("events"));
    }

    /** A factory for one role's threads. */
    ThreadFactory named(String role) {
        AtomicInteger count = new AtomicInteger();
        String name = prefix + role + "-";
        return task -> {
            Thread thread = base.newThread(() -> {
                live.add(Thread.currentThread());
                try {
                    task.run();
                } finally {
                    live.remove(Thread.currentThread());
                }
            });
            thread.setName(name + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        };
    }

    /** True on any thread of this transport: it must not wait for its own pools to end. */
    boolean ownsCurrentThread() {
        return live.contains(Thread.currentThread());
    }

    /** Stops every pool; waits up to {@code timeoutMillis} unless called from one of them. */
    void shutdown(long timeoutMillis) {
        List<ExecutorService> pools = List.of(connector, events, client, clientScheduled, clientFlowControl);
        pools.forEach(ExecutorService::shutdownNow);
        if (ownsCurrentThread()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (ExecutorService pool : pools) {
            try {
                pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
