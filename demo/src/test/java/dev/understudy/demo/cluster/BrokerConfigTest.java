package dev.understudy.demo.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.model.NodeId;
import dev.understudy.transport.artemis.BrokerPermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code server-configs/artemis/broker.xml} and {@code broker-tls.xml}, as the broker launcher reads them
 * (the copies bundled in this module): secured (login required; the example security settings are exactly what
 * {@link BrokerPermissions} makes for the cluster "understudy" with node-1..3, so the file cannot drift from the
 * transport), a loopback CORE acceptor (TLS with client certificates in the TLS variant), no persistence, no JMX,
 * auto-created addresses, dead-letter and expiry addresses, no disk limit, small pools; the port and data directory
 * from system properties.
 */
class BrokerConfigTest {
    @AfterEach
    void clearProperties() {
        System.clearProperty("understudy.broker.port");
        System.clearProperty("understudy.broker.data");
        System.clearProperty("understudy.broker.tls");
        System.clearProperty("understudy.broker.tls.password");
        System.clearProperty("understudy.broker.peer.port");
        System.clearProperty("understudy.broker.cluster.password");
    }

    @Test
    void theShippedConfigurationIsASecuredLoopbackBrokerWithoutPersistence() throws Exception {
        System.setProperty("understudy.broker.port", "47123");
        System.setProperty("understudy.broker.data", "/tmp/understudy-broker-test");

        FileConfiguration configuration = read(BrokerLauncher.CONFIG);

        assertThat(configuration.isPersistenceEnabled()).isFalse();
        assertThat(configuration.isSecurityEnabled()).isTrue();
        assertThat(configuration.isJMXManagementEnabled()).isFalse();
        assertThat(configuration.getMaxDiskUsage()).isEqualTo(-1);
        assertThat(configuration.getThreadPoolMaxSize()).isEqualTo(8);
        assertThat(configuration.getScheduledThreadPoolMaxSize()).isEqualTo(2);
        assertThat(configuration.getPagingDirectory()).isEqualTo("/tmp/understudy-broker-test/paging");
        assertThat(configuration.getJournalDirectory()).isEqualTo("/tmp/understudy-broker-test/journal");

        assertThat(configuration.getAcceptorConfigurations()).hasSize(1);
        TransportConfiguration acceptor = configuration.getAcceptorConfigurations().iterator().next();
        Map<String, Object> parameters = acceptor.getParams();
        assertThat(parameters).containsEntry("host", "127.0.0.1").containsEntry("port", "47123")
                .containsEntry("protocols", "CORE").doesNotContainKey("sslEnabled");

        AddressSettings all = configuration.getAddressSettings().get("#");
        assertThat(all.getDeadLetterAddress().toString()).isEqualTo("DLQ");
        assertThat(all.getExpiryAddress().toString()).isEqualTo("ExpiryQueue");
        assertThat(all.isAutoCreateQueues()).isTrue();
        assertThat(all.isAutoCreateAddresses()).isTrue();
    }

    @Test
    void theExampleSecuritySettingsAreWhatTheTransportNeedsAndNoMore() throws Exception {
        Map<String, Set<Role>> expected = new LinkedHashMap<>();
        for (BrokerPermissions.Setting setting : BrokerPermissions.forCluster("understudy",
                List.of(NodeId.of("node-1"), NodeId.of("node-2"), NodeId.of("node-3")))) {
            expected.put(setting.match(), BrokerPermissions.roles(setting));
        }

        for (String file : List.of(BrokerLauncher.CONFIG, BrokerLauncher.TLS_CONFIG, BrokerLauncher.HA_PRIMARY_CONFIG,
                BrokerLauncher.HA_BACKUP_CONFIG, BrokerLauncher.CLUSTER_MEMBER_CONFIG)) {
            assertThat(read(file).getSecurityRoles()).as(file).isEqualTo(expected);
        }
    }

    @Test
    void theTlsVariantRequiresClientCertificatesSignedByTheClusterCa() throws Exception {
        System.setProperty("understudy.broker.port", "47124");
        System.setProperty("understudy.broker.tls", "/srv/certs");
        System.setProperty("understudy.broker.tls.password", "pw");

        FileConfiguration configuration = read(BrokerLauncher.TLS_CONFIG);

        assertThat(configuration.isSecurityEnabled()).isTrue();
        assertThat(configuration.getAcceptorConfigurations()).hasSize(1);
        Map<String, Object> parameters = configuration.getAcceptorConfigurations().iterator().next().getParams();
        assertThat(parameters).containsEntry("host", "127.0.0.1").containsEntry("port", "47124")
                .containsEntry("protocols", "CORE").containsEntry("sslEnabled", "true")
                .containsEntry("needClientAuth", "true")
                .containsEntry("keyStorePath", "/srv/certs/broker.p12").containsEntry("keyStorePassword", "pw")
                .containsEntry("trustStorePath", "/srv/certs/truststore.p12").containsEntry("trustStorePassword", "pw");
    }

