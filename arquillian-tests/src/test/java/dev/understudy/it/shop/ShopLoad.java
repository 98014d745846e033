package dev.understudy.it.shop;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Steady load through a load balancer: {@code threads} client threads, each looping over its own share of the
 * sessions, one {@code POST} after another with no think time (or a fixed pace, {@link #pace}), every reply judged
 * by the {@link ShopChecker}. A session's next request after an unanswered one is its retry.
 *
 * <p>Synchronisation is by signals, never by sleeping: {@link #pause()} returns once no request is in flight (the
 * threads wait at their gate), {@link #resume()} opens it; {@link #mark()} and {@link #awaitServed} wait until
 * every session (or those chosen) got {@code n} more 200 replies.
 */
public final class ShopLoad implements AutoCloseable {
    private final URI base;
    private final ShopChecker checker;
    private final List<ShopSession> sessions;
    private final List<Thread> threads = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean paused;
    private boolean stopped;
    private int inFlight;
    private volatile long paceMillis;

    /** Load on {@code sessions} through {@code base} ({@code http://127.0.0.1:<lb port>}) by {@code threads}. */
    public ShopLoad(URI base, ShopChecker checker, List<ShopSession> sessions, int threads) {
        this.base = base;
        this.checker = checker;
        this.sessions = List.copyOf(sessions);
        for (int t = 0; t < threads; t++) {
            List<ShopSession> share = new ArrayList<>();
            for (int i = t; i < sessions.size(); i += threads) {
                share.add(sessions.get(i));
            }
            Thread thread = new Thread(() -> run(share), "shop-load-" + t);
            thread.setDaemon(true);
            this.threads.add(thread);
        }
    }

    /** {@code count} sessions of {@code kind} called {@code prefix-1..count}. */
    public static List<ShopSession> sessions(String prefix, ShopSession.Kind kind, int count) {
        List<ShopSession> list = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            list.add(new ShopSession(prefix + "-" + i, kind));
        }
        return list;
    }

    public ShopLoad start() {
        threads.forEach(Thread::start);
        return this;
    }

    public List<ShopSession> sessions() {
        return sessions;
    }

    /** A fixed pause after each request of each thread (0: none, think-free). */
    public void pace(Duration pace) {
        this.paceMillis = pace.toMillis();
    }

    /** Stops sending and returns once no request is in flight. */
    public void pause() {
        lock.lock();
        try {
            paused = true;
            while (inFlight > 0) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    public void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many 200 replies each session has had so far: compare with {@link #awaitServed}. */
    public Map<ShopSession, Integer> mark() {
        Map<ShopSession, Integer> mark = new HashMap<>();
        for (ShopSession session : sessions) {
            mark.put(session, session.served());
        }
        return mark;
    }

    /** Waits until every session got {@code more} 200 replies since {@code mark}. */
    public void awaitServed(Map<ShopSession, Integer> mark, int more, Duration timeout) {
        awaitServed(mark, more, timeout, session -> true);
    }

    /** Waits until every session {@code which} accepts got {@code more} 200 replies since {@code mark}. */
    public void awaitServed(Map<ShopSession, Integer> mark, int more, Duration timeout,
            Predicate<ShopSession> which) {
        await("every session served " + more + " more times (" + checker.counts() + ")")
                .atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> lagging(mark, more, which).isEmpty());
    }

    private List<ShopSession> lagging(Map<ShopSession, Integer> mark, int more, Predicate<ShopSession> which) {
        List<ShopSession> lagging = new ArrayList<>();
        for (ShopSession session : sessions) {
            if (which.test(session) && session.served() < mark.getOrDefault(session, 0) + more) {
                lagging.add(session);
            }
        }
        return lagging;
    }

    /** Stops the threads after their current request and waits for them. */
    @Override
    public void close() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(List<ShopSession> share) {
        while (true) {
            for (ShopSession session : share) {
                if (!enter()) {
                    return;
                }
                try {
                    send(base, session, checker);
                } finally {
                    leave();
                }
                long pace = paceMillis;
                if (pace > 0) {
                    try {
                        Thread.sleep(pace); // pacing the load, not synchronising
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** One increment of {@code session} through {@code base}, judged by {@code checker}. */
    public static void send(URI base, ShopSession session, ShopChecker checker) {
        String item = session.kind() == ShopSession.Kind.CART ? session.nextItem() : null;
        long sent = System.nanoTime();
        try {
            checker.increment(session, item, sent, session.post(base, item), null);
        } catch (IOException e) {
            checker.increment(session, item, sent, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checker.increment(session, item, sent, null, "interrupted");
        }
    }

    /**
     * {@code perNode} new sessions on each of {@code nodes} at the same moment (straight to the node, ten at a time),
     * each created and incremented once, judged by {@code checker}: a new session's first request waits until its
     * secondary applied it (SYNC). Returns the sessions.
     */
    public static List<ShopSession> createOnEach(Map<String, URI> nodes, String prefix, int perNode,
            ShopChecker checker) {
        List<ShopSession> created = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<?>> work = new ArrayList<>();
            nodes.forEach((node, base) -> {
                for (int i = 1; i <= perNode; i++) {
                    ShopSession session = new ShopSession(prefix + "-" + node + "-" + i, ShopSession.Kind.COUNTER);
                    created.add(session);
                    work.add(pool.submit(() -> {
                        send(base, session, checker);
                        send(base, session, checker);
                    }));
                }
            });
            for (java.util.concurrent.Future<?> future : work) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return created;
    }

    /** One read of {@code session} through {@code base}, judged by {@code checker}. */
    public static void read(URI base, ShopSession session, ShopChecker checker) {
        try {
            checker.read(session, session.get(base), null);
        } catch (IOException e) {
            checker.read(session, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checker.read(session, null, "interrupted");
        }
    }

    private boolean enter() {
        lock.lock();
        try {
            while (paused && !stopped) {
                changed.awaitUninterruptibly();
            }
            if (stopped) {
                return false;
            }
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void leave() {
        lock.lock();
        try {
            inFlight--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
