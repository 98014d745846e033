package dev.understudy.demo;

import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.process.Http;
import dev.understudy.demo.process.ManagedProcess;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A live status line per node (and one for the load balancer) every {@value #INTERVAL_MILLIS} ms until the cluster
 * closes: id, PID, UP or DOWN by an HTTP probe of the health resource, and the probe's response time. On a terminal
 * the lines are redrawn in place; otherwise a line is printed when a state changes.
 */
final class StatusBoard {
    static final long INTERVAL_MILLIS = 2000;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final DemoCluster cluster;
    private final Console console;
    private final boolean terminal;
    private final Map<String, Boolean> lastState = new HashMap<>();
    private int drawnLines;

    StatusBoard(DemoCluster cluster, Console console, boolean terminal) {
        this.cluster = cluster;
        this.console = console;
        this.terminal = terminal;
    }

    /** Probes and shows the status until the cluster closes (Ctrl-C) or the thread is interrupted. */
    void run() {
        while (!cluster.isClosing() && !Thread.currentThread().isInterrupted()) {
            List<Row> rows = probe();
            if (cluster.isClosing()) {
                return;
            }
            show(rows);
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One probed line. */
    record Row(String id, long pid, boolean up, long millis, String detail) {
        String format() {
            return String.format("  %-8s pid %-8d %-4s %6s   %s", id, pid, up ? "UP" : "DOWN",
                    up ? millis + " ms" : "-", detail);
        }
    }

    private List<Row> probe() {
        List<Row> rows = new ArrayList<>();
        for (PayaraMicroNode node : cluster.nodes()) {
            rows.add(probe(node.name(), node, node.url(DemoCluster.HEALTH_PATH)));
        }
        if (cluster.haproxy() != null) {
            rows.add(probe("lb", cluster.haproxy(), cluster.lbUrl().resolve(DemoCluster.HEALTH_PATH)));
        }
        return rows;
    }

    private static Row probe(String id, ManagedProcess process, URI health) {
        if (!process.isAlive()) {
            return new Row(id, process.pid(), false, 0, "process gone");
        }
        long start = System.nanoTime();
        OptionalInt status = Http.status(health, PROBE_TIMEOUT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean up = status.isPresent() && status.getAsInt() == 200;
        String detail = health.toString() + (up ? "" : status.isPresent() ? " answered " + status.getAsInt()
                : " no answer");
        return new Row(id, process.pid(), up, millis, detail);
    }

    private void show(List<Row> rows) {
        if (terminal) {
            PrintStream out = console.stream();
            synchronized (console) {
                StringBuilder text = new StringBuilder();
                if (drawnLines > 0) {
                    text.append("\033[").append(drawnLines).append('A');
                }
                text.append("\033[2K").append("status at ").append(LocalTime.now().format(CLOCK))
                        .append(" (Ctrl-C stops everything)\n");
                for (Row row : rows) {
                    text.append("\033[2K").append(row.format()).append('\n');
                }
                out.print(text);
                out.flush();
                drawnLines = rows.size() + 1;
            }
            return;
        }
        for (Row row : rows) {
            Boolean previous = lastState.put(row.id(), row.up());
            if (previous == null || previous != row.up()) {
                console.info("status " + row.format().strip());
            }
        }
    }
}
