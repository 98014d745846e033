package dev.understudy.connector;

import dev.understudy.api.NodeStatus;
import java.util.List;
import java.util.Map;

/**
 * The resource adapter over JMX, for {@code jconsole}, {@code jmxterm} or any JMX client: registered in the
 * platform MBean server as {@code dev.understudy:type=ResourceAdapter,node=<id>} while the adapter runs. The same
 * reads and changes as {@link dev.understudy.api.ReplicationAdmin}, in MXBean types (records become composite
 * data, maps tabular data). A refused change throws {@link IllegalArgumentException} (JMX clients see it wrapped
 * in a {@code RuntimeMBeanException}) and changes nothing.
 */
public interface UnderstudyAdapterMXBean {

    /** This node's id. */
    String getNodeId();

    /** Everything below in one consistent snapshot. */
    NodeStatus getStatus();

    /** Whether the node is ready: broker connected and a secondary available, or a single-node cluster. */
    boolean isReady();

    /** Why the node is (not) ready. */
    String getReadinessReason();

    boolean isBrokerConnected();

    boolean isLeaseValid();

    boolean isLeaving();

    /** Sessions this node serves. */
    int getPrimaries();

    /** Sessions this node backs up for others. */
    int getBackups();

    /** Sessions this node serves without a secondary. */
    int getUnprotected();

    /** The other live nodes with topology and load. */
    List<NodeStatus.Member> getMembers();

    /** For each secondary, how many of this node's sessions it backs up. */
    Map<String, Integer> getDistribution();

    /** Sessions with a change not acknowledged yet by their secondary. */
    int getUnacknowledgedSessions();

    /** The replication lag: how long the oldest unacknowledged change has waited (ms). */
    long getOldestUnacknowledgedMillis();

    /** How long the last acknowledged change waited for its acknowledgement (µs; -1 before the first). */
    long getLastAckLatencyMicros();

    /** The engine's counters since start, by name, and the run-time changes applied and refused. */
    Map<String, Long> getCounters();

    /** {@code SYNC}, {@code ASYNC} or {@code BATCH}. */
    String getMode();

    /** Changes the mode (any case); effective for the next request. */
    void setMode(String mode);

    int getBatchSize();

    long getBatchDelayMillis();

    /** Changes both BATCH bounds at once: size in [1, 100000], delay in [1, 60000] ms. */
    void setBatching(int size, long delayMillis);

    /** The admin pairing; empty for the automatic choice. */
    String getPreferredSecondary();

    /** Pairs this node with a live secondary for new sessions; empty clears. */
    void setPreferredSecondary(String nodeId);

    /** The level of the {@code dev.understudy} loggers. */
    String getLogLevel();

    /** OFF, SEVERE, WARNING, INFO, CONFIG, FINE, FINER, FINEST or ALL. */
    void setLogLevel(String level);

    /**
     * Why a session this node serves has its secondary.
     *
     * @param kind WEB or EJB
     * @return the explanation, or a line saying this node does not serve the session
     */
    String explain(String kind, String scope, String sessionId);
}
