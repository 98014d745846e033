package dev.understudy.demo.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process this JVM started (a Payara Micro node, a broker, HAProxy): its PID, its log file (standard output
 * and error), and the ways to end or freeze it — {@link #kill9()} (SIGKILL), {@link #stop()} (SIGTERM, then SIGKILL
 * after a grace period), {@link #pause()} / {@link #resume()} (SIGSTOP / SIGCONT). Every instance is known to
 * {@link ProcessRegistry} until it is gone, so that a shutdown hook and the next run can end leftovers. Everything
 * goes by PID: no process is ever looked up by name. Methods are meant for one driving thread (a test's, the
 * demo's); {@link #stop()} may also come from a shutdown hook.
 */
public class ManagedProcess implements AutoCloseable {
    /** How long {@link #close()} and {@link #stop()} wait after SIGTERM before SIGKILL. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path logFile;
    private volatile boolean paused;
    private boolean exitHandled;

    /**
     * Wraps a started {@code process} and registers it with its PID file in {@code pidDirectory};
     * {@code marker} is a string of its command line (its unique work directory).
     */
    protected ManagedProcess(String name, Process process, Path logFile, String marker, Path pidDirectory) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        ProcessRegistry.register(this, marker, pidDirectory);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** True while the process exists (a paused process is alive). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** True if no process with this PID exists any more (exited and reaped). */
    public boolean isGone() {
        return !process.isAlive() && !ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** SIGKILL ({@code kill -9}): no shutdown hook runs. Returns when the process is gone. */
    public void kill9() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@link #DEFAULT_GRACE}. */
    public void stop() {
        stop(DEFAULT_GRACE);
    }

    /**
     * SIGTERM (the JVM runs its shutdown hooks: Payara undeploys and stops), then SIGKILL after {@code grace}.
     * A paused process is resumed first: a stopped process does not act on SIGTERM.
     */
    public synchronized void stop(Duration grace) {
        if (!process.isAlive()) {
            gone();
            return;
        }
        if (paused) {
            resume();
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill9();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill9();
            return;
        }
        gone();
    }

    /** SIGSTOP ({@code kill -STOP}): the process freezes (sockets stay open, nothing answers). */
    public void pause() {
        signal("STOP");
        paused = true;
        Poll.until("process " + name + " (" + pid() + ") stopped", Duration.ofSeconds(10), Duration.ofMillis(20),
                () -> state().filter(s -> s == 'T' || s == 't').isPresent());
    }

    /** SIGCONT ({@code kill -CONT}). */
    public void resume() {
        signal("CONT");
        paused = false;
    }

    public boolean isPaused() {
        return paused;
    }

    /** The process's exit value; fails if it is still running. */
    public int exitValue() {
        return process.exitValue();
    }

    /** The last {@code lines} lines of the log file (for failure messages). */
    public String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log file " + logFile + ")";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** Graceful stop, SIGKILL after the grace period; a no-op once the process is gone. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + (process.isAlive() ? paused ? ", paused" : ", alive" : ", gone") + "]";
    }

    /** Destroys forcibly without waiting: for the shutdown hook. */
    void destroyNow() {
        if (paused) {
            signal("CONT");
        }
        process.destroyForcibly();
    }

    private void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(this + " did not exit within " + timeout + " after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + this + " to exit", e);
        }
        gone();
    }

    /** Called once the process is seen gone (by stop, kill9 or close); the default does nothing. */
    protected void afterExit() {
    }

    private synchronized void gone() {
        paused = false;
        ProcessRegistry.unregister(this);
        if (!exitHandled) {
            exitHandled = true;
            afterExit();
        }
    }

    private void signal(String signal) {
        if (!process.isAlive()) {
            throw new IllegalStateException(this + " is not running: cannot send SIG" + signal);
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill -" + signal + " " + pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending SIG" + signal + " to " + pid(), e);
        }
    }

    /** The state letter of /proc/PID/stat (R, S, D, T, t, Z...), empty if gone. */
    Optional<Character> state() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return Optional.of(stat.charAt(afterName + 2));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
