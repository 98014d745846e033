package dev.understudy.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * Appends a measured duration to {@code target/it-timings.txt} (and prints it), so a build's boot and kill
 * times can be read in one place: {@code cat arquillian-tests/target/it-timings.txt}.
 */
public final class Timings {
    private Timings() {
    }

    public static synchronized void record(String what, Duration duration) {
        String line = String.format("%s build %s %-55s %7d ms%n", Instant.now(), ItSettings.buildId(), what,
                duration.toMillis());
        System.out.print("[timing] " + line);
        try {
            Files.writeString(Path.of(ItSettings.buildDirectory().toString(), "it-timings.txt"), line,
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("Cannot write it-timings.txt: " + e);
        }
    }
}
