package dev.understudy.transport.artemis.testing;

import dev.understudy.core.model.NodeId;
import dev.understudy.transport.artemis.BrokerPermissions;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;

/**
 * The users of a secured {@link EmbeddedBroker}: one per node ({@code node-<id>}, a random password per instance,
 * roles {@code node-<id>} and {@code cluster-<cluster>}), an operator, and any extra user a test adds (e.g. one
 * who can log in but holds no role). The security settings are {@link BrokerPermissions#forCluster}.
 *
 * <pre>{@code
 * BrokerUsers users = BrokerUsers.of("it", List.of(NodeId.of("a"), NodeId.of("b")));
 * try (EmbeddedBroker broker = EmbeddedBroker.create().secured(users).start()) {
 *     users.user(NodeId.of("a")); users.password(NodeId.of("a"));
 * }
 * }</pre>
 */
public final class BrokerUsers {
    /** The operator's user name. */
    public static final String OPERATOR = "operator";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String cluster;
    private final List<NodeId> nodes;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, List<String>> roles = new LinkedHashMap<>();
    /** Live: Artemis' in-VM login module reads it at each login, so users added after the start count. */
    private final SecurityConfiguration security = new SecurityConfiguration();

    private BrokerUsers(String cluster, List<NodeId> nodes) {
        this.cluster = cluster;
        this.nodes = List.copyOf(nodes);
        for (NodeId node : nodes) {
            add(BrokerPermissions.nodeUser(node), randomPassword(),
                    List.of(BrokerPermissions.nodeUser(node), BrokerPermissions.clusterRole(cluster)));
        }
        add(OPERATOR, randomPassword(), List.of(BrokerPermissions.OPERATOR_ROLE));
    }

    /** Users for {@code nodes} of {@code cluster}, and the operator, each with a fresh random password. */
    public static BrokerUsers of(String cluster, Collection<NodeId> nodes) {
        return new BrokerUsers(cluster, List.copyOf(nodes));
    }

    /** Adds (or replaces) a user; also while the broker runs. Returns this. */
    public BrokerUsers add(String user, String password, List<String> userRoles) {
        passwords.put(user, password);
        roles.put(user, List.copyOf(userRoles));
        security.removeUser(user);
        security.addUser(user, password);
        userRoles.forEach(role -> security.addRole(user, role));
        return this;
    }

    public String cluster() {
        return cluster;
    }

    public List<NodeId> nodes() {
        return nodes;
    }

    /** The broker user of {@code node}. */
    public String user(NodeId node) {
        String user = BrokerPermissions.nodeUser(node);
        if (!passwords.containsKey(user)) {
            throw new IllegalArgumentException("No broker user for node " + node + "; the broker knows " + nodes);
        }
        return user;
    }

    /** The password of {@code node}'s user. */
    public String password(NodeId node) {
        return passwords.get(user(node));
    }

    /** The password of {@code user}. */
    public String passwordOf(String user) {
        return passwords.get(user);
    }

    /** The security settings the broker applies. */
    public List<BrokerPermissions.Setting> settings() {
        return BrokerPermissions.forCluster(cluster, nodes);
    }

    /** The users and roles for Artemis' in-VM login module. */
    SecurityConfiguration securityConfiguration() {
        return security;
    }

    static Set<Role> roles(BrokerPermissions.Setting setting) {
        return BrokerPermissions.roles(setting);
    }

    /** 128 random bits, hex. */
    public static String randomPassword() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Never shows a password. */
    @Override
    public String toString() {
        return "BrokerUsers[cluster=" + cluster + ", users=" + passwords.keySet() + "]";
    }
}
