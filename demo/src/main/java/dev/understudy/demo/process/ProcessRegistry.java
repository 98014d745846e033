package dev.understudy.demo.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Every {@link ManagedProcess} of this JVM until it is gone, so that none outlives its owner:
 * <ul>
 *   <li>a JVM shutdown hook sends SIGKILL to those still running (failsafe stopping a fork after a timeout,
 *       Ctrl-C; not a SIGKILL of this JVM, which runs no hook). An owner that wants a clean stop instead (the
 *       demo: SIGTERM in order) registers it with {@link #beforeReaping(Runnable)}: the same hook runs it first,
 *       then kills what is left — one hook, so the two never race;</li>
 *   <li>for that last case, a PID file per process in its PID directory holding a marker of its command line (its
 *       unique work directory): the first registration in a later JVM with that directory sends SIGKILL to a
 *       recorded PID that is still alive <em>and</em> whose command line still contains the marker — so a reused
 *       PID is never touched.</li>
 * </ul>
 */
public final class ProcessRegistry {
    private static final Logger LOG = Logger.getLogger(ProcessRegistry.class.getName());
    private static final Map<ManagedProcess, Path> LIVE = new ConcurrentHashMap<>();
    private static final Set<Path> REAPED_DIRECTORIES = new HashSet<>();
    private static final List<Runnable> BEFORE_REAPING = new ArrayList<>();
    private static boolean hookInstalled;

    private ProcessRegistry() {
    }

    /**
     * Runs {@code action} in the shutdown hook before the leftovers get SIGKILL (e.g. a graceful stop of every
     * process). Installs the hook if no process was registered yet.
     */
    public static synchronized void beforeReaping(Runnable action) {
        installHook();
        BEFORE_REAPING.add(action);
    }

    /**
     * Ends what an earlier JVM left in {@code pidDirectory} (see the class comment), once per directory and JVM, and
     * waits until those processes are gone; {@link ManagedProcess} does it at its first registration, an owner may
     * call it earlier. Returns what it killed ({@code <pid> (<marker>)}).
     */
    public static synchronized List<String> reapLeftovers(Path pidDirectory) {
        Path directory = create(pidDirectory);
        if (!REAPED_DIRECTORIES.add(directory)) {
            return List.of();
        }
        List<String> killed = new ArrayList<>();
        List<ProcessHandle> dying = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.pid")) {
            for (Path file : files) {
                long pid = Long.parseLong(file.getFileName().toString().replace(".pid", ""));
                String marker = Files.readString(file, StandardCharsets.UTF_8);
                ProcessHandle.of(pid)
                        .filter(ProcessHandle::isAlive)
                        .filter(handle -> handle.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                        .ifPresent(handle -> {
                            killed.add(pid + " (" + marker + ")");
                            handle.destroyForcibly();
                            dying.add(handle);
                        });
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (ProcessHandle handle : dying) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warning(() -> "Process " + handle.pid() + " did not exit within 10 s of SIGKILL");
            }
        }
        return killed;
    }

    static synchronized void register(ManagedProcess process, String marker, Path pidDirectory) {
        installHook();
        for (String leftover : reapLeftovers(pidDirectory)) {
            LOG.warning(() -> "SIGKILL to a process left by an earlier JVM: " + leftover);
        }
        Path pidFile = create(pidDirectory).resolve(process.pid() + ".pid");
        try {
            Files.writeString(pidFile, marker, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LIVE.put(process, pidFile);
    }

    static void unregister(ManagedProcess process) {
        Path pidFile = LIVE.remove(process);
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                LOG.warning(() -> "Cannot delete " + pidFile + ": " + e);
            }
        }
    }

    /** The processes of this JVM still registered (started and not yet seen gone). */
    public static List<ManagedProcess> live() {
        return new ArrayList<>(LIVE.keySet());
    }

    private static void installHook() {
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(ProcessRegistry::shutdown, "process-reaper"));
        }
    }

    private static void shutdown() {
        List<Runnable> actions;
        synchronized (ProcessRegistry.class) {
            actions = List.copyOf(BEFORE_REAPING);
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                System.err.println("[process-reaper] " + e);
            }
        }
        killAll();
    }

    private static void killAll() {
        for (ManagedProcess process : live()) {
            if (process.isAlive()) {
                System.err.println("[process-reaper] SIGKILL to leftover " + process);
                process.destroyNow();
            }
            unregister(process);
        }
    }

    private static Path create(Path directory) {
        try {
            return Files.createDirectories(directory.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
