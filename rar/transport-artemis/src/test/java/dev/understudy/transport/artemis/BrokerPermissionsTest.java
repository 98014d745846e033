package dev.understudy.transport.artemis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.core.model.NodeId;
import dev.understudy.transport.artemis.BrokerPermissions.Permission;
import dev.understudy.transport.artemis.BrokerPermissions.Setting;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.core.security.Role;
import org.junit.jupiter.api.Test;

class BrokerPermissionsTest {
    private final List<Setting> settings = BrokerPermissions.forCluster("shop", List.of(NodeId.of("n1"), NodeId.of("n2")));

    @Test
    void eachNodeConsumesOnlyItsOwnAddressAndEveryNodeMaySendToIt() {
        assertThat(settings).extracting(Setting::match).containsExactly("understudy.shop.node.n1",
                "understudy.shop.node.n2", "understudy.shop.members", "activemq.notifications", "#");
        Setting n1 = settings.get(0);
        assertThat(n1.roles()).isEqualTo(Map.of(
                Permission.SEND, Set.of("cluster-shop"),
                Permission.CREATE_ADDRESS, Set.of("cluster-shop"),
                Permission.CONSUME, Set.of("node-n1"),
                Permission.CREATE_NON_DURABLE_QUEUE, Set.of("node-n1"),
                Permission.DELETE_NON_DURABLE_QUEUE, Set.of("node-n1"),
                Permission.BROWSE, Set.of("understudy-operator")));
        assertThat(settings.get(1).rolesFor(Permission.CONSUME)).containsExactly("node-n2");
    }

    @Test
    void membersAndNotificationsAreSharedAndNothingElseIsGrantedToNodes() {
        Setting members = settings.get(2);
        for (Permission p : List.of(Permission.SEND, Permission.CREATE_ADDRESS, Permission.CONSUME,
                Permission.CREATE_NON_DURABLE_QUEUE, Permission.DELETE_NON_DURABLE_QUEUE)) {
            assertThat(members.rolesFor(p)).as(p.name()).containsExactly("cluster-shop");
        }
        Setting notifications = settings.get(3);
        assertThat(notifications.rolesFor(Permission.SEND)).isEmpty();
        assertThat(notifications.rolesFor(Permission.CONSUME)).containsExactly("cluster-shop");
        Setting everything = settings.get(4);
        for (Permission p : Permission.values()) {
            assertThat(everything.rolesFor(p)).as(p.name()).containsExactly("understudy-operator");
        }
        for (Setting s : settings) {
            for (Permission p : List.of(Permission.MANAGE, Permission.CREATE_DURABLE_QUEUE,
                    Permission.DELETE_DURABLE_QUEUE, Permission.DELETE_ADDRESS)) {
                assertThat(s.rolesFor(p)).as(s.match() + " " + p).doesNotContain("cluster-shop", "node-n1",
                        "node-n2");
            }
        }
    }

    @Test
    void asArtemisRoles() {
        Map<String, Role> roles = BrokerPermissions.roles(settings.get(0)).stream()
                .collect(Collectors.toMap(Role::getName, r -> r));

        assertThat(roles).containsOnlyKeys("cluster-shop", "node-n1", "understudy-operator");
        Role own = roles.get("node-n1");
        assertThat(own.isConsume() && own.isCreateNonDurableQueue() && own.isDeleteNonDurableQueue()).isTrue();
        assertThat(own.isSend() || own.isCreateAddress() || own.isManage() || own.isBrowse()).isFalse();
        Role cluster = roles.get("cluster-shop");
        assertThat(cluster.isSend() && cluster.isCreateAddress()).isTrue();
        assertThat(cluster.isConsume() || cluster.isCreateNonDurableQueue()).isFalse();
    }

    @Test
    void asXml() {
        assertThat(BrokerPermissions.toXml(settings.subList(0, 1), "  ")).isEqualTo("""
                  <security-setting match="understudy.shop.node.n1">
                    <permission type="send" roles="cluster-shop"/>
                    <permission type="consume" roles="node-n1"/>
                    <permission type="createAddress" roles="cluster-shop"/>
                    <permission type="createNonDurableQueue" roles="node-n1"/>
                    <permission type="deleteNonDurableQueue" roles="node-n1"/>
                    <permission type="browse" roles="understudy-operator"/>
                  </security-setting>
                """);
    }

    @Test
    void namesAreValidatedBeforeTheyReachAMatch() {
        assertThatThrownBy(() -> BrokerPermissions.forCluster("a.#", List.of())).isInstanceOf(
                IllegalArgumentException.class);
        assertThat(BrokerPermissions.nodeUser(NodeId.of("n1"))).isEqualTo("node-n1");
    }
}
