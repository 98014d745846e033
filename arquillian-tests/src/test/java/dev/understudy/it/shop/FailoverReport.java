package dev.understudy.it.shop;

import dev.understudy.it.support.ItSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * What each failover test did and what its checker counted, printed and appended to
 * {@code target/failover-report.txt} (one line per test, for the release note):
 * {@code cat arquillian-tests/target/failover-report.txt}.
 */
public final class FailoverReport {
    private FailoverReport() {
    }

    /** Prints and appends one line: the test, sessions, kills, the checker's counts, anything else, the time. */
    public static synchronized void record(String test, int sessions, int kills, ShopChecker checker, String more,
            Duration elapsed) {
        String line = String.format("%s build %s %s: sessions %d, kills %d, %s%s; %d s%n", Instant.now(),
                ItSettings.buildId(), test, sessions, kills, checker.counts(), more.isEmpty() ? "" : "; " + more,
                elapsed.toSeconds());
        System.out.print("[failover] " + line);
        System.out.println("[failover] problems of " + test + ":\n" + checker.summary());
        try {
            Files.writeString(ItSettings.buildDirectory().resolve("failover-report.txt"), line,
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("Cannot write failover-report.txt: " + e);
        }
    }
}
