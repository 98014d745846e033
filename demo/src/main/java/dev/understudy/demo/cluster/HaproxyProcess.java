package dev.understudy.demo.cluster;

import dev.understudy.demo.process.ListeningSockets;
import dev.understudy.demo.process.ManagedProcess;
import dev.understudy.demo.process.Poll;
import dev.understudy.demo.process.Workspace;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAProxy in the foreground ({@code haproxy -f DIR/haproxy.cfg -db}), its output in {@code DIR/haproxy.log},
 * stopped by PID like every {@link ManagedProcess} (SIGTERM: HAProxy stops at once). The configuration is checked
 * first ({@code haproxy -c}); ready when the frontend port accepts connections from this very process, which listens
 * on loopback only.
 */
public final class HaproxyProcess extends ManagedProcess {
    private static final Pattern VERSION = Pattern.compile("(?:HAProxy|HA-Proxy) version (\\d+)\\.(\\d+)");

    private final int port;

    private HaproxyProcess(Process process, Path directory, Path pidDirectory, int port) {
        super("haproxy", process, directory.resolve("haproxy.log"), directory.toString(), pidDirectory);
        this.port = port;
    }

    /** The frontend port. */
    public int port() {
        return port;
    }

    /**
     * Writes {@code config} to a fresh directory of {@code workspace}, checks it with {@code binary -c}, starts
     * {@code binary} and returns once {@code port} accepts connections; kills it and throws if it does not.
     */
    public static HaproxyProcess start(Path binary, Workspace workspace, String config, int port, Duration timeout) {
        Path directory = workspace.newDirectory("haproxy");
        Path file = directory.resolve("haproxy.cfg");
        try {
            Files.writeString(file, config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        String check = check(binary, file);
        if (check != null) {
            throw new IllegalStateException("HAProxy rejects " + file + ":\n" + check);
        }
        Process process;
        try {
            process = new ProcessBuilder(workspace.launch(List.of(binary.toString(), "-f", file.toString(), "-db")))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("haproxy.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
        HaproxyProcess haproxy;
        try {
            haproxy = new HaproxyProcess(process, directory, workspace.pidDirectory(), port);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        try {
            Poll.until("HAProxy listening on port " + port, timeout, Duration.ofMillis(100), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited with " + process.exitValue());
                }
                return ListeningSockets.of(haproxy.pid()).stream().anyMatch(socket -> socket.port() == port)
                        && accepts(port);
            });
        } catch (RuntimeException e) {
            haproxy.kill9();
            throw new IllegalStateException("HAProxy did not start (" + e.getMessage() + "); log " + haproxy.logFile()
                    + ":\n" + haproxy.logTail(30), e);
        }
        return haproxy;
    }

    /**
     * {@code haproxy} on the {@code PATH} or in the sbin directories (Debian puts it in {@code /usr/sbin}, which a
     * user's {@code PATH} may not hold).
     */
    public static Optional<Path> findBinary() {
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(File.pathSeparator)));
        }
        directories.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
        for (String directory : directories) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, "haproxy");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The major and minor version {@code binary -v} reports, e.g. {@code [2, 6]}; throws if it does not run or
     * says something else.
     */
    public static int[] version(Path binary) {
        String output = output(List.of(binary.toString(), "-v"));
        Matcher matcher = VERSION.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException(binary + " -v did not print a version: " + output.strip());
        }
        return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))};
    }

    /** Checks {@code file} with {@code binary -c -f file}: {@code null} if valid, else HAProxy's output. */
    public static String check(Path binary, Path file) {
        return run(List.of(binary.toString(), "-c", "-f", file.toString()));
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out: " + String.join(" ", command);
            }
            return process.exitValue() == 0 ? null : output.strip();
        } catch (IOException e) {
            return "cannot run " + String.join(" ", command) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
