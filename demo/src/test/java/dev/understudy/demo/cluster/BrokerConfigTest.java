package dev.understudy.demo.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code server-configs/artemis/broker.xml}, as the broker launcher reads it (the copy bundled in this
 * module): what the adapter needs and the tests relied on before (loopback CORE acceptor, no persistence, no
 * security, no JMX, auto-created addresses, dead-letter and expiry addresses, no disk limit, small pools), and the
 * port and data directory from system properties.
 */
class BrokerConfigTest {
    @AfterEach
    void clearProperties() {
        System.clearProperty("understudy.broker.port");
        System.clearProperty("understudy.broker.data");
    }

    @Test
    void theShippedConfigurationIsALoopbackBrokerWithoutPersistenceOrSecurity() throws Exception {
        System.setProperty("understudy.broker.port", "47123");
        System.setProperty("understudy.broker.data", "/tmp/understudy-broker-test");

        FileConfiguration configuration = read();

        assertThat(configuration.isPersistenceEnabled()).isFalse();
        assertThat(configuration.isSecurityEnabled()).isFalse();
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
                .containsEntry("protocols", "CORE");

        AddressSettings all = configuration.getAddressSettings().get("#");
        assertThat(all.getDeadLetterAddress().toString()).isEqualTo("DLQ");
        assertThat(all.getExpiryAddress().toString()).isEqualTo("ExpiryQueue");
        assertThat(all.isAutoCreateQueues()).isTrue();
        assertThat(all.isAutoCreateAddresses()).isTrue();
    }

    @Test
    void withoutPropertiesItServesTheStandardPort() throws Exception {
        TransportConfiguration acceptor = read().getAcceptorConfigurations().iterator().next();

        assertThat(acceptor.getParams()).containsEntry("host", "127.0.0.1").containsEntry("port", "61616");
    }

    private static FileConfiguration read() throws Exception {
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(BrokerLauncher.CONFIG);
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        return configuration;
    }
}
