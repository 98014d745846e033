package dev.understudy.benchmarks.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Virtual users against one application behind the load balancer, each with its own keep-alive connection and
 * cookie jar (so its own session). Two ways to drive them:
 *
 * <ul>
 *   <li>{@link #closedLoop}: every user sends its next request as soon as the last one answered — throughput;</li>
 *   <li>{@link #openLoop}: requests at a fixed total rate, each user on its own schedule; latency is measured from
 *       the <em>intended</em> send time, so a slow answer delays (and is charged to) the requests queued behind it
 *       (no coordinated omission).</li>
 * </ul>
 * Any status other than 200, and any I/O error, counts as an error (and the user goes on).
 */
final class LoadDriver implements AutoCloseable {
    private static final long HIGHEST_NANOS = Duration.ofMinutes(2).toNanos();

    private final List<HttpConnection> users = new ArrayList<>();
    private final String method;
    private final String path;

    LoadDriver(InetSocketAddress address, int users, String method, String path) {
        for (int i = 0; i < users; i++) {
            this.users.add(new HttpConnection(address));
        }
        this.method = method;
        this.path = path;
    }

    /** What a run measured. */
    record Outcome(long requests, long errors, long wallNanos, Histogram latency, String firstError) {
        double perSecond() {
            return requests * 1e9 / wallNanos;
        }
    }

    /** Every user sends one {@code POST primePath} (e.g. to give its session a size); errors are returned. */
    long prime(String primePath) {
        long errors = 0;
        for (HttpConnection user : users) {
            try {
                errors += user.send("POST", primePath).status() == 200 ? 0 : 1;
            } catch (IOException e) {
                errors++;
            }
        }
        return errors;
    }

    /** Every user sends {@code count} requests one after another (e.g. to create the sessions and warm up). */
    Outcome warmUp(int count) {
        return run(users.size(), u -> count, Long.MAX_VALUE, 0);
    }

    /** Closed loop for {@code duration}. */
    Outcome closedLoop(Duration duration) {
        return run(users.size(), u -> Integer.MAX_VALUE, duration.toNanos(), 0);
    }

    /** Open loop at {@code perSecond} requests per second in total for {@code duration}. */
    Outcome openLoop(double perSecond, Duration duration) {
        long periodNanos = (long) (users.size() * 1e9 / perSecond);
        return run(users.size(), u -> Integer.MAX_VALUE, duration.toNanos(), periodNanos);
    }

    private interface Count {
        int of(int user);
    }

    private Outcome run(int threads, Count count, long durationNanos, long periodNanos) {
        Histogram all = new Histogram(HIGHEST_NANOS, 3);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        String[] firstError = new String[1];
        List<Thread> workers = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        long start = System.nanoTime() + Duration.ofMillis(20).toNanos();
        long end = durationNanos == Long.MAX_VALUE ? Long.MAX_VALUE : start + durationNanos;
        for (int u = 0; u < threads; u++) {
            HttpConnection user = users.get(u);
            Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
            histograms.add(histogram);
            int limit = count.of(u);
            long offset = periodNanos == 0 ? 0 : periodNanos * u / threads;
            Thread worker = new Thread(() -> {
                parkUntil(start);
                long intended = start + offset;
                for (int i = 0; i < limit; i++) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        break;
                    }
                    long from = now;
                    if (periodNanos > 0) {
                        if (intended >= end) {
                            break;
                        }
                        parkUntil(intended);
                        from = intended;
                        intended += periodNanos;
                    }
                    try {
                        HttpConnection.Response response = user.send(method, path);
                        if (response.status() != 200) {
                            error(errors, firstError, "HTTP " + response.status() + ": " + response.body());
                        }
                    } catch (IOException | RuntimeException e) {
                        error(errors, firstError, e.toString());
                    }
                    histogram.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - from));
                    requests.incrementAndGet();
                }
            }, "user-" + u);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
        long wall = System.nanoTime() - start;
        histograms.forEach(all::add);
        return new Outcome(requests.get(), errors.get(), wall, all, firstError[0]);
    }

    private static void error(AtomicLong errors, String[] first, String what) {
        if (errors.getAndIncrement() == 0) {
            synchronized (first) {
                first[0] = what.length() > 300 ? what.substring(0, 300) : what;
            }
        }
    }

    private static void parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** The first user's cookies (to check which ones the application set). */
    java.util.Map<String, String> cookiesOfFirstUser() {
        return users.get(0).cookies();
    }

    @Override
    public void close() {
        users.forEach(HttpConnection::close);
    }
}
