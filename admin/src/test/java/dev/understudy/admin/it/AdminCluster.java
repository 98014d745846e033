package dev.understudy.admin.it;

import dev.understudy.demo.cluster.BrokerCredentials;
import dev.understudy.demo.cluster.BrokerProcess;
import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.cluster.UnderstudyNodes;
import dev.understudy.demo.process.FreePorts;
import dev.understudy.demo.process.ManagedProcess;
import dev.understudy.demo.process.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * A broker and Payara Micro nodes set up the way admin/README.md tells users to: the shipped post-boot file and the
 * shipped {@code admin-users.asadmin} concatenated (Payara Micro takes one post-boot file), the user's name and
 * password file as system properties, the RAR, then an application (the sample shop) and {@code understudy-admin.war}.
 * Everything on 127.0.0.1, lean JVMs, HTTP readiness probes; {@link #close()} stops every process by PID, newest
 * first, whatever happened (the demo's ProcessRegistry shutdown hook is the backstop).
 */
final class AdminCluster implements AutoCloseable {
    static final String USER = "ops";
    /** A user of the file realm without the group understudy-admin: authenticated, not authorized. */
    static final String OUTSIDER = "outsider";
    static final String ALLOW_LIST = "java.lang.*;java.util.*;java.time.*;dev.understudy.sample.**;!*";

    private final Workspace workspace = ItPaths.workspace();
    private final Deque<ManagedProcess> processes = new ArrayDeque<>();
    private final String password = hex(16);
    private final Path passwordFile;
    private final List<String> postBootCommands;
    private BrokerProcess broker;
    private UnderstudyNodes nodes;

    AdminCluster() {
        Path directory = workspace.newDirectory("secrets");
        passwordFile = directory.resolve("understudy-admin.password");
        try {
            Files.writeString(passwordFile, "AS_ADMIN_USERPASSWORD=" + password + "\n");
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = new ArrayList<>(UnderstudyNodes.readPostBootCommands(
                ItPaths.shippedCommandFile("post-boot-commands.asadmin")));
        lines.addAll(UnderstudyNodes.readPostBootCommands(ItPaths.shippedCommandFile("admin-users.asadmin")));
        lines.add("create-file-user --passwordfile " + passwordFile + " " + OUTSIDER);
        postBootCommands = List.copyOf(lines);
    }

    String password() {
        return password;
    }

    BrokerProcess startBroker() {
        String cluster = UnderstudyNodes.uniqueClusterName("adm");
        broker = own(BrokerProcess.start(workspace, ItPaths.testClasspath(), FreePorts.next(),
                BrokerCredentials.generate(cluster, List.of("node-a", "node-b"))));
        nodes = new UnderstudyNodes(ItPaths.resourceAdapter(), postBootCommands, broker.url(), cluster, hex(32),
                ALLOW_LIST, broker.credentials());
        return broker;
    }

    /** Starts node {@code name} with its topology; returns once the shop and the admin WAR answer. */
    PayaraMicroNode startNode(String name, String machine, String rack, String zone) {
        PayaraMicroNode.Builder builder = PayaraMicroNode.builder(name, ItPaths.payaraMicroJar(), workspace)
                .heapMegabytes(384)
                .systemProperty("understudy.machine", machine)
                .systemProperty("understudy.rack", rack)
                .systemProperty("understudy.zone", zone)
                .systemProperty("understudy.admin.user", USER)
                .systemProperty("understudy.admin.passwordfile", passwordFile.toString());
        builder = nodes.node(builder, ItPaths.sampleWar(), "/sample/api/health")
                .deploy(ItPaths.adminWar())
                .readiness("/understudy/api/status", 401); // deployed, and secured
        return own(builder.start());
    }

    private <T extends ManagedProcess> T own(T process) {
        processes.push(process);
        return process;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!processes.isEmpty()) {
            ManagedProcess process = processes.pop();
            try {
                process.stop();
            } catch (RuntimeException e) {
                try {
                    process.kill9();
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
