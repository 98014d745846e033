package dev.understudy.connector;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a container gives a resource adapter at start, reduced to what tests need: a WorkManager running each
 * {@link Work} on a pool thread, and timers. No transactions, no work contexts.
 */
final class StubBootstrapContext implements BootstrapContext, AutoCloseable {
    private final StubWorkManager workManager = new StubWorkManager();
    private final Timer timer = new Timer("stub-bootstrap-timer", true);

    @Override
    public WorkManager getWorkManager() {
        return workManager;
    }

    StubWorkManager workManager() {
        return workManager;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public Timer createTimer() {
        return timer;
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
        return false;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return null;
    }

    @Override
    public void close() {
        timer.cancel();
        workManager.shutdown();
    }

    /** Runs work on a cached pool of daemon threads and counts what it ran. */
    static final class StubWorkManager implements WorkManager {
        private final AtomicInteger threads = new AtomicInteger();
        private final AtomicInteger completed = new AtomicInteger();
        private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-work-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });

        int completed() {
            return completed.get();
        }

        @Override
        public void doWork(Work work) throws WorkException {
            await(submit(work, null), false);
        }

        @Override
        public void doWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener)
                throws WorkException {
            await(submit(work, listener), false);
        }

        @Override
        public long startWork(Work work) throws WorkException {
            return startWork(work, INDEFINITE, null, null);
        }

        @Override
        public long startWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener)
                throws WorkException {
            CompletableFuture<Void> started = new CompletableFuture<>();
            submit(() -> started.complete(null), work, listener);
            await(started, true);
            return 0;
        }

        @Override
        public void scheduleWork(Work work) throws WorkException {
            submit(work, null);
        }

        @Override
        public void scheduleWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener)
                throws WorkException {
            submit(work, listener);
        }

        void shutdown() {
            pool.shutdownNow();
        }

        private CompletableFuture<Void> submit(Work work, WorkListener listener) throws WorkException {
            return submit(() -> { }, work, listener);
        }

        private CompletableFuture<Void> submit(Runnable onStart, Work work, WorkListener listener)
                throws WorkException {
            CompletableFuture<Void> done = new CompletableFuture<>();
            try {
                pool.execute(() -> {
                    onStart.run();
                    try {
                        work.run();
                        done.complete(null);
                    } catch (RuntimeException | Error e) {
                        done.completeExceptionally(e);
                    } finally {
                        completed.incrementAndGet();
                        if (listener != null) {
                            listener.workCompleted(new WorkEvent(this, WorkEvent.WORK_COMPLETED, work, null));
                        }
                    }
                });
            } catch (RejectedExecutionException e) {
                throw new WorkException("The stub work manager is shut down", e);
            }
            return done;
        }

        private static void await(CompletableFuture<Void> f, boolean startOnly) throws WorkException {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new WorkException(startOnly ? "Work did not start" : "Work failed", e.getCause());
            } catch (Exception e) {
                throw new WorkException("Work did not complete", e);
            }
        }
    }
}
