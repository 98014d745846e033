package dev.understudy.web;

import dev.understudy.api.SessionEventListener;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionKind;
import dev.understudy.api.SessionState;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;

/**
 * Hears from the adapter about this application's sessions that changed without a request, and runs the
 * application's listeners for them: an expired session gets {@code sessionDestroyed} (reverse order) and each
 * attribute is unbound ({@code valueUnbound}, {@code attributeRemoved}), exactly as for {@code invalidate()}.
 *
 * <p>The adapter calls on its engine thread, which must never block: the work is handed to an executor (the
 * container's {@code DefaultManagedExecutorService} when there is one, so the listeners run with the
 * application's naming and security context), with the application's class loader as the thread's context
 * loader. An executor that refuses the work is logged ({@code US-W024}) and counted.
 */
final class ExpiryRelay implements SessionEventListener {

    private final SessionRuntime runtime;
    private final Executor executor;
    private final ClassLoader loader;

    ExpiryRelay(SessionRuntime runtime, Executor executor, ClassLoader loader) {
        this.runtime = runtime;
        this.executor = executor;
        this.loader = loader;
    }

    @Override
    public void expired(SessionKey key, SessionState lastState) {
        if (key.kind() != SessionKind.WEB || !key.scope().equals(runtime.scope())) {
            return;
        }
        try {
            executor.execute(() -> runExpiry(key.id(), lastState));
        } catch (RejectedExecutionException e) {
            WebLog.W024.logCounted(runtime.logger(), runtime.stats().expiryEventsRejected.incrementAndGet(), key.id(),
                    e.toString());
        }
    }

    @Override
    public void promoted(SessionKey key) {
        // Nothing for the application yet: activation happens when a request opens the session here.
        runtime.logger().log(Level.FINE, "session {0} promoted on this node", key.id());
    }

    /** The expiry events for one session; runs on the executor (directly in tests). */
    void runExpiry(String id, SessionState lastState) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            SessionAttributes attributes = runtime.expiredAttributes(lastState.attributes(), loader, () -> id);
            ReplicatedSession session = new ReplicatedSession(id, lastState.creationTime(),
                    lastState.lastAccessedTime(), lastState.maxInactiveSeconds(), false, attributes,
                    runtime.listeners(), runtime.servletContext(), expired -> {
                    });
            session.expire();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
