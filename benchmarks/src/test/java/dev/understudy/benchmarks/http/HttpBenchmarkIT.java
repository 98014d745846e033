package dev.understudy.benchmarks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The quick variant of the benchmark kit, so that it cannot rot: one round of replication off, Understudy ASYNC and
 * WildFly's distributable sessions, two seconds each, one open-loop rate, on the real cluster (broker, two Payara
 * Micro nodes, two WildFly servers, HAProxy; the WildFly pair adds ~25 s to the boot here). It asserts that results
 * are produced and sane — never a performance threshold: the machine is shared.
 */
class HttpBenchmarkIT {
    @Test
    void aQuickRunProducesSaneResultsAndPlots() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Options options = Options.parse(new String[] {"--rounds=1", "--users=4", "--warmup=20", "--jit-warmup-ms=0",
            "--closed-ms=2000", "--open-ms=1000", "--rates=200", "--configs=off,async,wildfly", "--raw-messages=2000",
            "--failover-sessions=0", "--c1-only=true",
            "--out=" + target.resolve("quick-results"), "--work=" + target.resolve("quick-bench")});
        HttpBenchmark.Inputs inputs = HttpBenchmark.Inputs.of(Path.of(System.getProperty("bench.artifacts")));

        HttpBenchmark.Run run = new HttpBenchmark(options, inputs).run();
        Path results = Report.write(options, run);

        assertThat(run.samples()).extracting(Sample::config).containsExactly(Config.OFF, Config.ASYNC, Config.WILDFLY);
        for (Sample sample : run.samples()) {
            assertThat(sample.errors()).as("errors of %s", sample.config()).isZero();
            assertThat(sample.requests()).as("requests of %s", sample.config()).isPositive();
            assertThat(sample.perSecond()).isPositive();
            assertThat(sample.closed()[0]).isPositive().isLessThanOrEqualTo(sample.closed()[1]);
            assertThat(sample.closed()[1]).isLessThanOrEqualTo(sample.closed()[2]);
            assertThat(sample.nodeCpuMicros()).isPositive();
            assertThat(sample.open().get(200).errors()).isZero();
            assertThat(sample.open().get(200).achievedPerSecond()).isPositive();
        }
        Sample async = run.samples().get(1);
        // ASYNC replicates each request's 1 KiB change: at least that many bytes per request leave the nodes
        assertThat(async.adapterBytes()).isGreaterThan(1024);
        assertThat(async.nodeWireBytes()).isGreaterThan(1024);
        Sample wildfly = run.samples().get(2);
        // WildFly replicates the whole session (SESSION granularity) between its JGroups TCP ports; no broker
        assertThat(wildfly.nodeWireBytes()).isGreaterThan(1024);
        assertThat(wildfly.brokerCpuMicros()).isNaN();
        assertThat(wildfly.adapterBytes()).isEqualTo(-1);
        assertThat(run.rawSends()).hasSize(1);
        assertThat(run.rawSends().get(0).updates()).isEqualTo(2000);
        String markdown = Files.readString(results);
        assertThat(markdown).contains("| replication off |", "| Understudy ASYNC |",
                "| WildFly 39 distributable sessions |", "+ n/a |", "≥ 6× WildFly throughput", "## Targets",
                "## Machine");
        for (String plot : new String[] {"throughput.png", "latency.png", "cpu.png"}) {
            assertThat(Files.size(results.resolveSibling(plot))).as(plot).isGreaterThan(1000);
        }
    }
}
