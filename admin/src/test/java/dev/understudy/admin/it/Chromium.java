package dev.understudy.admin.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for screenshots: found on the PATH or in /usr/bin (Debian: {@code apt-get install -y chromium};
 * .ci/run installs it when it runs as root). One run is one browser process with a profile of its own, ended by PID
 * (and its children with it) if it does not finish in time.
 */
final class Chromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, if this machine has one. */
    static Optional<Chromium> find() {
        List<String> directories = Arrays.asList(System.getenv().getOrDefault("PATH", "").split(":"));
        return NAMES.stream()
                .flatMap(name -> java.util.stream.Stream.concat(directories.stream(), java.util.stream.Stream.of("/usr/bin"))
                        .map(directory -> Path.of(directory, name)))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Chromium::new);
    }

    Path binary() {
        return binary;
    }

    /**
     * Loads {@code url} in a {@code width}x{@code height} window, lets its scripts run for {@code budgetMillis} of
     * virtual time, and writes a PNG to {@code png}; the browser's output goes to {@code png}.log.
     */
    void screenshot(String url, Path png, int width, int height, int budgetMillis) throws IOException,
            InterruptedException {
        Path profile = Files.createDirectories(png.resolveSibling("chromium-profile"));
        Path log = png.resolveSibling(png.getFileName() + ".log");
        Files.deleteIfExists(png);
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--virtual-time-budget=" + budgetMillis, "--screenshot=" + png, url)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Chromium did not finish within 90 s; log " + log);
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("Chromium wrote no screenshot (exit " + process.exitValue() + "); log "
                    + log + ":\n" + Files.readString(log));
        }
    }

    /** Width and height from a PNG's IHDR chunk; fails if the file is not a PNG. */
    static int[] pngSize(Path png) {
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            byte[] signature = data.readNBytes(8);
            if (!Arrays.equals(signature, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
                throw new IllegalStateException(png + " is not a PNG");
            }
            data.readInt(); // IHDR length
            if (data.readInt() != 0x49484452) {
                throw new IllegalStateException(png + " has no IHDR chunk first");
            }
            return new int[] {data.readInt(), data.readInt()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
