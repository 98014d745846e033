package dev.understudy.core.engine;

import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The engine's one thread. All engine state is confined to it, so the protocol code needs no locks. Tasks
 * run in submission order; timers run on the same thread. After each run of queued tasks (up to
 * {@value #MAX_RUN}) the {@code afterRun} hook runs once: that is where the outbox flushes, so that
 * everything produced by concurrent requests in that run travels together (group commit).
 */
final class EventLoop {
    private static final Logger LOG = Logger.getLogger(EventLoop.class.getName());
    private static final int MAX_RUN = 512;

    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final Runnable afterRun;
    private final Thread thread;
    private volatile boolean closed;
    private long timerSeq;

    EventLoop(ThreadFactory threadFactory, Runnable afterRun) {
        this.afterRun = afterRun;
        this.thread = threadFactory.newThread(this::run);
    }

    void start() {
        thread.start();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop. */
    void execute(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("The replication engine is stopped");
        }
        tasks.add(task);
    }

    /** Runs {@code task} on the loop and completes the future with its result or failure. */
    <T> CompletableFuture<T> call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            execute(() -> {
                try {
                    result.complete(task.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Runs {@code task} on the loop after {@code delayNanos}. Loop thread only. */
    Timer schedule(long delayNanos, Runnable task) {
        Timer t = new Timer(System.nanoTime() + delayNanos, timerSeq++, task, 0);
        timers.add(t);
        return t;
    }

    /** Runs {@code task} every {@code periodNanos}, the first time after one period. Loop thread only. */
    void every(long periodNanos, Runnable task) {
        timers.add(new Timer(System.nanoTime() + periodNanos, timerSeq++, task, periodNanos));
    }

    /** Stops the loop after the task it is running; waits for the thread up to {@code waitMillis}. */
    void close(long waitMillis) {
        closed = true;
        tasks.add(() -> { });
        if (!inLoop()) {
            try {
                thread.join(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    private void run() {
        while (!closed) {
            try {
                Runnable task = tasks.poll(nanosToNextTimer(), TimeUnit.NANOSECONDS);
                int ran = 0;
                while (task != null && !closed) {
                    runSafely(task);
                    task = ++ran < MAX_RUN ? tasks.poll() : null;
                }
                runDueTimers();
                if (!closed) {
                    runSafely(afterRun);
                }
            } catch (InterruptedException e) {
                closed = true;
            }
        }
        tasks.clear();
        timers.clear();
    }

    private long nanosToNextTimer() {
        Timer next = timers.peek();
        return next == null ? TimeUnit.SECONDS.toNanos(1) : Math.max(0, next.due - System.nanoTime());
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().due <= now && !closed) {
            Timer t = timers.poll();
            if (t.cancelled) {
                continue;
            }
            runSafely(t.task);
            if (t.period > 0) {
                timers.add(new Timer(now + t.period, timerSeq++, t.task, t.period));
            }
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LogCode.TASK_FAILED.log(LOG, e, e.toString());
        }
    }

    /** A scheduled task; {@link #cancel()} from the loop thread. */
    static final class Timer implements Comparable<Timer> {
        private final long due;
        private final long seq;
        private final Runnable task;
        private final long period;
        private boolean cancelled;

        private Timer(long due, long seq, Runnable task, long period) {
            this.due = due;
            this.seq = seq;
            this.task = task;
            this.period = period;
        }

        void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
