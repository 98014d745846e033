package dev.understudy.demo.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import org.apache.activemq.artemis.utils.PasswordMaskingUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerCredentialsTest {
    @TempDir
    Path directory;

    @Test
    void eachNodeGetsItsOwnUserAndARandomPassword() {
        BrokerCredentials one = BrokerCredentials.generate("shop", List.of("node-1", "node-2"));
        BrokerCredentials two = BrokerCredentials.generate("shop", List.of("node-1", "node-2"));

        assertThat(one.node("node-1").user()).isEqualTo("node-node-1");
        assertThat(one.node("node-1").password()).hasSize(32).isNotEqualTo(one.node("node-2").password())
                .isNotEqualTo(two.node("node-1").password());
        assertThat(one.operator().orElseThrow().user()).isEqualTo("understudy-operator");
        assertThat(one + " " + one.node("node-1")).doesNotContain(one.node("node-1").password());
        assertThatThrownBy(() -> one.node("node-3")).hasMessageContaining("node-3").hasMessageContaining("node-1");
    }

    @Test
    void theBrokerFilesHoldHashesOnlyAndOnlyTheOwnerCanReadThem() throws Exception {
        BrokerCredentials credentials = BrokerCredentials.generate("shop", List.of("node-1", "node-2"));

        Path security = credentials.writeBrokerFiles(directory.resolve("security"));

        Properties users = load(security.resolve("artemis-users.properties"));
        assertThat(users.stringPropertyNames()).containsExactlyInAnyOrder("node-node-1", "node-node-2",
                "understudy-operator");
        String stored = users.getProperty("node-node-1");
        assertThat(stored).startsWith("ENC(").doesNotContain(credentials.node("node-1").password());
        assertThat(PasswordMaskingUtil.getHashProcessor(stored).compare(
                credentials.node("node-1").password().toCharArray(), stored)).isTrue();
        assertThat(PasswordMaskingUtil.getHashProcessor(stored).compare("wrong".toCharArray(), stored)).isFalse();
        Properties roles = load(security.resolve("artemis-roles.properties"));
        assertThat(roles).containsEntry("node-node-1", "node-node-1").containsEntry("node-node-2", "node-node-2")
                .containsEntry("cluster-shop", "node-node-1,node-node-2")
                .containsEntry("understudy-operator", "understudy-operator").hasSize(4);
        assertThat(Files.readString(security.resolve("login.config"))).contains("activemq {")
                .contains("PropertiesLoginModule");
        for (String file : List.of("login.config", "artemis-users.properties", "artemis-roles.properties")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(security.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void anExternalBrokersLoginsComeFromAFile() throws Exception {
        Path file = directory.resolve("credentials.properties");
        Files.writeString(file, "cluster=understudy\nnode-1.user=n1\nnode-1.password=p1\nnode-2.user=n2\n");

        assertThatThrownBy(() -> BrokerCredentials.read(file, List.of("node-1", "node-2")))
                .hasMessageContaining("node-2.user and node-2.password");
        BrokerCredentials one = BrokerCredentials.read(file, List.of("node-1"));
        assertThat(one.cluster()).isEqualTo("understudy");
        assertThat(one.node("node-1")).isEqualTo(new BrokerCredentials.Login("n1", "p1"));
        assertThat(one.operator()).isEmpty();
        Files.writeString(file, "node-1.user=n1\nnode-1.password=p1\n");
        assertThatThrownBy(() -> BrokerCredentials.read(file, List.of("node-1"))).hasMessageContaining("cluster=");
    }

    private static Properties load(Path file) throws Exception {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
