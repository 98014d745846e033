package dev.understudy.benchmarks.http;

import java.util.Locale;

/** The failover part of {@code results.md}. */
final class FailoverSection {
    private FailoverSection() {
    }

    static String markdown(Failover.Outcome outcome) {
        StringBuilder md = new StringBuilder("## Failover cost: kill -9 of ").append(outcome.killedNode())
                .append("\n\n");
        md.append(String.format(Locale.ROOT, "Sessions served by the killed node; each sends its next increment the"
                + " moment SIGKILL is sent, and again (every 5 ms) until answered 200; times from the SIGKILL (the"
                + " process was gone after %.0f ms). Load-balancer path: HAProxy (`option redispatch 1`) sends the"
                + " request to the other node, the session's secondary. Fetch path (Understudy): the request goes"
                + " straight to a third node, neither primary nor secondary, which fetches the session from the"
                + " secondary and takes it over. Understudy in SYNC mode; a count of exactly the last acknowledged"
                + " + 1 is the only correct outcome.%n%n", outcome.reapedMillis()));
        md.append("| application | sessions | first request after the kill: p50 / p99 / max ms | served again after:"
                + " p50 / p99 / max ms | exactly +1 | acknowledged update lost | session lost | never served | first answers |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Failover.AppOutcome app : outcome.apps()) {
            double[] first = app.firstRequestMillis();
            double[] served = app.servedAgainMillis();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f / %.0f / %.0f | %.0f / %.0f / %.0f | %d | %d | %d |"
                    + " %d | %s |%n", app.label(), app.sessionsOnKilledNode(), first[0], first[1], first[2], served[0],
                    served[1], served[2], app.exact(), app.lostUpdates(), app.sessionsLost(), app.neverServed(),
                    app.firstAnswers()));
        }
        md.append('\n');
        return md.toString();
    }
}
