package dev.understudy.connector;

import dev.understudy.core.model.NodeId;
import java.util.concurrent.ThreadFactory;

/**
 * The adapter's threads: the engine's single thread and the base factory of the transport's pools. Daemon
 * threads whose context class loader is the adapter's, so that nothing they load leaks an application's loader.
 *
 * <p><b>Why not the {@code BootstrapContext} WorkManager.</b> The engine needs one thread for its whole life and
 * takes a {@link ThreadFactory}: its event loop starts that {@link Thread} itself, tells it apart by identity
 * ({@code Thread.currentThread() == thread}) and {@code join}s it when it stops, so that the transport closes only
 * after the last task ran. A WorkManager hands out its threads for a {@code Work}, not as {@code Thread} objects
 * that can be started and joined; wrapping one would break that ordering. The Artemis client likewise needs
 * {@code ThreadFactory}-made pools. Both are owned by the adapter and all end in {@code stop()} (the transport
 * waits for its pools, the engine for its thread). The WorkManager carries the adapter's own background work
 * instead: notifying the container's connection pools of a broker failure ({@link BrokerWatch}). A core change
 * that let the event loop run as a long-lived {@code Work} (an {@code Executor} plus a completion latch instead
 * of a {@code Thread}) would move the engine thread under the container's control as well.
 */
final class AdapterThreads {
    private static final ClassLoader LOADER = AdapterThreads.class.getClassLoader();

    private AdapterThreads() {
    }

    /** The engine's thread: {@code understudy-engine-<node>}. */
    static ThreadFactory engine(NodeId node) {
        return task -> configure(new Thread(task, "understudy-engine-" + node.value()));
    }

    /** Plain threads for the transport, which names each after its node and role. */
    static ThreadFactory transport() {
        return task -> configure(new Thread(task));
    }

    private static Thread configure(Thread thread) {
        thread.setDaemon(true);
        thread.setContextClassLoader(LOADER);
        return thread;
    }
}
