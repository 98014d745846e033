package dev.understudy.transport.artemis;

import dev.understudy.core.model.NodeId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.core.security.Role;

/**
 * The least privileges a secured Artemis broker grants the nodes of one cluster, derived from the names the
 * transport uses ({@link Addresses}): each node may send to every node address and the members address, consume
 * and create (non-durable, temporary) queues only on its own node address and on the members address, and
 * subscribe to the broker's notifications; nothing else. Every security setting the broker needs for the
 * cluster, as data ({@link #forCluster}) and as the {@code <security-settings>} lines of a {@code broker.xml}
 * ({@link #toXml}): the broker configurations in {@code server-configs/artemis} and the test brokers come from
 * here, so they cannot drift from the transport.
 *
 * <table>
 * <caption>Users, roles and security settings (cluster C, node N)</caption>
 * <tr><th>Match</th><th>Role</th><th>Permissions</th></tr>
 * <tr><td>{@code understudy.C.node.N}</td><td>{@code cluster-C} (every node)</td><td>send, createAddress</td></tr>
 * <tr><td></td><td>{@code node-N} (that node only)</td><td>consume, createNonDurableQueue,
 * deleteNonDurableQueue</td></tr>
 * <tr><td>{@code understudy.C.members}</td><td>{@code cluster-C}</td><td>send, createAddress, consume,
 * createNonDurableQueue, deleteNonDurableQueue</td></tr>
 * <tr><td>{@code activemq.notifications}</td><td>{@code cluster-C}</td><td>createAddress, consume,
 * createNonDurableQueue, deleteNonDurableQueue</td></tr>
 * <tr><td>each of the above</td><td>{@code understudy-operator}</td><td>browse</td></tr>
 * <tr><td>{@code #} (everything else)</td><td>{@code understudy-operator}</td><td>every permission; no node has
 * any</td></tr>
 * </table>
 *
 * <p>Artemis uses the most specific match only (no merging), so each setting lists every role it admits. Node N
 * logs in as the user {@link #nodeUser node-N}, member of the roles {@code node-N} and {@code cluster-C}.
 */
public final class BrokerPermissions {
    /** The role of the people who run the broker (not of any node). */
    public static final String OPERATOR_ROLE = "understudy-operator";
    /** The match that catches everything no other setting names. */
    public static final String EVERYTHING = "#";

    private static final Pattern CLUSTER_NAME = Pattern.compile("[a-z0-9-]{1,32}");

    /** A permission type of Artemis' {@code <security-setting>}, with its name in {@code broker.xml}. */
    public enum Permission {
        SEND("send"),
        CONSUME("consume"),
        CREATE_ADDRESS("createAddress"),
        DELETE_ADDRESS("deleteAddress"),
        CREATE_DURABLE_QUEUE("createDurableQueue"),
        DELETE_DURABLE_QUEUE("deleteDurableQueue"),
        CREATE_NON_DURABLE_QUEUE("createNonDurableQueue"),
        DELETE_NON_DURABLE_QUEUE("deleteNonDurableQueue"),
        MANAGE("manage"),
        BROWSE("browse");

        private final String xmlName;

        Permission(String xmlName) {
            this.xmlName = xmlName;
        }

        /** The {@code type} attribute of {@code <permission>}. */
        public String xmlName() {
            return xmlName;
        }
    }

    /** One {@code <security-setting match="...">}: for each permission, the roles that hold it (never empty). */
    public record Setting(String match, Map<Permission, Set<String>> roles) {
        public Setting {
            Objects.requireNonNull(match, "match");
            Map<Permission, Set<String>> copy = new EnumMap<>(Permission.class);
            roles.forEach((p, r) -> {
                if (!r.isEmpty()) {
                    copy.put(p, Set.copyOf(new LinkedHashSet<>(r)));
                }
            });
            roles = Map.copyOf(copy);
        }

        /** The roles holding {@code permission} here (empty: nobody). */
        public Set<String> rolesFor(Permission permission) {
            return roles.getOrDefault(permission, Set.of());
        }
    }

    private BrokerPermissions() {
    }

    /** The broker user of {@code node}: {@code node-<id>} (also the name of its own role). */
    public static String nodeUser(NodeId node) {
        return "node-" + node.value();
    }

    /** The role every node of {@code cluster} holds: {@code cluster-<cluster>}. */
    public static String clusterRole(String cluster) {
        return "cluster-" + validCluster(cluster);
    }

