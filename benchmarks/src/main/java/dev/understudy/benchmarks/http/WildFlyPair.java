package dev.understudy.benchmarks.http;

import dev.understudy.demo.process.FreePorts;
import dev.understudy.demo.process.Loopback;
import dev.understudy.demo.process.ManagedProcess;
import dev.understudy.demo.process.Poll;
import dev.understudy.demo.process.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * WildFly's distributable sessions, the strongest open-source peer (NOTES-PAYARA "Payara's own HA"): two WildFly 39
 * standalone servers {@code wf-1} and {@code wf-2} with {@code standalone-ha.xml} made loopback-only by the CLI
 * script ({@link WildFlyCli}: JGroups over TCP with static TCPPING, no multicast, no mod_cluster), Infinispan as
 * shipped (SESSION granularity, primary-owner affinity, 2 owners), each deploying {@code wf.war}: the sample without
 * the Understudy filter, with {@code <distributable/>} ({@link WarVariants}). Started one after the other; before
 * anything is measured, a session made on wf-1 must be read on wf-2 with its count.
 */
final class WildFlyPair {
    static final List<String> NAMES = List.of("wf-1", "wf-2");
    /** Offsets put every port between 4712 + MIN and 9993 + MAX: below the usual ephemeral range (32768+). */
    static final int MIN_OFFSET = 100;
    static final int MAX_OFFSET = 20_000;
    /** Readiness: the WAR answers (a GET of the counter, 200); {@code /sample/api/health} needs the RAR. */
    static final String READINESS_PATH = Config.WILDFLY.contextRoot() + "/api/counter";

    private final List<WildFlyServer> servers;

    private WildFlyPair(List<WildFlyServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /**
     * Where the pair's inputs are.
     *
     * @param home the unpacked WildFly ({@code jboss-modules.jar}, {@code bin/}, {@code modules/}, {@code standalone/})
     * @param cliScript {@code standalone-ha-loopback.cli}
     * @param war the distributable WAR, deployed as {@code wf.war}
     */
    record Setup(Path home, Path cliScript, Path war, Workspace workspace, List<String> jvmOptions,
            Duration startupTimeout) {
    }

    /**
     * Configures and starts both servers, one after the other, and checks that a session is replicated;
     * {@code started} gets each server as soon as it runs, so that the caller stops it even if a later step fails.
     */
    static WildFlyPair start(Setup setup, Consumer<ManagedProcess> started, Consumer<String> progress) {
        if (!Files.isRegularFile(setup.home().resolve("jboss-modules.jar"))
                || !Files.isRegularFile(setup.cliScript())) {
            throw new IllegalStateException("No WildFly at " + setup.home() + " or no " + setup.cliScript()
                    + " (mvn install -pl benchmarks unpacks it; -Dbench.version.wildfly names the version)");
        }
        Set<Integer> taken = new HashSet<>();
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            int offset = chooseOffset(port -> FreePorts.isFree(port), taken,
                    ThreadLocalRandom.current().nextInt(MIN_OFFSET, MAX_OFFSET));
            offsets.add(offset);
            WildFlyServer.BASE_PORTS.forEach(port -> taken.add(port + offset));
        }
        List<Integer> jgroupsPorts = offsets.stream().map(o -> WildFlyServer.JGROUPS_TCP_PORT + o).toList();
        Path template = setup.workspace().newDirectory("wildfly-config").resolve("standalone");
        progress.accept("configuring WildFly offline (" + WildFlyCli.SCRIPT + ", TCPPING "
                + WildFlyCli.initialHosts(jgroupsPorts) + ")");
        WildFlyCli.configure(setup.home(), setup.cliScript(), template, jgroupsPorts);

        List<WildFlyServer> servers = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            String name = NAMES.get(i);
            Path base = prepareBase(setup, template, name);
            progress.accept("starting " + name + " (WildFly, standalone-ha, port offset " + offsets.get(i) + ")");
            long begin = System.nanoTime();
            WildFlyServer server = WildFlyServer.start(setup.home(), base, setup.workspace(), name, offsets.get(i),
                    setup.jvmOptions(), READINESS_PATH, setup.startupTimeout());
            started.accept(server);
            servers.add(server);
            progress.accept(String.format(java.util.Locale.ROOT, "%s ready after %.1f s (HTTP 127.0.0.1:%d,"
                    + " JGroups 127.0.0.1:%d)", name, (System.nanoTime() - begin) / 1e9, server.httpPort(),
                    server.jgroupsPort()));
        }
        WildFlyPair pair = new WildFlyPair(servers);
        pair.awaitReplication(progress);
        return pair;
    }

    /**
     * The first offset from {@code start} (wrapping within [{@link #MIN_OFFSET}, {@link #MAX_OFFSET})) that moves
     * every one of {@link WildFlyServer#BASE_PORTS} to a port that is {@code free} and not {@code taken}.
     */
    static int chooseOffset(IntPredicate free, Set<Integer> taken, int start) {
        int range = MAX_OFFSET - MIN_OFFSET;
        for (int i = 0; i < range; i++) {
            int offset = MIN_OFFSET + Math.floorMod(start - MIN_OFFSET + i, range);
            if (WildFlyServer.BASE_PORTS.stream().allMatch(p -> !taken.contains(p + offset) && free.test(p + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("No port offset in [" + MIN_OFFSET + ", " + MAX_OFFSET + ") with every"
                + " WildFly port free");
    }

    /** {@code <run>/wf-N-k/}: the configured {@code configuration/}, an empty {@code deployments/} with wf.war. */
    private static Path prepareBase(Setup setup, Path template, String name) {
        Path base = setup.workspace().newDirectory(name);
        try {
            WildFlyCli.copyTree(template.resolve("configuration"), base.resolve("configuration"));
            Path deployments = Files.createDirectories(base.resolve("deployments"));
            Files.copy(setup.war(), deployments.resolve("wf.war"));
            // the deployment scanner deploys it at boot; the marker says so without waiting for the scan
            Files.writeString(deployments.resolve("wf.war.dodeploy"), "");
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + base, e);
        }
    }

    /** A session made on wf-1 (directly, not through HAProxy) is read on wf-2 with its count. */
    private void awaitReplication(Consumer<String> progress) {
        WildFlyServer first = servers.get(0);
        WildFlyServer second = servers.get(1);
        String counter = Config.WILDFLY.contextRoot() + "/api/counter";
        Poll.until("a WildFly session of " + first.name() + " read on " + second.name(), Duration.ofSeconds(60),
                Duration.ofMillis(500), () -> {
                    try (HttpConnection one = new HttpConnection(address(first));
                            HttpConnection two = new HttpConnection(address(second))) {
                        one.send("POST", counter);
                        one.send("POST", counter);
                        // JSESSIONID=<id>.wf-1: WildFly's route suffix; wf-2 finds the session by the id before it
                        two.cookies().putAll(one.cookies());
                        return two.send("GET", counter).body().contains("\"count\":2");
                    }
                });
        progress.accept("replication works: WildFly serves " + first.name() + "'s session on " + second.name());
    }

    static InetSocketAddress address(WildFlyServer server) {
        return new InetSocketAddress(Loopback.ADDRESS, server.httpPort());
    }

    List<WildFlyServer> servers() {
        return servers;
    }

    List<Long> pids() {
        return servers.stream().map(ManagedProcess::pid).toList();
    }

    /** The servers' JGroups TCP ports: the replication channel (Infinispan over JGroups). */
    Set<Integer> jgroupsPorts() {
        return Set.copyOf(servers.stream().map(WildFlyServer::jgroupsPort).toList());
    }
}
