package dev.understudy.demo.cluster;

import dev.understudy.demo.process.FreePorts;
import dev.understudy.demo.process.Loopback;
import dev.understudy.demo.process.ManagedProcess;
import dev.understudy.demo.process.Poll;
import dev.understudy.demo.process.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An Artemis broker in a child JVM ({@link BrokerLauncher}, configured by the shipped
 * {@code server-configs/artemis/broker.xml}), on 127.0.0.1 at a fixed port so that a test can kill it
 * ({@link #kill9()}) and start another on the same port — clients with {@code reconnectAttempts=-1} then
 * reconnect. Ready when it printed {@link BrokerLauncher#READY} and accepts a TCP connection. Its standard input is
 * a pipe from this JVM: it exits if this JVM dies.
 *
 * <p>The child runs with {@code classPath}, which must hold this class's module and Artemis' server (the demo's
 * {@code java.class.path}; the tests' class path file).
 *
 * <pre>{@code
 * int port = FreePorts.next();
 * try (BrokerProcess broker = BrokerProcess.start(workspace, classPath, port)) {
 *     broker.url();     // tcp://127.0.0.1:<port>
 *     broker.kill9();
 * }
 * }</pre>
 */
public final class BrokerProcess extends ManagedProcess {
    /** The default time a broker has to get ready. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final int port;

    private BrokerProcess(Process process, Path directory, Path pidDirectory, int port) {
        super("broker-" + port, process, directory.resolve("broker.log"), directory.toString(), pidDirectory);
        this.port = port;
    }

    /** Starts a broker on {@code port} (0: a free one) and returns once it accepts connections. */
    public static BrokerProcess start(Workspace workspace, String classPath, int port) {
        return start(workspace, classPath, port, STARTUP_TIMEOUT);
    }

    /** As {@link #start(Workspace, String, int)}, failing (and killing it) if not ready within {@code timeout}. */
    public static BrokerProcess start(Workspace workspace, String classPath, int port, Duration timeout) {
        int chosen = port != 0 ? port : FreePorts.next();
        Path directory = workspace.newDirectory("broker-" + chosen);
        List<String> command = workspace.launch(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + directory.resolve("tmp"),
                "-cp", classPath,
                BrokerLauncher.class.getName(),
                "--port", Integer.toString(chosen),
                "--data", directory.resolve("data").toString(),
                "--exit-on-stdin-eof"));
        Process process;
        try {
            Files.createDirectories(directory.resolve("tmp"));
            process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("broker.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the broker process", e);
        }
        BrokerProcess broker;
        try {
            broker = new BrokerProcess(process, directory, workspace.pidDirectory(), chosen);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        try {
            Poll.until("broker on port " + chosen + " ready", timeout, Duration.ofMillis(100), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited with " + process.exitValue());
                }
                return broker.printedReady() && accepts(chosen);
            });
        } catch (RuntimeException e) {
            broker.kill9();
            throw new IllegalStateException("The broker did not get ready (" + e.getMessage() + "); log "
                    + broker.logFile() + ":\n" + broker.logTail(60), e);
        }
        return broker;
    }

    public int port() {
        return port;
    }

    /** The core-client URL: {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://" + Loopback.ADDRESS + ":" + port;
    }

    /** The URL as an asadmin property value ({@code \:} for every colon). */
    public String asadminUrl() {
        return url().replace(":", "\\:");
    }

    private boolean printedReady() {
        try {
            return Files.exists(logFile()) && Files.readString(logFile()).contains(BrokerLauncher.READY + " ");
        } catch (IOException e) {
            return false;
        }
    }

    /** True if something accepts a TCP connection on 127.0.0.1:{@code port} within a second. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Loopback.ADDRESS, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
