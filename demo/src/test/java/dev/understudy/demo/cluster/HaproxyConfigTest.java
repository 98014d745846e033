package dev.understudy.demo.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.understudy.demo.cluster.HaproxyConfig.Mode;
import dev.understudy.demo.cluster.HaproxyConfig.Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HaproxyConfigTest {
    /** The committed examples, relative to this module (surefire runs in demo/). */
    private static final Path EXAMPLES = Path.of("..", "server-configs", "haproxy");
    private static final List<Server> THREE = HaproxyConfig.servers(3, 18081);

    @Test
    void routeModeSendsASessionToItsPrimaryThenItsSecondaryWhileUpElseBalances() {
        List<String> lines = lines(HaproxyConfig.render(Mode.ROUTE, 18080, THREE));

        List<String> rules = lines.stream().filter(line -> line.startsWith("use-server")).toList();
        assertThat(rules).containsExactly(
                "use-server node-1 if { req.cook(USSESSION),field(2,.) -m str node-1 } { srv_is_up(understudy/node-1) }",
                "use-server node-2 if { req.cook(USSESSION),field(2,.) -m str node-2 } { srv_is_up(understudy/node-2) }",
                "use-server node-3 if { req.cook(USSESSION),field(2,.) -m str node-3 } { srv_is_up(understudy/node-3) }",
                "use-server node-1 if { req.cook(USSESSION),field(3,.) -m str node-1 } { srv_is_up(understudy/node-1) }",
                "use-server node-2 if { req.cook(USSESSION),field(3,.) -m str node-2 } { srv_is_up(understudy/node-2) }",
                "use-server node-3 if { req.cook(USSESSION),field(3,.) -m str node-3 } { srv_is_up(understudy/node-3) }");
        assertThat(lines).contains("balance roundrobin").noneMatch(line -> line.startsWith("balance hash"));
        assertCommonParts(lines);
    }

    @Test
    void hashModeIsStickyByTheSessionIdAndObliviousOfTheRoute() {
        List<String> lines = lines(HaproxyConfig.render(Mode.HASH, 18080, THREE));

        assertThat(lines).contains("balance hash req.cook(USSESSION),field(1,.)", "hash-type consistent")
                .noneMatch(line -> line.startsWith("use-server"))
                .noneMatch(line -> line.contains("field(2,") || line.contains("field(3,"));
        assertCommonParts(lines);
    }

    @Test
    void serversFollowTheNodeListAndPorts() {
        List<String> lines = lines(HaproxyConfig.render(Mode.ROUTE, 28080,
                List.of(new Server("a", 28001), new Server("node-b", 28002))));

        assertThat(lines).filteredOn(line -> line.startsWith("server "))
                .containsExactly("server a 127.0.0.1:28001", "server node-b 127.0.0.1:28002");
        assertThat(lines).contains("bind 127.0.0.1:28080",
                "use-server node-b if { req.cook(USSESSION),field(3,.) -m str node-b } { srv_is_up(understudy/node-b) }");
        assertThat(HaproxyConfig.servers(2, 100)).containsExactly(new Server("node-1", 100), new Server("node-2", 101));
    }

    @Test
    void refusesNamesHaproxyOrTheCookieCouldNotCarry() {
        assertThatThrownBy(() -> new Server("Node 1", 80)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Server("a.b", 80)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Server("a", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HaproxyConfig.render(Mode.ROUTE, 80, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HaproxyConfig.render(Mode.ROUTE, 80, List.of(new Server("a", 1), new Server("a", 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
    }

    @Test
    void modesParseInAnyCase() {
        assertThat(Mode.parse("route")).isEqualTo(Mode.ROUTE);
        assertThat(Mode.parse(" HASH ")).isEqualTo(Mode.HASH);
        assertThat(Mode.HASH.label()).isEqualTo("hash");
        assertThatThrownBy(() -> Mode.parse("sticky")).hasMessageContaining("route or hash");
    }

    /** The files in server-configs/haproxy never go stale: they are exactly the generator's output. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void committedExamplesAreWhatTheGeneratorWrites(Mode mode) throws IOException {
        Path file = EXAMPLES.resolve(mode == Mode.ROUTE ? HaproxyConfig.ROUTE_EXAMPLE : HaproxyConfig.HASH_EXAMPLE);

        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s differs from HaproxyConfig's output; regenerate it from the repository root with"
                        + " java -cp demo/target/understudy-demo.jar dev.understudy.demo.cluster.HaproxyConfig"
                        + " server-configs/haproxy", file)
                .isEqualTo(HaproxyConfig.example(mode));
    }

    @Test
    void writeExamplesWritesBothFiles(@TempDir Path directory) throws IOException {
        HaproxyConfig.writeExamples(directory);

        assertThat(Files.readString(directory.resolve("haproxy-route.cfg"))).isEqualTo(HaproxyConfig.example(Mode.ROUTE));
        assertThat(Files.readString(directory.resolve("haproxy-hash.cfg"))).isEqualTo(HaproxyConfig.example(Mode.HASH));
    }

    /** Where HAProxy is installed (CI installs it), its own check accepts both modes; skipped elsewhere. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void haproxyAcceptsTheConfiguration(Mode mode, @TempDir Path directory) throws IOException {
        Optional<Path> binary = Stream.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy")
                .map(Path::of).filter(Files::isExecutable).findFirst();
        assumeTrue(binary.isPresent(), "haproxy is not installed");
        int[] version = HaproxyProcess.version(binary.get());
        assumeTrue(mode == Mode.ROUTE || version[0] > 2 || (version[0] == 2 && version[1] >= 6), "haproxy < 2.6");
        Path file = Files.writeString(directory.resolve("haproxy.cfg"), HaproxyConfig.example(mode));

        assertThat(HaproxyProcess.check(binary.get(), file)).as("haproxy -c -f %s", file).isNull();
    }

    private static void assertCommonParts(List<String> lines) {
        assertThat(lines).contains(
                "resolvers default",
                "nameserver loopback 127.0.0.1:53",
                "mode http",
                "retries 3",
                "option redispatch 1",
                "bind 127.0.0.1:18080",
                "option httpchk GET /sample/api/health",
                "http-check expect status 200",
                "default-server check inter 1s fall 2 rise 2",
                "server node-1 127.0.0.1:18081",
                "server node-2 127.0.0.1:18082",
                "server node-3 127.0.0.1:18083");
        assertThat(lines).filteredOn(line -> line.startsWith("bind ")).allMatch(line -> line.contains("127.0.0.1:"));
        assertThat(lines).filteredOn(line -> line.startsWith("server ")).allMatch(line -> line.contains(" 127.0.0.1:"));
    }

    private static List<String> lines(String config) {
        return config.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
}
