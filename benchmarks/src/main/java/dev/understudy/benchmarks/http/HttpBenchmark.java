package dev.understudy.benchmarks.http;

import dev.understudy.benchmarks.RawSends;
import dev.understudy.demo.cluster.BrokerCredentials;
import dev.understudy.benchmarks.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The benchmark kit: the sample's endpoints through HAProxy on the same two Payara Micro nodes (and two WildFly
 * servers), in every configuration ({@link Config}: replication off, Understudy SYNC / ASYNC / BATCH, Payara's
 * Hazelcast sessions, WildFly's distributable sessions), rotated within each round with the baseline in every round;
 * closed-loop throughput, open-loop latency at fixed rates (from the intended send time), CPU per request (the
 * configuration's server JVMs and the broker, from /proc), replication bytes per request on the wire (kernel socket
 * counters) and by the adapter's own count; raw Artemis sends of the same size in the same run. Writes
 * {@code results.md} and PNG plots ({@link Report}).
 *
 * <pre>
 * mvn -B -ntp -q install -DskipTests -pl benchmarks -am
 * mvn -B -ntp -q -pl benchmarks exec:exec@http [-Dhttp.args="--rounds=5 --closed-ms=20000"]
 * </pre>
 */
public final class HttpBenchmark {
    private final Options options;
    private final Inputs inputs;

    /** What the build provides: Payara Micro, the RAR, the sample WAR, the post-boot file, WildFly, its CLI script. */
    public record Inputs(Path microJar, Path resourceAdapter, Path sampleWar, Path postBootFile,
            BenchCluster.WildFlyInputs wildfly) {
        static Inputs of(Path artifacts) {
            return new Inputs(artifacts.resolve("payara-micro.jar"), artifacts.resolve("understudy-rar.rar"),
                    artifacts.resolve("sample.war"), artifacts.resolve("payara-micro/post-boot-commands.asadmin"),
                    BenchCluster.WildFlyInputs.of(artifacts.resolve("wildfly")));
        }
    }

    /** Everything one run measured. */
    public record Run(List<Sample> samples, List<Result> rawSends, List<Double> rawBrokerCpuMicros,
            Failover.Outcome failover, Map<String, String> environment) {
    }

    HttpBenchmark(Options options, Inputs inputs) {
        this.options = options;
        this.inputs = inputs;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path artifacts = Path.of(System.getProperty("bench.artifacts", "target/artifacts")).toAbsolutePath();
        Run run = new HttpBenchmark(options, Inputs.of(artifacts)).run();
        Path written = Report.write(options, run);
        System.out.println("Wrote " + written);
    }

    /** Starts the cluster, measures, stops it; the caller writes the report. */
    Run run() throws Exception {
        Map<String, String> environment = Environment.describe();
        environment.put("load average at start", Probes.loadAverage());
        List<Sample> samples = new ArrayList<>();
        List<Result> raw = new ArrayList<>();
        List<Double> rawBrokerCpu = new ArrayList<>();
        Failover.Outcome failover = null;
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC"));
        BenchCluster.Inputs clusterInputs = new BenchCluster.Inputs(inputs.microJar(), inputs.resourceAdapter(),
                inputs.sampleWar(), inputs.postBootFile(), options.work(), jvm,
                Optional.of(inputs.wildfly()).filter(w -> options.configs().contains(Config.WILDFLY)));
        if (options.c1Only()) {
            jvm.add("-XX:TieredStopAtLevel=1");
        }
        if (options.jfr()) {
            jvm.add("-XX:StartFlightRecording=filename=" + options.work().resolve("{node}.jfr")
                    + ",settings=profile,dumponexit=true");
        }
        long started = System.nanoTime();
        try (BenchCluster cluster = BenchCluster.start(clusterInputs, HttpBenchmark::say)) {
            List<AdapterJmx> adapters = new ArrayList<>();
            for (ClusteredMicro node : cluster.nodes()) {
                adapters.add(AdapterJmx.attach(node.pid(), node.name()));
            }
            try {
                // the broker's operator login: the nodes' own logins may not create queues outside their addresses
                BrokerCredentials.Login operator = cluster.broker().credentials().operator().orElseThrow();
                RawSends rawSends = new RawSends(operator.user(), operator.password());
                if (options.rawMessages() > 0) {
                    rawSends.run(cluster.broker().url(), options.rawMessages() / 4, options.changedBytes());
                }
                List<Config> order = new ArrayList<>(options.configs());
                if (!options.jitWarmup().isZero() && !options.jitWarmup().isNegative()) {
                    for (Config config : order) {
                        setMode(adapters, config);
                        try (LoadDriver driver = new LoadDriver(cluster.lbAddress(), options.users(), "POST",
                                config.contextRoot() + options.workload())) {
                            LoadDriver.Outcome warm = driver.closedLoop(options.jitWarmup());
                            say(String.format(Locale.ROOT, "warm-up %-33s %8.0f req/s, %d errors", config.label(),
                                    warm.perSecond(), warm.errors()));
                        }
                    }
                }
                for (int round = 1; round <= options.rounds(); round++) {
                    for (Config config : order) {
                        Sample sample = measure(cluster, adapters, config, round);
                        samples.add(sample);
                        say(String.format(Locale.ROOT, "round %d %-33s %8.0f req/s  p99 %6.2f ms  CPU %6.0f us/req"
                                + " (broker %4s)  wire %6.0f B/req  adapter %6.0f B/req  errors %d",
                                round, config.label(), sample.perSecond(), sample.closed()[1],
                                sample.nodeCpuMicros(), Report.micros(sample.brokerCpuMicros()),
                                sample.nodeWireBytes(), sample.adapterBytes(), sample.errors()));
                    }
                    if (options.rawMessages() > 0) {
                        long brokerBefore = Probes.cpuNanos(cluster.broker().pid());
                        Result result = rawSends.run(cluster.broker().url(), options.rawMessages(),
                                options.changedBytes());
                        double brokerCpu = (Probes.cpuNanos(cluster.broker().pid()) - brokerBefore) / 1e3
                                / result.updates();
                        raw.add(result);
                        rawBrokerCpu.add(brokerCpu);
                        say(String.format(Locale.ROOT, "round %d raw Artemis sends (%d B)   %8.0f msg/s  CPU %5.1f"
                                + " us/msg client + %5.1f broker", round, options.changedBytes(), result.perSecond(),
                                result.cpuMicrosPerUpdate(), brokerCpu));
                    }
                    order.add(order.remove(0));
                }
                if (options.failoverSessions() > 0) {
                    for (AdapterJmx adapter : adapters) {
                        adapter.setMode(Config.SYNC.understudyMode());
                    }
                    failover = new Failover(cluster, options.failoverSessions(), options.fetchPath(),
                            HttpBenchmark::say).run();
                }
            } finally {
                adapters.forEach(AdapterJmx::close);
            }
        }
        environment.put("load average at end", Probes.loadAverage());
        environment.put("run time", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - started) / 1e9));
        return new Run(samples, raw, rawBrokerCpu, failover, environment);
    }

    private static void setMode(List<AdapterJmx> adapters, Config config) {
        if (config.understudyMode() != null) {
            for (AdapterJmx adapter : adapters) {
                adapter.setMode(config.understudyMode());
            }
        }
    }

    private Sample measure(BenchCluster cluster, List<AdapterJmx> adapters, Config config, int round) {
        setMode(adapters, config);
        String path = config.contextRoot() + options.workload();
        try (LoadDriver driver = new LoadDriver(cluster.lbAddress(), options.users(), "POST", path)) {
            if (options.sessionBytes() > 0) {
                long errors = driver.prime(config.contextRoot() + "/api/blob?bytes=" + options.sessionBytes());
                if (errors > 0) {
                    throw new IllegalStateException(config.label() + ": " + errors + " errors storing the "
                            + options.sessionBytes() + "-byte session attribute");
                }
            }
            LoadDriver.Outcome warm = driver.warmUp(options.warmupRequests());
            if (warm.errors() > 0) {
                throw new IllegalStateException(config.label() + ": " + warm.errors() + " errors in the warm-up, first: "
                        + warm.firstError());
            }
            BenchCluster.Serving serving = cluster.serving(config);
            List<Long> servers = serving.serverPids();
            long nodeCpu = Probes.cpuNanos(servers);
            long nodeSystem = Probes.systemCpuNanos(servers);
            long brokerCpu = serving.brokerPid().map(Probes::cpuNanos).orElse(0L);
            Map<String, Long> wire = Probes.bytesSentBySocket();
            long adapterBytes = adapterCounter(adapters, "replication_bytes");
            long adapterFrames = adapterCounter(adapters, "frames_sent");

            LoadDriver.Outcome closed = driver.closedLoop(options.closedDuration());

            long adapterDelta = adapterCounter(adapters, "replication_bytes") - adapterBytes;
            long framesDelta = adapterCounter(adapters, "frames_sent") - adapterFrames;
            Map<String, Long> wireAfter = Probes.bytesSentBySocket();
            long nodeCpuDelta = Probes.cpuNanos(servers) - nodeCpu;
            long nodeSystemDelta = Probes.systemCpuNanos(servers) - nodeSystem;
            long brokerCpuDelta = serving.brokerPid().map(Probes::cpuNanos).orElse(0L) - brokerCpu;
            long[] toBroker = Probes.bytesSentBetween(wire, wireAfter, serving.relayPorts());
            long[] peers = Probes.bytesSentBetween(wire, wireAfter, serving.peerPorts());
            double requests = Math.max(1, closed.requests());
            double nodeWire = (toBroker[0] + peers[0] + peers[1]) / requests;
            double allWire = nodeWire + toBroker[1] / requests;

            Map<Integer, Sample.OpenLoop> open = new LinkedHashMap<>();
            for (int rate : options.rates()) {
                LoadDriver.Outcome outcome = driver.openLoop(rate, options.openDuration());
                Histogram h = outcome.latency();
                open.put(rate, new Sample.OpenLoop(rate, outcome.perSecond(), outcome.errors(), millis(h, 50),
                        millis(h, 99), millis(h, 99.9)));
            }
            Histogram h = closed.latency();
            return new Sample(config, round, closed.perSecond(), closed.requests(), closed.errors(),
                    new double[] {millis(h, 50), millis(h, 99), millis(h, 99.9)},
                    nodeCpuDelta / 1e3 / requests, nodeSystemDelta / 1e3 / requests,
                    serving.brokerPid().isPresent() ? brokerCpuDelta / 1e3 / requests : Double.NaN,
                    nodeWire, allWire,
                    config.understudyMode() == null ? -1 : adapterDelta / requests,
                    config.understudyMode() == null ? -1 : framesDelta / requests, open);
        }
    }

    /** The sum over both nodes of the adapter counter {@code name}. */
    private static long adapterCounter(List<AdapterJmx> adapters, String name) {
        long sum = 0;
        for (AdapterJmx adapter : adapters) {
            sum += adapter.counters().getOrDefault(name, 0L);
        }
        return sum;
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1e6;
    }

    static void say(String line) {
        System.out.println(java.time.LocalTime.now().withNano(0) + " " + line);
    }
}
