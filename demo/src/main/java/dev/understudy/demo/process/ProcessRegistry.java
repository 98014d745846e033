package dev.understudy.it.cluster;

import dev.understudy.it.support.ItSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Every {@link ManagedProcess} of this JVM until it is gone, so that none outlives the tests:
 * <ul>
 *   <li>a JVM shutdown hook sends SIGKILL to those still running (failsafe stopping a fork after a timeout,
 *       Ctrl-C; not a SIGKILL of this JVM, which runs no hook);</li>
 *   <li>for that last case, a PID file per process under {@code target/it-processes/} holding a marker of its
 *       command line (its unique work directory): the first registration in a later JVM sends SIGKILL to a
 *       recorded PID that is still alive <em>and</em> whose command line still contains the marker — so a
 *       reused PID is never touched.</li>
 * </ul>
 */
final class ProcessRegistry {
    private static final Logger LOG = Logger.getLogger(ProcessRegistry.class.getName());
    private static final Map<ManagedProcess, Path> LIVE = new ConcurrentHashMap<>();
    private static boolean initialised;

    private ProcessRegistry() {
    }

    static synchronized void register(ManagedProcess process, String marker) {
        if (!initialised) {
            initialised = true;
            reapLeftovers();
            Runtime.getRuntime().addShutdownHook(new Thread(ProcessRegistry::killAll, "it-process-reaper"));
        }
        Path pidFile = directory().resolve(process.pid() + ".pid");
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
    static List<ManagedProcess> live() {
        return new ArrayList<>(LIVE.keySet());
    }

    private static void killAll() {
        for (ManagedProcess process : live()) {
            if (process.isAlive()) {
                System.err.println("[it-process-reaper] SIGKILL to leftover " + process);
                process.destroyNow();
            }
            unregister(process);
        }
    }

    private static void reapLeftovers() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory(), "*.pid")) {
            for (Path file : files) {
                long pid = Long.parseLong(file.getFileName().toString().replace(".pid", ""));
                String marker = Files.readString(file, StandardCharsets.UTF_8);
                ProcessHandle.of(pid)
                        .filter(ProcessHandle::isAlive)
                        .filter(handle -> handle.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                        .ifPresent(handle -> {
                            LOG.warning(() -> "SIGKILL to a process left by an earlier test JVM: " + pid + " ("
                                    + marker + ")");
                            handle.destroyForcibly();
                        });
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory() {
        Path directory = ItSettings.buildDirectory().resolve("it-processes");
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
