package dev.understudy.admin.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the integration test saw and how long it took: printed at the end and kept in target/admin-it/report.txt. */
final class Timings {
    private static final List<String> LINES = new ArrayList<>();

    private Timings() {
    }

    static synchronized void record(String what, long startNanos) {
        LINES.add(String.format("%7d ms  %s", (System.nanoTime() - startNanos) / 1_000_000, what));
    }

    static synchronized void note(String text) {
        LINES.add("           " + text);
    }

    static synchronized void print() {
        StringBuilder report = new StringBuilder("[admin-it] report\n");
        LINES.forEach(line -> report.append("[admin-it] ").append(line).append('\n'));
        System.out.print(report);
        try {
            Path file = ItPaths.buildDirectory().resolve("admin-it").resolve("report.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);
        } catch (IOException e) {
            System.err.println("[admin-it] cannot write the report: " + e);
        }
    }
}
