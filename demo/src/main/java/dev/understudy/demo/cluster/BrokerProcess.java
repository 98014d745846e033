package dev.understudy.it.cluster;

import static org.awaitility.Awaitility.await;

import dev.understudy.it.support.ItSettings;
import dev.understudy.it.support.Loopback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Artemis broker in a child JVM ({@link BrokerLauncher}), on 127.0.0.1 at a fixed port so that a test can
 * kill it ({@link #kill9()}) and start another on the same port ({@link #start(int)}) — clients with
 * {@code reconnectAttempts=-1} then reconnect. Ready when it printed {@link BrokerLauncher#READY} and accepts a
 * TCP connection. Its standard input is a pipe from this JVM: it exits if this JVM dies.
 *
 * <pre>{@code
 * int port = FreePorts.next();
 * try (BrokerProcess broker = BrokerProcess.start(port)) {
 *     broker.url();     // tcp://127.0.0.1:<port>
 *     broker.kill9();
 * }
 * }</pre>
 */
public final class BrokerProcess extends ManagedProcess {
    private static final AtomicInteger STARTS = new AtomicInteger();

    private final int port;

    private BrokerProcess(Process process, Path directory, int port) {
        super("broker-" + port, process, directory.resolve("broker.log"), directory.toString());
        this.port = port;
    }

    /** Starts a broker on {@code port} (0: a free one) and returns once it accepts connections. */
    public static BrokerProcess start(int port) {
        return start(port, Duration.ofSeconds(60));
    }

    /** As {@link #start(int)}, failing (and killing it) if it is not ready within {@code timeout}. */
    public static BrokerProcess start(int port, Duration timeout) {
        int chosen = port != 0 ? port : FreePorts.next();
        Path directory = ItSettings.buildDirectory().resolve("cluster")
                .resolve(ItSettings.buildId() + "-" + ProcessHandle.current().pid())
                .resolve("broker-" + chosen + "-" + STARTS.incrementAndGet());
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + directory.resolve("tmp"),
                "-cp", ItSettings.testClasspath(),
                BrokerLauncher.class.getName(),
                "--port", Integer.toString(chosen),
                "--data", directory.resolve("data").toString(),
                "--exit-on-stdin-eof");
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
            broker = new BrokerProcess(process, directory, chosen);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        try {
            await("broker on port " + chosen + " ready").atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
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

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Loopback.ADDRESS, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