    /**
     * Every security setting the broker needs for {@code cluster} with {@code nodes}, the catch-all {@code #}
     * (operator only) last. A node not in {@code nodes} can do nothing on this broker.
     */
    public static List<Setting> forCluster(String cluster, Collection<NodeId> nodes) {
        Addresses addresses = new Addresses(validCluster(cluster));
        String everyNode = clusterRole(cluster);
        List<Setting> settings = new ArrayList<>();
        for (NodeId node : new LinkedHashSet<>(nodes)) {
            Map<Permission, Set<String>> roles = new EnumMap<>(Permission.class);
            roles.put(Permission.SEND, Set.of(everyNode));
            roles.put(Permission.CREATE_ADDRESS, Set.of(everyNode));
            roles.put(Permission.CONSUME, Set.of(nodeUser(node)));
            roles.put(Permission.CREATE_NON_DURABLE_QUEUE, Set.of(nodeUser(node)));
            roles.put(Permission.DELETE_NON_DURABLE_QUEUE, Set.of(nodeUser(node)));
            roles.put(Permission.BROWSE, Set.of(OPERATOR_ROLE));
            settings.add(new Setting(addresses.nodeAddress(node).toString(), roles));
        }
        Map<Permission, Set<String>> members = new EnumMap<>(Permission.class);
        for (Permission p : List.of(Permission.SEND, Permission.CREATE_ADDRESS, Permission.CONSUME,
                Permission.CREATE_NON_DURABLE_QUEUE, Permission.DELETE_NON_DURABLE_QUEUE)) {
            members.put(p, Set.of(everyNode));
        }
        members.put(Permission.BROWSE, Set.of(OPERATOR_ROLE));
        settings.add(new Setting(addresses.members().toString(), members));

        Map<Permission, Set<String>> notifications = new EnumMap<>(Permission.class);
        for (Permission p : List.of(Permission.CREATE_ADDRESS, Permission.CONSUME,
                Permission.CREATE_NON_DURABLE_QUEUE, Permission.DELETE_NON_DURABLE_QUEUE)) {
            notifications.put(p, Set.of(everyNode));
        }
        notifications.put(Permission.BROWSE, Set.of(OPERATOR_ROLE));
        settings.add(new Setting(BrokerLink.NOTIFICATIONS.toString(), notifications));
        settings.add(operatorOnly());
        return List.copyOf(settings);
    }

    /** The catch-all: every permission for the operator, nothing for anyone else. */
    public static Setting operatorOnly() {
        Map<Permission, Set<String>> all = new EnumMap<>(Permission.class);
        for (Permission p : Permission.values()) {
            all.put(p, Set.of(OPERATOR_ROLE));
        }
        return new Setting(EVERYTHING, all);
    }

    /** {@code setting} as the broker's API takes it ({@code Configuration.putSecurityRoles(match, roles)}). */
    public static Set<Role> roles(Setting setting) {
        Set<String> names = new TreeSet<>();
        setting.roles().values().forEach(names::addAll);
        Set<Role> roles = new LinkedHashSet<>();
        for (String name : names) {
            Predicate<Permission> has = p -> setting.rolesFor(p).contains(name);
            roles.add(new Role(name, has.test(Permission.SEND), has.test(Permission.CONSUME),
                    has.test(Permission.CREATE_DURABLE_QUEUE), has.test(Permission.DELETE_DURABLE_QUEUE),
                    has.test(Permission.CREATE_NON_DURABLE_QUEUE), has.test(Permission.DELETE_NON_DURABLE_QUEUE),
                    has.test(Permission.MANAGE), has.test(Permission.BROWSE), has.test(Permission.CREATE_ADDRESS),
                    has.test(Permission.DELETE_ADDRESS), false, false));
        }
        return roles;
    }

    /**
     * The {@code <security-setting>} elements of {@code settings}, one per line group, indented by
     * {@code indent}; permissions in {@link Permission} order, roles sorted.
     */
    public static String toXml(List<Setting> settings, String indent) {
        StringBuilder xml = new StringBuilder();
        for (Setting setting : settings) {
            xml.append(indent).append("<security-setting match=\"").append(setting.match()).append("\">\n");
            for (Permission p : Permission.values()) {
                Set<String> roles = setting.rolesFor(p);
                if (!roles.isEmpty()) {
                    xml.append(indent).append("  <permission type=\"").append(p.xmlName()).append("\" roles=\"")
                            .append(String.join(",", roles.stream().sorted().toList())).append("\"/>\n");
                }
            }
            xml.append(indent).append("</security-setting>\n");
        }
        return xml.toString();
    }

    private static String validCluster(String cluster) {
        if (cluster == null || !CLUSTER_NAME.matcher(cluster).matches()) {
            throw new IllegalArgumentException("The cluster name must match [a-z0-9-]{1,32}, was " + cluster);
        }
        return cluster;
    }
}
