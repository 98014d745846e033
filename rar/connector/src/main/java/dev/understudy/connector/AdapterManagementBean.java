package dev.understudy.connector;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.ReplicationSettings;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionKind;
import dev.understudy.core.model.NodeId;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * {@link UnderstudyAdapterMXBean} over the adapter's {@link AdapterAdmin}, registered in the platform MBean server
 * by {@link #register} when the adapter starts and removed by {@link #unregister} when it stops (so that no
 * reference to the adapter's class loader outlives it). Operation parameters carry their names for JMX consoles.
 */
final class AdapterManagementBean extends StandardMBean implements UnderstudyAdapterMXBean {
    private static final Map<String, List<String>> PARAMETERS = Map.of(
            "setBatching", List.of("size", "delayMillis"),
            "explain", List.of("kind", "scope", "sessionId"));

    private final AdapterAdmin admin;
    private final String nodeId;
    private ObjectName registeredAs;

    private AdapterManagementBean(AdapterAdmin admin, String nodeId) {
        super(UnderstudyAdapterMXBean.class, true);
        this.admin = admin;
        this.nodeId = nodeId;
    }

    /** The bean's name: {@code dev.understudy:type=ResourceAdapter,node=<id>}. */
    static ObjectName name(NodeId node) {
        try {
            return new ObjectName("dev.understudy:type=ResourceAdapter,node=" + node.value());
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Registers the bean of {@code node}. Never fails the adapter: a name already taken (a second adapter with the
     * same node id in this JVM) or a refusing server is logged ({@code US-C053}) and the bean is left out.
     */
    static AdapterManagementBean register(NodeId node, AdapterAdmin admin) {
        AdapterManagementBean bean = new AdapterManagementBean(admin, node.value());
        ObjectName name = name(node);
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            bean.registeredAs = name;
            AdapterLog.C052.log(UnderstudyResourceAdapter.LOG, node, name);
        } catch (JMException | RuntimeException e) {
            AdapterLog.C053.log(UnderstudyResourceAdapter.LOG, node, name, e.toString());
        }
        return bean;
    }

    /** Removes the bean if {@link #register} registered it; never throws. */
    void unregister() {
        ObjectName name = registeredAs;
        if (name == null) {
            return;
        }
        registeredAs = null;
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            server.unregisterMBean(name);
        } catch (JMException | RuntimeException e) {
            AdapterLog.C054.log(UnderstudyResourceAdapter.LOG, nodeId, name, e.toString());
        }
    }

    @Override
    public String getNodeId() {
        return nodeId;
    }

    @Override
    public NodeStatus getStatus() {
        return admin.status();
    }

    @Override
    public boolean isReady() {
        return admin.status().ready();
    }

    @Override
    public String getReadinessReason() {
        return admin.status().readinessReason();
    }

    @Override
    public boolean isBrokerConnected() {
        return admin.status().brokerConnected();
    }

    @Override
    public boolean isLeaseValid() {
        return admin.status().leaseValid();
    }

    @Override
    public boolean isLeaving() {
        return admin.status().leaving();
    }

    @Override
    public int getPrimaries() {
        return admin.status().self().primaries();
    }

    @Override
    public int getBackups() {
        return admin.status().self().backups();
    }

    @Override
    public int getUnprotected() {
        return admin.status().unprotected();
    }

    @Override
    public List<NodeStatus.Member> getMembers() {
        return admin.status().members();
    }

    @Override
    public Map<String, Integer> getDistribution() {
        return admin.status().distribution();
    }

    @Override
    public int getUnacknowledgedSessions() {
        return admin.status().replication().unacknowledged();
    }

    @Override
    public long getOldestUnacknowledgedMillis() {
        return admin.status().replication().oldestUnacknowledgedMillis();
    }

    @Override
    public long getLastAckLatencyMicros() {
        return admin.status().replication().lastAckLatencyMicros();
    }

    @Override
    public Map<String, Long> getCounters() {
        return admin.status().counters();
    }

    @Override
    public String getMode() {
        return admin.settings().mode().name();
    }

    @Override
    public void setMode(String mode) {
        admin.setMode(mode);
    }

    @Override
    public int getBatchSize() {
        return admin.settings().batchSize();
    }

    @Override
    public long getBatchDelayMillis() {
        return admin.settings().batchDelayMillis();
    }

    @Override
    public void setBatching(int size, long delayMillis) {
        admin.setBatching(size, delayMillis);
    }

    @Override
    public String getPreferredSecondary() {
        ReplicationSettings s = admin.settings();
        return s.preferredSecondary() == null ? "" : s.preferredSecondary();
    }

    @Override
    public void setPreferredSecondary(String node) {
        admin.setPreferredSecondary(node);
    }

    @Override
    public String getLogLevel() {
        return admin.settings().logLevel();
    }

    @Override
    public void setLogLevel(String level) {
        admin.setLogLevel(level);
    }

    @Override
    public String explain(String kind, String scope, String sessionId) {
        if (scope == null || sessionId == null) {
            throw new IllegalArgumentException("explain needs a kind, a scope (e.g. the context path) and a session id");
        }
        SessionKind k;
        try {
            k = SessionKind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be one of " + Arrays.toString(SessionKind.values())
                    + ", was " + kind);
        }
        return admin.explain(new SessionKey(k, scope, sessionId))
                .orElse("node " + nodeId + " does not serve session " + sessionId + " (" + k + " " + scope + ")");
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return "Understudy session replication on node " + nodeId + ": status, readiness, counters, and run-time"
                + " changes of mode (" + Arrays.toString(ReplicationMode.values()) + "), batching, pairing and"
                + " log level";
    }

    @Override
    protected String getDescription(MBeanOperationInfo op) {
        return switch (op.getName()) {
            case "setBatching" -> "BATCH bounds: a batch leaves at size updates or after delayMillis";
            case "explain" -> "Why a session served here has its secondary";
            default -> super.getDescription(op);
        };
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        List<String> names = PARAMETERS.get(op.getName());
        return names != null && sequence < names.size() ? names.get(sequence) : super.getParameterName(op, param,
                sequence);
    }
}
