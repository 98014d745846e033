package dev.understudy.demo;

import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.process.ProcessRegistry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The one-command demo: {@code java -jar demo/target/understudy-demo.jar [options]} from the repository's root
 * (options: {@link DemoOptions#usage()}).
 *
 * <ol>
 *   <li>checks the artifacts (Payara Micro, the RAR, the sample WAR, the post-boot file) and HAProxy, installing
 *       it with apt-get when running as root;</li>
 *   <li>checks that every port is free, then starts, one after another: the broker, the nodes (each ready when its
 *       health resource answers 200), waits until each node's new sessions get a secondary, then HAProxy;</li>
 *   <li>prints the URLs, writes {@code target/cluster/cluster.json}, and shows a status line per node until
 *       Ctrl-C — or runs {@code --scenario failover} and exits with its verdict;</li>
 *   <li>stops HAProxy, the nodes and the broker by PID, also on Ctrl-C (shutdown hook) and on any failure.</li>
 * </ol>
 *
 * Exit status: 0 done (or the scenario passed), 1 a problem (its message says what to do) or the scenario failed,
 * 2 bad options.
 */
public final class Demo {
    private final DemoOptions options;
    private final Console console;

    Demo(DemoOptions options, Console console) {
        this.options = options;
        this.console = console;
    }

    public static void main(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("understudy-demo: " + e.getMessage() + " (--help lists the options)");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(DemoOptions.usage());
            return;
        }
        System.exit(new Demo(options, new Console(System.out)).run());
    }

    int run() {
        console.info("Understudy demo: " + options.nodes() + " Payara Micro node" + (options.nodes() == 1 ? "" : "s")
                + ", " + options.mode() + ", HAProxy in " + options.lbMode().label() + " mode"
                + options.scenario().map(s -> ", scenario " + s.name().toLowerCase()).orElse(""));
        DemoCluster cluster = null;
        try {
            Artifacts artifacts = Artifacts.locate(options.war()).requireAll(options.war().isPresent());
            Path haproxy = HaproxyBinary.require(console, options.lbMode());
            cluster = new DemoCluster(options, artifacts, console, Path.of("target", "cluster"));
            ProcessRegistry.beforeReaping(cluster::close);
            cluster.checkPorts();
            long start = System.nanoTime();
            cluster.start(haproxy);
            console.info("Cluster ready in " + StartupMessages.since(start) + " (logs: " + cluster.runDirectory() + ")");
            cluster.writeClusterJson();
            printUrls(cluster);
            if (options.scenario().isPresent()) {
                boolean passed = new FailoverScenario(cluster, options, console).run();
                cluster.close();
                return passed ? 0 : 1;
            }
            console.info("Ctrl-C stops everything.");
            new StatusBoard(cluster, console, System.console() != null).run();
            return 0;
        } catch (DemoException e) {
            if (cluster == null || !cluster.isClosing()) {
                console.raw("\nunderstudy-demo: " + e.getMessage().strip() + "\n");
            }
            close(cluster);
            return 1;
        } catch (IOException | RuntimeException e) {
            console.raw("\nunderstudy-demo: unexpected failure, stopping everything:");
            e.printStackTrace(System.out);
            close(cluster);
            return 1;
        }
    }

    private static void close(DemoCluster cluster) {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void printUrls(DemoCluster cluster) {
        StringBuilder text = new StringBuilder("\n");
        text.append(String.format("  %-8s %-45s HAProxy, %s mode, pid %d%n", "lb",
                cluster.lbUrl() + DemoCluster.COUNTER_PATH, options.lbMode().label(), cluster.haproxy().pid()));
        int i = 1;
        for (PayaraMicroNode node : cluster.nodes()) {
            text.append(String.format("  %-8s %-45s pid %d, %s%n", node.name(), node.httpUrl() + DemoCluster.COUNTER_PATH,
                    node.pid(), Topology.of(i++)));
        }
        text.append(String.format("  %-8s %-45s %s%n", "broker", cluster.brokerUrl(),
                cluster.broker() != null ? "embedded, pid " + cluster.broker().pid() : "external"));
        text.append("\n  Try: curl -s -X POST -b /tmp/us.txt -c /tmp/us.txt ").append(cluster.lbUrl())
                .append(DemoCluster.COUNTER_PATH).append("   (again and again; then kill -9 a node's pid)\n");
        text.append("  Cluster file: ").append(cluster.clusterJson()).append('\n');
        console.raw(text.toString());
    }
}
