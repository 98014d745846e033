package dev.understudy.demo.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where child processes live on disk, and how they are started:
 * <ul>
 *   <li>{@code runDirectory}: a fresh directory per process start under it ({@link #newDirectory}), holding its
 *       log, command files and data;</li>
 *   <li>{@code pidDirectory}: a PID file per live process ({@link ProcessRegistry}), so that a later JVM using the
 *       same directory ends what an earlier one left behind when it was killed;</li>
 *   <li>{@code ownSession}: start each child in a session of its own ({@code setsid}), so that Ctrl-C in a
 *       terminal reaches this JVM only, which then stops its children itself, in order (without it the terminal
 *       sends SIGINT to the whole foreground process group at once). The tests leave it off.</li>
 * </ul>
 */
public record Workspace(Path runDirectory, Path pidDirectory, boolean ownSession) {
    private static final AtomicInteger STARTS = new AtomicInteger();
    private static final Path SETSID = findSetsid();

    public Workspace {
        runDirectory = runDirectory.toAbsolutePath();
        pidDirectory = pidDirectory.toAbsolutePath();
    }

    /** A new, created directory {@code <runDirectory>/<name>-<n>}, {@code n} unique in this JVM. */
    public Path newDirectory(String name) {
        Path directory = runDirectory.resolve(name + "-" + STARTS.incrementAndGet());
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
    }

    /**
     * {@code command} as it is to be started: prefixed with {@code setsid} when {@link #ownSession()} asks for it
     * (and the tool exists). {@code setsid} execs the command in the same process (it forks only when it is a
     * process group leader, which a child of this JVM is not), so the PID is the command's.
     */
    public List<String> launch(List<String> command) {
        if (!ownSession || SETSID == null) {
            return command;
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add(SETSID.toString());
        wrapped.addAll(command);
        return wrapped;
    }

    private static Path findSetsid() {
        for (String directory : new String[] {"/usr/bin", "/bin", "/usr/sbin", "/sbin"}) {
            Path candidate = Path.of(directory, "setsid");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
