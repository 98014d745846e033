package dev.understudy.transport.artemis;

import dev.understudy.core.model.NodeId;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Logger;

/**
 * The door between the transport and its listener. Every callback passes it: {@link #fire} queues one for the
 * event thread (all callbacks but {@code onFrame}, in order), {@link #enter}/{@link #exit} bracket one run in
 * place (an {@code onFrame} on the delivery thread). {@link #shut()} waits for running callbacks and lets no
 * new one start, so that after {@code close()} the listener hears nothing. A listener that closes the
 * transport from inside a callback does not wait for itself.
 */
final class Callbacks {
    private static final Logger LOG = Logger.getLogger(Callbacks.class.getPackageName());

    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Executor events;
    private final NodeId self;
    private volatile boolean open = true;

    Callbacks(Executor events, NodeId self) {
        this.events = events;
        this.self = self;
    }

    /** Runs {@code callback} on the event thread, unless the door shuts first. */
    void fire(Runnable callback, String name) {
        try {
            events.execute(() -> run(callback, name));
        } catch (RejectedExecutionException shutDown) {
            // closed meanwhile: no callbacks after close
        }
    }

    /** Runs {@code callback} here and now, unless the door is shut. */
    void run(Runnable callback, String name) {
        if (enter()) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                TransportLog.T403.log(LOG, e, self, name);
            } finally {
                exit();
            }
        }
    }

    /** Shuts the door, after any callback running on another thread has returned. Idempotent. */
    void shut() {
        boolean inCallback = gate.getReadHoldCount() > 0;
        if (inCallback) {
            open = false;
            return;
        }
        gate.writeLock().lock();
        try {
            open = false;
        } finally {
            gate.writeLock().unlock();
        }
    }

    private boolean enter() {
        gate.readLock().lock();
        if (open) {
            return true;
        }
        gate.readLock().unlock();
        return false;
    }

    private void exit() {
        gate.readLock().unlock();
    }
}
