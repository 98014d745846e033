package dev.understudy.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The directories of earlier demo runs (~45 MB each): the latest few are kept for their logs. */
final class EarlierRuns {
    private EarlierRuns() {
    }

    /**
     * Removes the {@code demo-*} directories under {@code clusterDirectory}, except {@code current} and the latest
     * {@code keep}.
     */
    static void prune(Path clusterDirectory, Path current, int keep, Console console) {
        List<Path> runs;
        try (Stream<Path> children = Files.list(clusterDirectory)) {
            runs = children.filter(Files::isDirectory)
                    .filter(path -> path.getFileName().toString().startsWith("demo-"))
                    .filter(path -> !path.equals(current))
                    .sorted(Comparator.comparing(Path::getFileName).reversed())
                    .toList();
        } catch (IOException e) {
            return; // no directory yet
        }
        for (Path run : runs.subList(Math.min(keep, runs.size()), runs.size())) {
            try (Stream<Path> paths = Files.walk(run)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException | UncheckedIOException e) {
                console.warn("Cannot remove the earlier run " + run + ": " + e.getMessage());
            }
        }
    }
}
