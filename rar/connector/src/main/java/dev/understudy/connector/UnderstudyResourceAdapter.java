package dev.understudy.connector;

import dev.understudy.api.SessionEventListener;
import dev.understudy.api.SessionKind;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The Understudy resource adapter: one replication engine and one Artemis connection per adapter, shared by
 * every connection handle of every application on this server.
 *
 * <p>Configuration: the {@link ConfigProperty} fields below (name, default and description, as the admin console
 * shows them). Each may be overridden per node by the system property {@code understudy.<name>}; see
 * {@link AdapterSettings} for the precedence. Everything is validated once, in {@link #start}: a wrong value
 * fails the deployment with a message naming the property. The broker being down does not: the adapter starts,
 * reports itself unhealthy ({@link #health()}), and connects when the broker answers.
 *
 * <p><b>Threads.</b> The engine runs on one dedicated thread, the transport on its own small pools (see
 * {@link AdapterThreads} for why not the {@link WorkManager}); the WorkManager carries the broker-failure
 * notifications to the container's connection pools.
 *
 * <p><b>Run-time changes</b> (mode, batching, pairing, log level) and the node's status go through
 * {@link AdapterAdmin}, reached by {@code ReplicationConnectionFactory.admin()} and, while started, the MXBean
 * {@code dev.understudy:type=ResourceAdapter,node=<id>} ({@link UnderstudyAdapterMXBean}).
 *
 * <p><b>Teardown order</b> ({@link #stop}): (0) the MXBean is unregistered; (1) no new managed connection is
 * created and existing ones stop matching; (2) the engine leaves gracefully: every session this node serves is handed to its secondary, which
 * becomes its primary, and the leave is announced; (3) the engine thread ends; (4) the transport closes its
 * broker connection and ends its threads. Handles still open afterwards throw {@code ReplicationException}.
 * Registered session event listeners are kept for a later {@link #start}.
 */
@Connector(
        displayName = "Understudy session replication",
        description = "Replicates HTTP sessions and stateful beans to a secondary server over ActiveMQ Artemis.",
        vendorName = "Understudy",
        eisType = "Understudy replication engine",
        version = "0.1",
        licenseRequired = false,
        reauthenticationSupport = false,
        transactionSupport = TransactionSupportLevel.NoTransaction)
public class UnderstudyResourceAdapter implements ResourceAdapter {
    static final Logger LOG = Logger.getLogger(UnderstudyResourceAdapter.class.getPackageName());

    /** The default deserialization allow-list: plain JDK value types and collections; add application packages. */
    public static final String DEFAULT_ALLOW_LIST = "java.lang.*;java.util.*;java.util.concurrent.*;"
            + "java.util.concurrent.atomic.*;java.time.*;java.math.*;java.net.URI;java.net.URL;!*";

    @ConfigProperty(defaultValue = "tcp://127.0.0.1:61616", description = "Artemis core-client URL of the broker"
            + " (or a list: (tcp://a:61616,tcp://b:61616)?ha=true). Reconnection is always on.")
    private String brokerUrl = "tcp://127.0.0.1:61616";

    @ConfigProperty(defaultValue = "", description = "Broker user; empty for an unsecured broker.")
    private String user = "";

    @ConfigProperty(defaultValue = "", confidential = true, description = "Broker password.")
    private String password = "";

    @ConfigProperty(defaultValue = "understudy", description = "Cluster name, [a-z0-9-]{1,32}: clusters sharing a"
            + " broker never see each other.")
    private String clusterName = "understudy";

    @ConfigProperty(defaultValue = "", description = "This node id, [a-z0-9-]{1,32}, unique in the cluster."
            + " Required; usually given per node as -Dunderstudy.nodeId=...")
    private String nodeId = "";

    @ConfigProperty(defaultValue = "", description = "Machine label for the choice of secondaries (a secondary"
            + " on another machine is preferred).")
    private String machine = "";

    @ConfigProperty(defaultValue = "", description = "Rack label (a secondary on another rack is preferred).")
    private String rack = "";

    @ConfigProperty(defaultValue = "", description = "Zone label (a secondary in another zone is preferred).")
    private String zone = "";

    @ConfigProperty(defaultValue = "SYNC", description = "SYNC (the response waits until the secondary applied"
            + " the change), ASYNC (sent after the request) or BATCH (sent in batches).")
    private String mode = "SYNC";

    @ConfigProperty(defaultValue = "64", description = "BATCH: send when this many updates are queued.")
    private Integer batchSize = 64;

    @ConfigProperty(defaultValue = "20", description = "BATCH: send when the oldest queued update is this old (ms).")
    private Long batchDelayMillis = 20L;

    @ConfigProperty(defaultValue = "10000", description = "SYNC: longest wait for the secondary (ms).")
    private Long syncTimeoutMillis = 10_000L;

    @ConfigProperty(defaultValue = "1000", description = "Heartbeat and lease interval (ms).")
    private Long heartbeatIntervalMillis = 1_000L;

    @ConfigProperty(defaultValue = "5000", description = "A silent peer is declared dead after this (ms; at least"
            + " twice the heartbeat interval).")
    private Long failureTimeoutMillis = 5_000L;

    @ConfigProperty(defaultValue = "2000", description = "Takeover: longest wait for the copies of a session and"
            + " for the claim (ms).")
    private Long fetchTimeoutMillis = 2_000L;

    @ConfigProperty(defaultValue = "", description = "Admin pairing: the node id to use as secondary while it is"
            + " alive; empty for the automatic choice.")
    private String preferredSecondary = "";

    @ConfigProperty(defaultValue = "", confidential = true, description = "Key of the session cookie MAC: the"
            + " same on every node, at least 16 bytes (e.g. openssl rand -hex 32). Required.")
    private String routeSecret = "";

    @ConfigProperty(defaultValue = "", confidential = true, description = "Key rotation: earlier (or next) route"
            + " secrets, separated by spaces, at most 4; they verify cookies and bean handles but never sign, until"
            + " previousRouteSecretsUntil.")
    private String previousRouteSecrets = "";

    @ConfigProperty(defaultValue = "", description = "End of the grace period of previousRouteSecrets, an ISO-8601"
            + " instant (e.g. 2026-12-01T00:00:00Z); required with them. From then on their routes are refused.")
    private String previousRouteSecretsUntil = "";

    @ConfigProperty(defaultValue = "16777216", description = "Largest session (attribute names plus values, in"
            + " bytes); at most 16 MiB.")
    private Long maxSessionBytes = 16_777_216L;

    @ConfigProperty(defaultValue = "4194304", description = "Largest attribute value (bytes); at most 4 MiB.")
    private Long maxAttributeBytes = 4_194_304L;

    @ConfigProperty(defaultValue = DEFAULT_ALLOW_LIST, description = "Classes the web filter and interceptors may"
            + " deserialize (ObjectInputFilter patterns); add the application packages, e.g. com.shop.**;"
            + " anything else is rejected.")
    private String deserializationAllowList = DEFAULT_ALLOW_LIST;

    private final SessionEventRegistry events = new SessionEventRegistry();
    private final Set<UnderstudyManagedConnection> connections = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private final AdapterAdmin admin = new AdapterAdmin(this);
    private volatile AdapterRuntime runtime;
    private AdapterManagementBean managementBean;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        synchronized (lifecycle) {
            if (runtime != null) {
                throw new ResourceAdapterInternalException("The Understudy adapter is already started");
            }
            AdapterSettings settings;
            try {
                settings = AdapterSettings.resolve(ConfigProperties.values(this), System::getProperty);
            } catch (ResourceAdapterInternalException e) {
                AdapterLog.C005.log(LOG, e.getMessage());
                throw e;
            }
            WorkManager work = context == null ? null : context.getWorkManager();
            runtime = AdapterRuntime.start(settings, events, new BrokerWatch(work, connections));
            managementBean = AdapterManagementBean.register(settings.nodeId(), admin);
        }
    }

    @Override
    public void stop() {
        AdapterRuntime stopping;
        synchronized (lifecycle) {
            stopping = runtime;
            runtime = null;
            if (managementBean != null) {
                managementBean.unregister();
                managementBean = null;
            }
        }
        if (stopping != null) {
            stopping.stop();
        }
    }

    /** Whether the adapter is started, connected to the broker and holds a valid membership lease. */
    public AdapterHealth health() {
        AdapterRuntime current = runtime;
        return current == null ? AdapterHealth.stopped() : current.health();
    }

    /** What operators see and change at run time (also over JMX while started). */
    AdapterAdmin admin() {
        return admin;
    }

    /** The running engine and its settings; {@link ResourceException} when stopped. */
    AdapterRuntime runtime() throws ResourceException {
        AdapterRuntime current = runtime;
        if (current == null) {
            throw new ResourceException("The Understudy resource adapter is not started");
        }
        return current;
    }

    /** The running engine, or {@code null} when stopped. */
    AdapterRuntime runtimeOrNull() {
        return runtime;
    }

    void register(UnderstudyManagedConnection connection) {
        connections.add(connection);
    }

    void forget(UnderstudyManagedConnection connection) {
        connections.remove(connection);
    }

    void setSessionEventListener(SessionKind kind, String scope, SessionEventListener listener) {
        events.register(kind, scope, listener);
    }

    void removeSessionEventListener(SessionKind kind, String scope) {
        events.remove(kind, scope);
    }

    /** No inbound side: applications call the adapter, the adapter never calls endpoints. */
    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        AdapterLog.C007.log(LOG, spec);
        throw new NotSupportedException("The Understudy resource adapter has no inbound side");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        // nothing was ever activated
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    // ---- JavaBean properties (the container sets them before start) -----------------------------------------

    public String getBrokerUrl() {
        return brokerUrl;
    }

    public void setBrokerUrl(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    public String getMachine() {
        return machine;
    }

    public void setMachine(String machine) {
        this.machine = machine;
    }

    public String getRack() {
        return rack;
    }

    public void setRack(String rack) {
        this.rack = rack;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Long getBatchDelayMillis() {
        return batchDelayMillis;
    }

    public void setBatchDelayMillis(Long batchDelayMillis) {
        this.batchDelayMillis = batchDelayMillis;
    }

    public Long getSyncTimeoutMillis() {
        return syncTimeoutMillis;
    }

    public void setSyncTimeoutMillis(Long syncTimeoutMillis) {
        this.syncTimeoutMillis = syncTimeoutMillis;
    }

    public Long getHeartbeatIntervalMillis() {
        return heartbeatIntervalMillis;
    }

    public void setHeartbeatIntervalMillis(Long heartbeatIntervalMillis) {
        this.heartbeatIntervalMillis = heartbeatIntervalMillis;
    }

    public Long getFailureTimeoutMillis() {
        return failureTimeoutMillis;
    }

    public void setFailureTimeoutMillis(Long failureTimeoutMillis) {
        this.failureTimeoutMillis = failureTimeoutMillis;
    }

    public Long getFetchTimeoutMillis() {
        return fetchTimeoutMillis;
    }

    public void setFetchTimeoutMillis(Long fetchTimeoutMillis) {
        this.fetchTimeoutMillis = fetchTimeoutMillis;
    }

    public String getPreferredSecondary() {
        return preferredSecondary;
    }

    public void setPreferredSecondary(String preferredSecondary) {
        this.preferredSecondary = preferredSecondary;
    }

    public String getRouteSecret() {
        return routeSecret;
    }

    public void setRouteSecret(String routeSecret) {
        this.routeSecret = routeSecret;
    }

    public String getPreviousRouteSecrets() {
        return previousRouteSecrets;
    }

    public void setPreviousRouteSecrets(String previousRouteSecrets) {
        this.previousRouteSecrets = previousRouteSecrets;
    }

    public String getPreviousRouteSecretsUntil() {
        return previousRouteSecretsUntil;
    }

    public void setPreviousRouteSecretsUntil(String previousRouteSecretsUntil) {
        this.previousRouteSecretsUntil = previousRouteSecretsUntil;
    }

    public Long getMaxSessionBytes() {
        return maxSessionBytes;
    }

    public void setMaxSessionBytes(Long maxSessionBytes) {
        this.maxSessionBytes = maxSessionBytes;
    }

    public Long getMaxAttributeBytes() {
        return maxAttributeBytes;
    }

    public void setMaxAttributeBytes(Long maxAttributeBytes) {
        this.maxAttributeBytes = maxAttributeBytes;
    }

    public String getDeserializationAllowList() {
        return deserializationAllowList;
    }

    public void setDeserializationAllowList(String deserializationAllowList) {
        this.deserializationAllowList = deserializationAllowList;
    }
}
