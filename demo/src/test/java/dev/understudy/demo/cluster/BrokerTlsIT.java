package dev.understudy.demo.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.spi.Transport;
import dev.understudy.demo.process.ListeningSockets;
import dev.understudy.demo.process.Workspace;
import dev.understudy.transport.artemis.ArtemisTransport;
import dev.understudy.transport.artemis.ArtemisTransportConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TLS broker as shipped ({@code broker-tls.xml}, certificates from {@code make-certs.sh}) in a process of its
 * own: two nodes, each with its client certificate and its login, connect and replicate; a client without a
 * certificate, with a certificate of another CA, or speaking plain TCP, is refused before any login; a node with its
 * certificate but a wrong password is refused by the login.
 */
class BrokerTlsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path SCRIPT = Path.of("..", "server-configs", "artemis", "make-certs.sh").toAbsolutePath();
    private static final Workspace WORKSPACE = new Workspace(TARGET.resolve("it-tls").resolve("run-" + System.nanoTime()),
            TARGET.resolve("it-tls").resolve("pids"), false);

    private static Path certs;
    private static Path rogue;
    private static String storePassword;
    private static BrokerProcess broker;
    private final List<ArtemisTransport> transports = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        certs = WORKSPACE.newDirectory("certs");
        makeCerts(certs, "a", "b");
        storePassword = Files.readString(certs.resolve("store-password")).strip();
        // a certificate for "node-a" that the cluster's CA did not sign (self-signed), in a store of its own
        rogue = WORKSPACE.newDirectory("rogue").resolve("a.p12");
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-noprompt",
                "-storetype", "PKCS12", "-keystore", rogue.toString(), "-storepass", storePassword, "-alias", "a",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=node-a", "-validity", "2"),
                rogue.resolveSibling("keytool.log"));
        // the demo's runtime class path, as the demo jar's manifest names it
        String classPath = TARGET.resolve("classes") + File.pathSeparator + TARGET.resolve("lib") + File.separator + "*";
        broker = BrokerProcess.startTls(WORKSPACE, classPath, 0, BrokerCredentials.generate("tls", List.of("a", "b")),
                certs);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void nodesWithTheirCertificatesConnectAndReplicate() {
        Frames a = new Frames();
        Frames b = new Frames();
        ArtemisTransport ta = node("a", a);
        ArtemisTransport tb = node("b", b);
        await().atMost(PATIENCE).until(() -> ta.isConnected() && tb.isConnected());

        for (int i = 0; i < 50; i++) {
            ta.send(NodeId.of("b"), new byte[] {(byte) i});
        }
        tb.broadcast(new byte[] {-1});

        await().atMost(PATIENCE).until(() -> b.frames.size() == 51 && a.frames.size() == 1);
        // frames to b arrive in order; the broadcast (on the members queue) may come between them
        assertThat(b.frames.stream().filter(f -> f[0] != -1).map(f -> (int) f[0]).toList())
                .isEqualTo(java.util.stream.IntStream.range(0, 50).boxed().toList());
        // the broker's confirmations come back on their own (batched by the confirmation window), possibly after the
        // frames were delivered: wait for them, then the count is exact
        await().atMost(PATIENCE).until(() -> ta.stats().confirmed() >= 50);
        assertThat(ta.stats().confirmed()).isEqualTo(50);
        assertThat(ListeningSockets.of(broker.pid())).allSatisfy(s -> assertThat(s.isLoopback()).isTrue());
    }

    @AfterEach
    void closeTransports() {
        transports.forEach(ArtemisTransport::close);
    }

    @Test
    void withoutAClientCertificateOfTheClusterCaNoConnection() {
        String trustOnly = broker.url() + "?sslEnabled=true;trustStorePath=" + certs.resolve("truststore.p12")
                + ";trustStorePassword=" + storePassword;
        String otherCertificate = trustOnly + ";keyStorePath=" + rogue + ";keyStorePassword=" + storePassword;

        for (String url : List.of(trustOnly, otherCertificate, broker.url())) {
            assertThatThrownBy(() -> connect(url)).as(url).isInstanceOf(ActiveMQException.class)
                    .isNotInstanceOf(ActiveMQSecurityException.class); // refused before any login
        }
    }

    @Test
    void aCertificateIsNotALogin() throws Exception {
        String url = nodeUrl("a");
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url).setCallTimeout(10_000);
                ClientSessionFactory factory = locator.createSessionFactory()) {
            assertThatThrownBy(() -> factory.createSession("node-a", "wrong", false, true, true, false, 0))
                    .isInstanceOf(ActiveMQSecurityException.class);
            BrokerCredentials.Login b = broker.credentials().node("b");
            factory.createSession(b.user(), b.password(), false, true, true, false, 0).close(); // TLS login works
        }
    }

    private ArtemisTransport node(String id, Frames listener) {
        BrokerCredentials.Login login = broker.credentials().node(id);
        ArtemisTransport transport = new ArtemisTransport(ArtemisTransportConfig.builder()
                .brokerUrl(nodeUrl(id))
                .credentials(login.user(), login.password())
                .clusterName("tls")
                .retryInterval(Duration.ofMillis(200))
                .build());
        transports.add(transport);
        transport.start(NodeId.of(id), listener);
        return transport;
    }

    private static String nodeUrl(String id) {
        return broker.url() + "?sslEnabled=true;trustStorePath=" + certs.resolve("truststore.p12")
                + ";trustStorePassword=" + storePassword + ";keyStorePath=" + certs.resolve(id + ".p12")
                + ";keyStorePassword=" + storePassword;
    }

    private static void connect(String url) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url).setCallTimeout(3_000)
                .setInitialConnectAttempts(1).setReconnectAttempts(0);
                ClientSessionFactory factory = locator.createSessionFactory()) {
            BrokerCredentials.Login a = broker.credentials().node("a");
            factory.createSession(a.user(), a.password(), false, true, true, false, 0).close();
        }
    }

    private static void makeCerts(Path directory, String... nodes) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), directory.toString()));
        command.addAll(List.of(nodes));
        run(command, directory.resolveSibling(directory.getFileName() + ".log"));
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(command.get(1) + " ended").isTrue();
        assertThat(process.exitValue()).as(command.get(1) + " exit status").isZero();
    }

    /** Records frames; the other callbacks are not under test here. */
    private static final class Frames implements Transport.Listener {
        final List<byte[]> frames = new CopyOnWriteArrayList<>();

        @Override
        public void onFrame(byte[] frame) {
            frames.add(frame);
        }

        @Override
        public void onConnected() {
        }

        @Override
        public void onDisconnected(Throwable cause) {
        }

        @Override
        public void onUndeliverable(NodeId to, byte[] frame, Throwable cause) {
        }

        @Override
        public void onPeerGone(NodeId peer) {
        }
    }
}
