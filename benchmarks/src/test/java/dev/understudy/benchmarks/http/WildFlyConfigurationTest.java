package dev.understudy.benchmarks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.demo.cluster.HaproxyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The WildFly configuration's pure parts: the CLI script, the port offsets, the HAProxy backend, the option. */
class WildFlyConfigurationTest {
    private static final Path SCRIPT = Path.of("../server-configs/wildfly", WildFlyCli.SCRIPT);

    @Test
    void theShippedScriptIsRenderedWithBothServersAsTcppingHosts() throws Exception {
        String rendered = WildFlyCli.render(Files.readString(SCRIPT), List.of(7700, 7800));

        assertThat(rendered).doesNotContain(WildFlyCli.HOSTS_PLACEHOLDER)
                .contains("initial_hosts=\"127.0.0.1[7700],127.0.0.1[7800]\", port_range=0")
                .contains("embed-server --server-config=standalone-ha.xml", "/subsystem=modcluster:remove",
                        "/subsystem=jgroups/stack=udp:remove", "/subsystem=jgroups/stack=tcp/protocol=MPING:remove",
                        "/subsystem=jgroups/channel=ee:write-attribute(name=stack, value=tcp)",
                        "run-batch", "stop-embedded-server");
        for (String face : List.of("public", "private", "management")) {
            assertThat(rendered)
                    .contains("/interface=" + face + ":write-attribute(name=inet-address, value=127.0.0.1)");
        }
    }

    @Test
    void aScriptWithoutThePlaceholderIsRefused() {
        assertThatThrownBy(() -> WildFlyCli.render("embed-server\n", List.of(7600)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(WildFlyCli.HOSTS_PLACEHOLDER);
        assertThatThrownBy(() -> WildFlyCli.initialHosts(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOffsetMovesEveryPortToAFreeOneNotTakenByTheOtherServer() {
        Set<Integer> taken = new HashSet<>();
        int first = WildFlyPair.chooseOffset(port -> true, taken, 500);
        assertThat(first).isEqualTo(500);
        WildFlyServer.BASE_PORTS.forEach(port -> taken.add(port + first));

        // 501 would put txn-recovery (4712 + 501) on the first server's txn-status (4713 + 500): skipped
        int second = WildFlyPair.chooseOffset(port -> true, taken, 501);
        Set<Integer> mine = new HashSet<>();
        WildFlyServer.BASE_PORTS.forEach(port -> mine.add(port + second));
        assertThat(mine).doesNotContainAnyElementsOf(taken);
        assertThat(second).isBetween(WildFlyPair.MIN_OFFSET, WildFlyPair.MAX_OFFSET - 1);

        // a busy port (the http port of offset 600) is avoided; the search wraps around at the end of the range
        assertThat(WildFlyPair.chooseOffset(port -> port != 8680, Set.of(), 600)).isEqualTo(601);
        assertThat(WildFlyPair.chooseOffset(port -> true, Set.of(), WildFlyPair.MAX_OFFSET))
                .isEqualTo(WildFlyPair.MIN_OFFSET);
    }

    @Test
    void theServerCommandIsTheJvmWithTheServersOwnBaseDirectoryAndLoopbackAddresses() {
        List<String> command = WildFlyServer.command(Path.of("/wf"), Path.of("/run/wf-1"), "wf-1", 300,
                List.of("-Xmx512m", "-XX:+UseSerialGC"));

        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command).containsSubsequence("-Xmx512m", "-jar", "/wf/jboss-modules.jar", "-mp", "/wf/modules",
                "org.jboss.as.standalone", "-Djboss.server.base.dir=/run/wf-1", "-c", "standalone-ha.xml");
        assertThat(command).contains("-Djboss.node.name=wf-1", "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1", "-Djboss.bind.address.private=127.0.0.1",
                "-Djboss.socket.binding.port-offset=300", "-Dunderstudy.nodeId=wf-1");
    }

    @Test
    void haproxyRoutesWfToTheWildFlyServersStickyByAnInsertedCookie() {
        List<HaproxyConfig.Server> payara = List.of(new HaproxyConfig.Server("node-1", 4001),
                new HaproxyConfig.Server("node-2", 4002));
        String with = BenchCluster.haproxyConfig(5000, payara, List.of(new HaproxyConfig.Server("wf-1", 8380),
                new HaproxyConfig.Server("wf-2", 8480)));
        String without = BenchCluster.haproxyConfig(5000, payara, List.of());

        assertThat(with).contains("use_backend wf if { path_beg /wf/ }", "backend wf\n",
                "server wf-1 127.0.0.1:8380 cookie wf-1", "server wf-2 127.0.0.1:8480 cookie wf-2");
        String wf = with.substring(with.indexOf("backend wf\n"));
        assertThat(wf).contains("cookie BENCHSRV insert indirect nocache", "option httpchk GET /\n")
                .doesNotContain("node-1");
        assertThat(without).doesNotContain("backend wf", "/wf/").contains("backend hz", "backend plain");
    }

    @Test
    void wildflyIsAConfigurationOfItsOwnServers() {
        assertThat(Config.parse("wildfly")).isEqualTo(Config.WILDFLY);
        assertThat(Config.parse("WF")).isEqualTo(Config.WILDFLY);
        assertThat(Config.WILDFLY.id()).isEqualTo("wildfly");
        assertThat(Config.WILDFLY.contextRoot()).isEqualTo("/wf");
        assertThat(Config.WILDFLY.servers()).isEqualTo(Config.Servers.WILDFLY);
        assertThat(Config.WILDFLY.understudyMode()).isNull();
        assertThat(Options.parse(new String[0]).configs()).contains(Config.WILDFLY);
        assertThat(Options.parse(new String[] {"--configs=off,wildfly"}).configs())
                .containsExactly(Config.OFF, Config.WILDFLY);
    }
}
