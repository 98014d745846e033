package dev.understudy.demo.process;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waiting for a condition by polling it, as Awaitility's {@code await().until(...)} does in tests, without a test
 * library on the demo's class path: the condition is evaluated every {@code interval} (first after
 * {@code delay}); an exception it throws ends the wait at once and propagates; a timeout throws
 * {@link ConditionTimeoutException} naming what was awaited.
 */
public final class Poll {
    private Poll() {
    }

    /** Thrown when a condition did not hold within its timeout. */
    public static final class ConditionTimeoutException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ConditionTimeoutException(String message) {
            super(message);
        }
    }

    /** Polls {@code condition} every {@code interval} until it holds, for at most {@code timeout}. */
    public static void until(String what, Duration timeout, Duration interval, Callable<Boolean> condition) {
        until(what, timeout, Duration.ZERO, interval, condition);
    }

    /** As {@link #until(String, Duration, Duration, Callable)}, evaluating it first after {@code delay}. */
    public static void until(String what, Duration timeout, Duration delay, Duration interval,
            Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        sleep(delay);
        while (true) {
            boolean holds;
            try {
                holds = Boolean.TRUE.equals(condition.call());
            } catch (RuntimeException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            if (holds) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ConditionTimeoutException(what + " not within " + seconds(timeout));
            }
            sleep(interval);
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
