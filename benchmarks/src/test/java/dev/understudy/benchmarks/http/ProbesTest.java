package dev.understudy.benchmarks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure parts of the measurement: socket byte deltas, options, configurations, medians. */
class ProbesTest {
    @Test
    void bytesSentAreSplitIntoClientEndsAndServerEndsOfTheGivenPorts() {
        Map<String, Long> before = Map.of(
                "127.0.0.1:40000 127.0.0.1:61616", 1_000L,   // a node's connection to the broker
                "127.0.0.1:61616 127.0.0.1:40000", 5_000L,   // the broker's end of it
                "127.0.0.1:50000 127.0.0.1:8080", 7L);       // unrelated
        Map<String, Long> after = Map.of(
                "127.0.0.1:40000 127.0.0.1:61616", 3_500L,
                "127.0.0.1:61616 127.0.0.1:40000", 9_000L,
                "127.0.0.1:40001 127.0.0.1:61616", 300L,     // opened during the run
                "127.0.0.1:50000 127.0.0.1:8080", 99_999L);
        assertThat(Probes.bytesSentBetween(before, after, Set.of(61616))).containsExactly(2_800L, 4_000L);
        assertThat(Probes.bytesSentBetween(before, after, Set.of(1))).containsExactly(0L, 0L);
    }

    @Test
    void cpuTimeOfThisProcessIsReadAndGrows() {
        long pid = ProcessHandle.current().pid();
        long before = Probes.cpuNanos(pid);
        long spin = 0;
        while (Probes.cpuNanos(pid) < before + 50_000_000L) {
            spin++;
        }
        assertThat(spin).isPositive();
        assertThat(Probes.cpuNanos(List.of(pid, pid))).isGreaterThanOrEqualTo(2 * (before + 50_000_000L));
    }

    @Test
    void optionsHaveDefaultsAndRefuseUnknownNamesAndARunWithoutTheBaseline() {
        Options defaults = Options.parse(new String[0]);
        assertThat(defaults.rounds()).isEqualTo(3);
        assertThat(defaults.configs()).containsExactly(Config.values());
        assertThat(defaults.rates()).containsExactly(500, 1500);

        Options given = Options.parse(new String[] {"--rounds=1 --configs=off,async,payara-hazelcast", "--rates=200"});
        assertThat(given.rounds()).isEqualTo(1);
        assertThat(given.configs()).containsExactly(Config.OFF, Config.ASYNC, Config.PAYARA_HAZELCAST);
        assertThat(given.rates()).containsExactly(200);

        assertThatThrownBy(() -> Options.parse(new String[] {"--round=1"})).hasMessageContaining("Unknown options: [round]");
        assertThatThrownBy(() -> Options.parse(new String[] {"--configs=async"})).hasMessageContaining("baseline");
        assertThatThrownBy(() -> Options.parse(new String[] {"--configs=off,fast"})).hasMessageContaining("fast");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        Sample a = sample(1, 10);
        Sample b = sample(2, 30);
        Sample c = sample(3, 20);
        assertThat(Report.median(List.of(a, b, c), Sample::perSecond)).isEqualTo(20);
        assertThat(Report.median(List.of(a, b), Sample::perSecond)).isEqualTo(20);
    }

    private static Sample sample(int round, double perSecond) {
        return new Sample(Config.OFF, round, perSecond, 1, 0, new double[3], 0, 0, 0, 0, 0, -1, -1, Map.of());
    }
}
