package dev.understudy.it.cluster;

import dev.understudy.demo.cluster.BrokerCredentials;
import dev.understudy.demo.cluster.BrokerProcess;
import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.process.ManagedProcess;
import dev.understudy.it.support.ItProcesses;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Owns the processes a test class starts and ends all of them, newest first, whatever happened: as a JUnit 5
 * extension after the class ({@code @RegisterExtension static final ClusterFixture cluster = new ClusterFixture();})
 * or after each test ({@link #perTest()}), or as an {@link AutoCloseable} in try-with-resources. A process that does not stop on SIGTERM within its grace
 * period gets SIGKILL; a paused one is resumed first. The JVM shutdown hook of the demo's {@code ProcessRegistry}
 * is the backstop for anything else.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ClusterFixture cluster = new ClusterFixture();
 *
 * BrokerProcess broker = cluster.broker(FreePorts.next(), BrokerCredentials.generate(clusterName, List.of("a")));
 * PayaraMicroNode a = cluster.node(ItProcesses.node("a").deploy(war).readiness("/app/ping", 200));
 * }</pre>
 */
public final class ClusterFixture implements AfterEachCallback, AfterAllCallback, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ClusterFixture.class.getName());

    private final Deque<ManagedProcess> processes = new ArrayDeque<>();
    private final boolean perTest;

    /** Ends its processes after the test class (register it in a static field), or on {@link #close()}. */
    public ClusterFixture() {
        this(false);
    }

    private ClusterFixture(boolean perTest) {
        this.perTest = perTest;
    }

    /** Ends its processes after each test (and after the class). */
    public static ClusterFixture perTest() {
        return new ClusterFixture(true);
    }

    /** Starts a node (returns once ready) and takes ownership of it. */
    public synchronized PayaraMicroNode node(PayaraMicroNode.Builder builder) {
        return own(builder.start());
    }

    /**
     * Starts a secured broker on {@code port} (0: a free one) that lets in the nodes of {@code credentials}, and
     * takes ownership of it.
     */
    public synchronized BrokerProcess broker(int port, BrokerCredentials credentials) {
        return own(ItProcesses.broker(port, credentials));
    }

    /** Takes ownership of a process started elsewhere. */
    public synchronized <T extends ManagedProcess> T own(T process) {
        processes.push(process);
        return process;
    }

    /** Stops every owned process, newest first (SIGTERM, SIGKILL after the grace period). */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        while (!processes.isEmpty()) {
            ManagedProcess process = processes.pop();
            try {
                process.stop();
            } catch (RuntimeException e) {
                LOG.warning(() -> "Stopping " + process + " failed: " + e);
                try {
                    process.kill9();
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
