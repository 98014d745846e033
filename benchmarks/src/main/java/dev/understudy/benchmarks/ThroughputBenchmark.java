package dev.understudy.benchmarks;

import dev.understudy.api.ReplicationMode;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replicated updates per second of 1 KiB deltas in SYNC, ASYNC and BATCH, side by side with raw Artemis sends
 * of the same size, all in one run against one embedded broker (on loopback TCP), the order rotated each
 * round. Prints the median of each and its ratio to raw sends; targets: ASYNC at least 0.5x raw, BATCH at
 * least 2x raw.
 *
 * <pre>
 * mvn -B -q install -DskipTests
 * mvn -B -q -pl benchmarks exec:exec                                   # 3 rounds
 * mvn -B -q -pl benchmarks exec:exec -Dbenchmark.args="--rounds=5 --updates=100000 --threads=16"
 * </pre>
 */
public final class ThroughputBenchmark {
    private static final int SIZE = 1024;

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> opts = options(args);
        int rounds = opts.getOrDefault("rounds", 3);
        int updates = opts.getOrDefault("updates", 60_000);
        int threads = opts.getOrDefault("threads", 8);
        int sessionsPerThread = opts.getOrDefault("sessions-per-thread", 16);
        System.out.printf(Locale.ROOT, "Understudy throughput: %d B updates, %d client threads x %d sessions, "
                + "%d updates per run, %d rounds, %d cores%n", SIZE, threads, sessionsPerThread, updates, rounds,
                Runtime.getRuntime().availableProcessors());
        Map<String, List<Result>> results = new LinkedHashMap<>();
        try (EmbeddedBroker broker = EmbeddedBroker.create().start()) {
            RawSends raw = new RawSends();
            EngineRun engine = new EngineRun();
            System.out.println("warm-up...");
            raw.run(broker.url(), updates / 4, SIZE);
            for (ReplicationMode m : ReplicationMode.values()) {
                engine.run(broker.url(), m, threads, sessionsPerThread, updates / 4, SIZE);
            }
            List<String> order = new ArrayList<>(List.of("raw", "SYNC", "ASYNC", "BATCH"));
            for (int round = 1; round <= rounds; round++) {
                for (String name : order) {
                    Result r = name.equals("raw") ? raw.run(broker.url(), updates, SIZE)
                            : engine.run(broker.url(), ReplicationMode.valueOf(name), threads, sessionsPerThread,
                                    updates, SIZE);
                    results.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
                    System.out.printf(Locale.ROOT, "round %d  %-6s %10.0f updates/s  %6.1f us CPU/update  "
                            + "%6.3f broker messages/update%n", round, name, r.perSecond(), r.cpuMicrosPerUpdate(),
                            (double) r.brokerMessages() / r.updates());
                }
                order.add(order.remove(0));
            }
        }
        report(results);
    }

    private static void report(Map<String, List<Result>> results) {
        double raw = median(results.get("raw"), Result::perSecond);
        System.out.println();
        System.out.println("| run | median updates/s | x raw | CPU us/update | broker msgs/update |");
        System.out.println("|---|---|---|---|---|");
        Map<ReplicationMode, Double> ratios = new EnumMap<>(ReplicationMode.class);
        for (Map.Entry<String, List<Result>> e : results.entrySet()) {
            double rate = median(e.getValue(), Result::perSecond);
            double cpu = median(e.getValue(), Result::cpuMicrosPerUpdate);
            double msgs = median(e.getValue(), r -> (double) r.brokerMessages() / r.updates());
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.1f | %.3f |%n", e.getKey(), rate, rate / raw, cpu,
                    msgs);
            if (!e.getKey().equals("raw")) {
                ratios.put(ReplicationMode.valueOf(e.getKey()), rate / raw);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "ASYNC / raw = %.2f (target >= 0.5): %s%n", ratios.get(ReplicationMode.ASYNC),
                ratios.get(ReplicationMode.ASYNC) >= 0.5 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "BATCH / raw = %.2f (target >= 2.0): %s%n", ratios.get(ReplicationMode.BATCH),
                ratios.get(ReplicationMode.BATCH) >= 2.0 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "SYNC  / raw = %.2f (no target; every update waits for the secondary)%n",
                ratios.get(ReplicationMode.SYNC));
    }

    private static double median(List<Result> list, java.util.function.ToDoubleFunction<Result> f) {
        double[] v = list.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> opts = new LinkedHashMap<>();
        for (String a : String.join(" ", args).trim().split("\\s+")) {
            if (a.isEmpty()) {
                continue;
            }
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("Usage: [--rounds=N] [--updates=N] [--threads=N] "
                        + "[--sessions-per-thread=N]; got " + a);
            }
            opts.put(a.substring(2, a.indexOf('=')), Integer.parseInt(a.substring(a.indexOf('=') + 1)));
        }
        return opts;
    }
}
