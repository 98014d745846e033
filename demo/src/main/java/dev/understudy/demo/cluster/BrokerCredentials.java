package dev.understudy.demo.cluster;

import dev.understudy.core.model.NodeId;
import dev.understudy.transport.artemis.BrokerPermissions;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.activemq.artemis.utils.DefaultSensitiveStringCodec;
import org.apache.activemq.artemis.utils.PasswordMaskingUtil;

/**
 * The broker logins of one cluster: a user per node ({@code node-<id>}, {@link BrokerPermissions#nodeUser}) and an
 * operator, each with a password of 128 random bits made fresh for each run ({@link #generate}), or read from a
 * file for an external broker ({@link #read}). Passwords never appear in {@link #toString()}, logs or command lines:
 * the broker gets them hashed in its users file ({@link #writeBrokerFiles}), each node in a file readable by its
 * owner only ({@link UnderstudyNodes}).
 */
public final class BrokerCredentials {
    /** The operator's user name (role {@link BrokerPermissions#OPERATOR_ROLE}). */
    public static final String OPERATOR = "understudy-operator";
    /** The JAAS configuration bundled from {@code server-configs/artemis/login.config}. */
    public static final String LOGIN_CONFIG = "dev/understudy/demo/cluster/login.config";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A user and password; {@link #toString()} hides the password. */
    public record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[user=" + user + ", password=****]";
        }
    }

    private final String cluster;
    private final Map<String, Login> nodes;
    private final List<String> nodeOrder;
    private final Login operator;

    private BrokerCredentials(String cluster, Map<String, Login> nodes, Login operator) {
        this.cluster = cluster;
        this.nodes = Map.copyOf(nodes);
        this.nodeOrder = List.copyOf(nodes.keySet());
        this.operator = operator;
    }

    /** Fresh random passwords for the nodes {@code nodeIds} of {@code cluster} and for the operator. */
    public static BrokerCredentials generate(String cluster, Collection<String> nodeIds) {
        Map<String, Login> nodes = new LinkedHashMap<>();
        for (String id : nodeIds) {
            nodes.put(id, new Login(BrokerPermissions.nodeUser(NodeId.of(id)), randomPassword()));
        }
        return new BrokerCredentials(cluster, nodes, new Login(OPERATOR, randomPassword()));
    }

    /**
     * The logins of an external broker from a properties file: {@code cluster} (the cluster name its security
     * settings name), and {@code <nodeId>.user} and {@code <nodeId>.password} for each node. Throws
     * {@link IllegalArgumentException} naming what is missing.
     */
    public static BrokerCredentials read(Path file, Collection<String> nodeIds) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the broker credentials " + file + ": " + e.getMessage());
        }
        String cluster = properties.getProperty("cluster", "").strip();
        if (!cluster.matches("[a-z0-9-]{1,32}")) {
            throw new IllegalArgumentException(file + " has no cluster=<name> ([a-z0-9-]{1,32}), the cluster name"
                    + " the broker's security settings name");
        }
        Map<String, Login> nodes = new LinkedHashMap<>();
        for (String id : nodeIds) {
            String user = properties.getProperty(id + ".user");
            String password = properties.getProperty(id + ".password");
            if (user == null || user.isBlank() || password == null || password.isEmpty()) {
                throw new IllegalArgumentException(file + " has no " + id + ".user and " + id + ".password");
            }
            nodes.put(id, new Login(user.strip(), password));
        }
        return new BrokerCredentials(cluster, nodes, null);
    }

    public String cluster() {
        return cluster;
    }

    /** The node ids, in the order given. */
    public List<String> nodeIds() {
        return nodeOrder;
    }

    /** The login of node {@code nodeId}; throws if this cluster has no such node. */
    public Login node(String nodeId) {
        Login login = nodes.get(nodeId);
        if (login == null) {
            throw new IllegalArgumentException("No broker user for node " + nodeId + ": the broker was set up for "
                    + nodeOrder);
        }
        return login;
    }

    /** The operator's login (absent for credentials read for an external broker). */
    public Optional<Login> operator() {
        return Optional.ofNullable(operator);
    }

    /**
     * Writes what a broker needs to log these users in, readable by the owner only: {@code login.config} (the
     * shipped JAAS configuration), {@code artemis-users.properties} (passwords hashed, {@code ENC(...)}) and
     * {@code artemis-roles.properties} (role {@code node-<id>} for each node, {@code cluster-<cluster>} for all
     * of them, {@link BrokerPermissions#OPERATOR_ROLE} for the operator). Returns {@code directory}.
     */
    public Path writeBrokerFiles(Path directory) {
        List<String> users = new ArrayList<>(List.of("# generated for cluster " + cluster + ": user = hashed password"));
        List<String> roles = new ArrayList<>(List.of("# generated for cluster " + cluster + ": role = users"));
        List<String> everyNode = new ArrayList<>();
        for (String id : nodeOrder) {
            Login login = nodes.get(id);
            users.add(login.user() + " = " + hash(login.password()));
            roles.add(login.user() + " = " + login.user());
            everyNode.add(login.user());
        }
        roles.add(BrokerPermissions.clusterRole(cluster) + " = " + String.join(",", everyNode));
        if (operator != null) {
            users.add(operator.user() + " = " + hash(operator.password()));
            roles.add(BrokerPermissions.OPERATOR_ROLE + " = " + operator.user());
        }
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            try (InputStream config = BrokerCredentials.class.getClassLoader().getResourceAsStream(LOGIN_CONFIG)) {
                if (config == null) {
                    throw new IllegalStateException(LOGIN_CONFIG + " is not on the class path");
                }
                writePrivate(directory.resolve("login.config"), new String(config.readAllBytes()));
            }
            writePrivate(directory.resolve("artemis-users.properties"), String.join("\n", users) + "\n");
            writePrivate(directory.resolve("artemis-roles.properties"), String.join("\n", roles) + "\n");
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the broker's users to " + directory, e);
        }
    }

    /** Never shows a password. */
    @Override
    public String toString() {
        return "BrokerCredentials[cluster=" + cluster + ", nodes=" + nodeOrder + "]";
    }

    /** A file only its owner can read, created so before anything is written to it. */
    static void writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text);
    }

    /** Artemis' one-way hash (PBKDF2), as {@code artemis user add} writes it: {@code ENC(...)}. */
    static String hash(String password) {
        try {
            DefaultSensitiveStringCodec codec = PasswordMaskingUtil.getDefaultCodec(
                    Map.of(DefaultSensitiveStringCodec.ALGORITHM, DefaultSensitiveStringCodec.ONE_WAY));
            return PasswordMaskingUtil.wrap(codec.encode(password));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot hash a broker password", e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
