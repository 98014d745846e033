package dev.understudy.benchmarks.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The targets, checked against one run's medians (ratios within the run). */
final class Targets {
    private Targets() {
    }

    static String markdown(Options options, List<Report.Row> rows, Failover.Outcome failover) {
        Optional<Report.Row> off = row(rows, Config.OFF);
        Optional<Report.Row> payara = row(rows, Config.PAYARA_HAZELCAST);
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
            if (payara.isPresent()) {
                double times = r.perSecond() / payara.get().perSecond();
                line(md, mode.label() + " ≥ 6× Payara Hazelcast throughput", f("%.1f×", times), times >= 6);
                double p99 = r.p99() / payara.get().p99();
                line(md, mode.label() + " closed-loop p99 ≤ 0.5× Payara's", f("%.2f× (%.2f vs %.2f ms)", p99, r.p99(),
                        payara.get().p99()), p99 <= 0.5);
                for (int rate : options.rates()) {
                    double mine = r.open().get(rate)[2];
                    double theirs = payara.get().open().get(rate)[2];
                    line(md, mode.label() + " p99 at " + rate + " req/s ≤ 0.5× Payara's",
                            f("%.2f× (%.2f vs %.2f ms)", mine / theirs, mine, theirs), mine / theirs <= 0.5);
                }
            }
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
