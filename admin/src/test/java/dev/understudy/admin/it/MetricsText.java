package dev.understudy.admin.it;

import dev.understudy.demo.cluster.PayaraMicroNode;
import java.net.http.HttpResponse;
import java.util.List;

/** Payara's {@code /metrics} (OpenMetrics text, no credentials) read line by line. */
final class MetricsText {
    private MetricsText() {
    }

    /** Every sample line of the understudy metrics. */
    static List<String> understudyLines(PayaraMicroNode node) {
        return scrape(node).lines().filter(line -> line.startsWith("understudy_")).toList();
    }

    /** The value of the one line starting with {@code prefix} (e.g. {@code understudy_ready{}) holding {@code tag}. */
    static double value(PayaraMicroNode node, String prefix, String tag) {
        List<String> lines = scrape(node).lines().filter(line -> line.startsWith(prefix) && line.contains(tag)).toList();
        if (lines.size() != 1) {
            throw new AssertionError("Expected one line " + prefix + "..." + tag + "... in /metrics of " + node.name()
                    + ", found " + lines);
        }
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static String scrape(PayaraMicroNode node) {
        HttpResponse<String> response = AdminHttp.ANONYMOUS.get(node.url("/metrics"));
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics of " + node.name() + " answered " + response.statusCode());
        }
        return response.body();
    }
}