    @Test
    void theHaPairReplicatesBetweenTwoLoopbackBrokersWithTheClusterPasswordGiven() throws Exception {
        System.setProperty("understudy.broker.port", "47125");
        System.setProperty("understudy.broker.peer.port", "47126");
        System.setProperty("understudy.broker.cluster.password", "0123456789abcdef");

        for (String file : List.of(BrokerLauncher.HA_PRIMARY_CONFIG, BrokerLauncher.HA_BACKUP_CONFIG)) {
            FileConfiguration configuration = read(file);
            assertThat(configuration.isSecurityEnabled()).as(file).isTrue();
            assertThat(configuration.isPersistenceEnabled()).as(file).isTrue(); // the replicated journal
            assertThat(configuration.isJMXManagementEnabled()).as(file).isFalse();
            assertThat(configuration.getClusterUser()).as(file).isEqualTo("understudy-cluster");
            assertThat(configuration.getClusterPassword()).as(file).isEqualTo("0123456789abcdef");
            assertThat(configuration.getAcceptorConfigurations()).as(file).hasSize(1);
            assertThat(configuration.getAcceptorConfigurations().iterator().next().getParams())
                    .containsEntry("host", "127.0.0.1").containsEntry("port", "47125")
                    .containsEntry("protocols", "CORE");
            assertThat(configuration.getConnectorConfigurations().get("self").getParams())
                    .containsEntry("host", "127.0.0.1").containsEntry("port", "47125");
            assertThat(configuration.getConnectorConfigurations().get("peer").getParams())
                    .containsEntry("host", "127.0.0.1").containsEntry("port", "47126");
            assertThat(configuration.getClusterConfigurations()).as(file).hasSize(1);
            assertThat(configuration.getClusterConfigurations().get(0).getStaticConnectors()).containsExactly("peer");
        }
        assertThat(read(BrokerLauncher.HA_PRIMARY_CONFIG).getHAPolicyConfiguration())
                .isInstanceOf(ReplicatedPolicyConfiguration.class)
                .satisfies(p -> assertThat(((ReplicatedPolicyConfiguration) p).isCheckForActiveServer()).isTrue());
        assertThat(read(BrokerLauncher.HA_BACKUP_CONFIG).getHAPolicyConfiguration())
                .isInstanceOf(ReplicaPolicyConfiguration.class)
                .satisfies(p -> assertThat(((ReplicaPolicyConfiguration) p).isAllowFailBack()).isFalse());
    }

    @Test
    void aClusterMemberForwardsOnDemandToItsStaticPeers() throws Exception {
        System.setProperty("understudy.broker.port", "47127");
        System.setProperty("understudy.broker.cluster.password", "0123456789abcdef");

        FileConfiguration configuration = read(BrokerLauncher.CLUSTER_MEMBER_CONFIG);

        assertThat(configuration.isSecurityEnabled()).isTrue();
        assertThat(configuration.isPersistenceEnabled()).isFalse();
        assertThat(configuration.getClusterPassword()).isEqualTo("0123456789abcdef");
        assertThat(configuration.getClusterConfigurations()).hasSize(1);
        var cluster = configuration.getClusterConfigurations().get(0);
        assertThat(cluster.getMessageLoadBalancingType())
                .isEqualTo(org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType.ON_DEMAND);
        assertThat(cluster.getStaticConnectors()).containsExactly("peer-1", "peer-2");
        assertThat(configuration.getAcceptorConfigurations().iterator().next().getParams())
                .containsEntry("host", "127.0.0.1").containsEntry("port", "47127");
    }

    @Test
    void withoutPropertiesItServesTheStandardPort() throws Exception {
        TransportConfiguration acceptor = read(BrokerLauncher.CONFIG).getAcceptorConfigurations().iterator().next();

        assertThat(acceptor.getParams()).containsEntry("host", "127.0.0.1").containsEntry("port", "61616");
    }

    private static FileConfiguration read(String resource) throws Exception {
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(resource);
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        return configuration;
    }
}
