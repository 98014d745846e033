package dev.understudy.it.arquillian;

import dev.understudy.demo.client.RouteCookie;
import dev.understudy.demo.cluster.BrokerCredentials;
import dev.understudy.demo.cluster.BrokerProcess;
import dev.understudy.it.support.ItProcesses;
import dev.understudy.it.support.ItSettings;
import dev.understudy.it.support.Timings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.ContainerRegistry;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * The broker of the Arquillian-started Micro, up before the deployment, and the post-boot file that points the
 * adapter at it.
 *
 * <p>Why an Arquillian extension: the Payara Micro connector starts Micro when it deploys, which the JUnit 5
 * {@code ArquillianExtension} does in its {@code beforeAll} — before any {@code @BeforeAll} method of the test
 * class. An Arquillian observer of {@link BeforeDeploy} runs in the test JVM just before that boot, whatever the
 * test class declares, and knows nothing of JUnit ordering. (The adapter would also start without a broker and
 * connect later — it does — but then the first tests would race the connection.)
 *
 * <p>At {@link BeforeDeploy}: starts a {@link BrokerProcess} on a free port (one per test JVM, so one per test
 * class: failsafe forks per class), and renders the post-boot template
 * ({@link ItSettings#arquillianPostBootTemplate()}) into the file the container's {@code extraMicroOptions} names
 * after {@code --postbootcommandfile}, filling in {@code {{BROKER_PORT}}}, the node's broker login
 * {@code {{BROKER_USER}}} and {@code {{BROKER_PASSWORD}}} (the broker is secured: random per broker, the file is
 * readable by its owner only), {@code {{CLUSTER_NAME}}} (unique per broker) and {@code {{ROUTE_SECRET}}} (random per
 * boot). At {@link AfterUnDeploy} (the connector has stopped Micro
 * by then) the broker is stopped; the process registry's shutdown hook is the backstop. Client-side tests reach the
 * broker and the secret through the static accessors. Registered in
 * {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}.
 */
public final class ArquillianBroker implements LoadableExtension {
    private static final Logger LOG = Logger.getLogger(ArquillianBroker.class.getName());

    /** The node id of the Arquillian-started Micro (post-boot template: nodeId=arquillian). */
    private static final String NODE = "arquillian";
    private static BrokerProcess broker;
    private static String routeSecret;
    private static String clusterName;

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Observer.class);
    }

    /** The broker of the current deployment (client side only). */
    public static synchronized BrokerProcess broker() {
        if (broker == null) {
            throw new IllegalStateException("No broker: ArquillianBroker starts one before an Arquillian deployment");
        }
        return broker;
    }

    /** The route secret the current Micro was booted with (client side only): tests verify cookie MACs with it. */
    public static synchronized String routeSecret() {
        if (routeSecret == null) {
            throw new IllegalStateException("No deployment yet");
        }
        return routeSecret;
    }

    /** The adapter's cluster name for the current Micro (client side only). */
    public static synchronized String clusterName() {
        return clusterName;
    }

    /** The observer Arquillian instantiates (public, no-argument constructor). */
    public static final class Observer {
        @Inject
        private Instance<ContainerRegistry> registry;

        public void startBroker(@Observes BeforeDeploy event) {
            String options = options(event);
            if (options == null) {
                return;
            }
            Path postBoot = FreshPayaraRootDir.option(options, "--postbootcommandfile").map(Path::of)
                    .orElseThrow(() -> new IllegalStateException("extraMicroOptions has no --postbootcommandfile"));
            synchronized (ArquillianBroker.class) {
                if (broker == null || !broker.isAlive()) {
                    long start = System.nanoTime();
                    // the broker's security settings name the cluster: one cluster per broker
                    clusterName = ("it-arq-" + Long.toString(ProcessHandle.current().pid(), 36) + "-"
                            + Long.toString(System.currentTimeMillis(), 36));
                    broker = ItProcesses.broker(0, BrokerCredentials.generate(clusterName, List.of(NODE)));
                    Timings.record("arquillian: broker process ready", Duration.ofNanos(System.nanoTime() - start));
                }
                routeSecret = RouteCookie.randomSecret();
                render(postBoot, broker, clusterName, routeSecret);
            }
        }

        public void stopBroker(@Observes AfterUnDeploy event) {
            synchronized (ArquillianBroker.class) {
                if (broker != null) {
                    LOG.info(() -> "Stopping " + broker + " (Micro was undeployed)");
                    broker.stop();
                    broker = null;
                }
            }
        }

        private String options(BeforeDeploy event) {
            for (Container<?> container : registry.get().getContainers()) {
                if (container.getDeployableContainer() == event.getDeployableContainer()) {
                    return container.getContainerConfiguration().getContainerProperties().get("extraMicroOptions");
                }
            }
            return null;
        }

        private static void render(Path target, BrokerProcess broker, String cluster, String secret) {
            Path template = ItSettings.arquillianPostBootTemplate();
            BrokerCredentials.Login login = broker.credentials().node(NODE);
            try {
                String text = Files.readString(template)
                        .replace("{{BROKER_PORT}}", Integer.toString(broker.port()))
                        .replace("{{BROKER_USER}}", login.user())
                        .replace("{{BROKER_PASSWORD}}", login.password())
                        .replace("{{CLUSTER_NAME}}", cluster)
                        .replace("{{ROUTE_SECRET}}", secret);
                if (text.contains("{{")) {
                    throw new IllegalStateException("Unrendered placeholder left in " + template);
                }
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target); // holds the broker password: readable by the owner only
                Files.createFile(target, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
                Files.writeString(target, text);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot render " + template + " to " + target, e);
            }
        }
    }
}
