package dev.understudy.benchmarks.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP benchmark's options, {@code --name=value}; every one has a default (the full run of the README).
 *
 * @param rounds rounds; each runs every configuration once, the order rotated by one per round
 * @param users virtual users (one session and one connection each)
 * @param warmupRequests requests per user before each measurement (creates the sessions)
 * @param jitWarmup closed loop per configuration once before the first round, not recorded (warms the JIT)
 * @param sessionBytes if positive, each user first stores a blob of this size in its session (one request), so
 *     that the workload's change is made in a session of about this size
 * @param closedDuration closed-loop measurement per configuration and round
 * @param openDuration open-loop measurement per rate
 * @param rates open-loop target rates (requests per second, in total)
 * @param configs configurations, in the first round's order
 * @param workload the request every user repeats, after the context root
 * @param changedBytes the bytes the workload changes per request (for the bytes target)
 * @param rawMessages raw Artemis sends per round (0: none)
 * @param failoverSessions sessions of the failover measurement at the end (0: none)
 * @param out where results.md and the plots go
 * @param work where the processes' directories and logs go
 * @param jfr record a JFR file per node (for profiling)
 * @param c1Only run the nodes with the client compiler only (boots faster; for the quick variant, not for figures)
 * @param fetchPath the failover also measures the fetch path (a third node, started for it, takes sessions over)
 */
record Options(int rounds, int users, int warmupRequests, Duration jitWarmup, int sessionBytes,
        Duration closedDuration, Duration openDuration,
        List<Integer> rates, List<Config> configs, String workload, int changedBytes, int rawMessages,
        int failoverSessions, Path out, Path work, boolean jfr, boolean c1Only, boolean fetchPath) {

    static Options parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            for (String part : arg.trim().split("\\s+")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (!part.startsWith("--") || !part.contains("=")) {
                    throw new IllegalArgumentException("Options are --name=value: " + part);
                }
                given.put(part.substring(2, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
            }
        }
        Options options = new Options(
                integer(given.remove("rounds"), 3),
                integer(given.remove("users"), 16),
                integer(given.remove("warmup"), 100),
                Duration.ofMillis(integer(given.remove("jit-warmup-ms"), 10_000)),
                integer(given.remove("session-bytes"), 0),
                Duration.ofMillis(integer(given.remove("closed-ms"), 10_000)),
                Duration.ofMillis(integer(given.remove("open-ms"), 5_000)),
                integers(given.remove("rates"), "500,1500"),
                configs(given.remove("configs")),
                given.getOrDefault("workload", "/api/blob?bytes=1024"),
                integer(given.remove("changed-bytes"), 1024),
                integer(given.remove("raw-messages"), 20_000),
                integer(given.remove("failover-sessions"), 32),
                Path.of(given.getOrDefault("out", "docs/benchmarks")).toAbsolutePath(),
                Path.of(given.getOrDefault("work", "target/http-bench")).toAbsolutePath(),
                Boolean.parseBoolean(given.getOrDefault("jfr", "false")),
                Boolean.parseBoolean(given.getOrDefault("c1-only", "false")),
                Boolean.parseBoolean(given.getOrDefault("fetch-path", "true")));
        given.remove("fetch-path");
        given.remove("c1-only");
        given.remove("workload");
        given.remove("out");
        given.remove("work");
        given.remove("jfr");
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("Unknown options: " + given.keySet() + " (known: rounds, users, warmup,"
                    + " jit-warmup-ms, session-bytes, closed-ms, open-ms, rates, configs, workload, changed-bytes, raw-messages, failover-sessions,"
                    + " fetch-path, out, work, jfr, c1-only)");
        }
        if (options.rounds() < 1 || options.users() < 1 || !options.configs().contains(Config.OFF)) {
            throw new IllegalArgumentException("Need rounds >= 1, users >= 1 and the baseline 'off' in configs");
        }
        return options;
    }

    private static int integer(String value, int fallback) {
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static List<Integer> integers(String value, String fallback) {
        List<Integer> list = new ArrayList<>();
        String text = value == null ? fallback : value;
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                list.add(Integer.parseInt(part.trim()));
            }
        }
        return list;
    }

    private static List<Config> configs(String value) {
        if (value == null) {
            return List.of(Config.values());
        }
        List<Config> list = new ArrayList<>();
        for (String part : value.split(",")) {
            list.add(Config.parse(part));
        }
        return list;
    }
}
