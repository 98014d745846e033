package dev.understudy.benchmarks.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The targets, checked against one run's medians (ratios within the run). The competitor targets ("6× the
 * throughput, half the p99 of Payara's Hazelcast sessions and WildFly's") are checked against each competitor the
 * run measured.
 */
final class Targets {
    /** The competitors, each as the run's rows name it and as the target lines call it. */
    private static final Map<Config, String> COMPETITORS = new LinkedHashMap<>();

    static {
        COMPETITORS.put(Config.PAYARA_HAZELCAST, "Payara Hazelcast");
        COMPETITORS.put(Config.WILDFLY, "WildFly");
    }

    private Targets() {
    }

    static String markdown(Options options, List<Report.Row> rows, Failover.Outcome failover) {
        Optional<Report.Row> off = row(rows, Config.OFF);
        StringBuilder md = new StringBuilder("## Targets\n\n| target | measured | |\n|---|---|---|\n");
        ratio(md, rows, Config.ASYNC, 0.90);
        ratio(md, rows, Config.SYNC, 0.70);
        ratio(md, rows, Config.BATCH, 0.95);
        for (Config mode : List.of(Config.SYNC, Config.ASYNC, Config.BATCH)) {
            Optional<Report.Row> row = row(rows, mode);
            if (row.isEmpty()) {
                continue;
            }
            Report.Row r = row.get();
            COMPETITORS.forEach((competitor, name) -> row(rows, competitor).ifPresent(
                    theirs -> competitor(md, options, r, theirs, name)));
            if (off.isPresent()) {
                double replication = r.totalCpu() - off.get().totalCpu();
                line(md, mode.label() + " replication CPU/req ≤ the unreplicated request's",
                        f("%.0f µs vs %.0f µs", replication, off.get().totalCpu()),
                        replication <= off.get().totalCpu());
            }
            double bound = 1.1 * options.changedBytes() + 256;
            line(md, mode.label() + " wire bytes/req ≤ 1.1 × changed + 256 B (" + f("%.0f", bound) + " B)",
                    f("%.0f B (servers' egress)", r.nodeWire()), r.nodeWire() <= bound);
        }
        if (failover != null) {
            for (Failover.AppOutcome app : failover.apps()) {
                line(md, app.label() + ": every session served again within 100 ms (p99) after kill -9",
                        f("p99 %.0f ms, max %.0f ms", app.servedAgainMillis()[1], app.servedAgainMillis()[2]),
                        app.servedAgainMillis()[1] <= 100);
            }
        }
        md.append("\nThe 1 KiB vs 1 MiB session and sessions mutated in place are measured by runs of their own with"
                + " `--session-bytes` and `--workload` (benchmarks/README.md, \"Scaling\").\n\n");
        return md.toString();
    }

    /** Understudy's {@code mine} against a competitor's row: throughput, closed-loop p99, open-loop p99s. */
    private static void competitor(StringBuilder md, Options options, Report.Row mine, Report.Row theirs,
            String name) {
        String label = mine.config().label();
        double times = mine.perSecond() / theirs.perSecond();
        line(md, label + " ≥ 6× " + name + " throughput", f("%.1f×", times), times >= 6);
        double p99 = mine.p99() / theirs.p99();
        line(md, label + " closed-loop p99 ≤ 0.5× " + name + "'s", f("%.2f× (%.2f vs %.2f ms)", p99, mine.p99(),
                theirs.p99()), p99 <= 0.5);
        for (int rate : options.rates()) {
            double a = mine.open().get(rate)[2];
            double b = theirs.open().get(rate)[2];
            line(md, label + " p99 at " + rate + " req/s ≤ 0.5× " + name + "'s", f("%.2f× (%.2f vs %.2f ms)", a / b,
                    a, b), a / b <= 0.5);
        }
    }

    private static void ratio(StringBuilder md, List<Report.Row> rows, Config config, double target) {
        row(rows, config).ifPresent(r -> line(md, config.label() + " ≥ " + target + "× of replication off",
                f("%.2f×", r.ratio()), r.ratio() >= target));
    }

    private static Optional<Report.Row> row(List<Report.Row> rows, Config config) {
        return rows.stream().filter(r -> r.config() == config).findFirst();
    }

    private static void line(StringBuilder md, String target, String measured, boolean met) {
        md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "met" : "**missed**")
                .append(" |\n");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
