package dev.understudy.demo.process;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for the tests' screenshots and DOM dumps (admin dashboard, Payara Server console): found on the
 * PATH or in /usr/bin (Debian: {@code apt-get install -y chromium};
 * .ci/run installs it when it runs as root). One run is one browser process with a profile of its own, ended by PID
 * (and its children with it) if it does not finish in time.
 */
public final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, if this machine has one. */
    public static Optional<HeadlessChromium> find() {
        List<String> directories = Arrays.asList(System.getenv().getOrDefault("PATH", "").split(":"));
        return NAMES.stream()
                .flatMap(name -> java.util.stream.Stream.concat(directories.stream(), java.util.stream.Stream.of("/usr/bin"))
                        .map(directory -> Path.of(directory, name)))
                .filter(Files::isExecutable)
                .findFirst()
                .map(HeadlessChromium::new);
    }

    public Path binary() {
        return binary;
    }

    /**
     * Loads {@code url} in a {@code width}x{@code height} window, lets its scripts run for {@code budgetMillis} of
     * virtual time, and writes a PNG to {@code png}; the browser's output goes to {@code png}.log.
     */
    public void screenshot(String url, Path png, int width, int height, int budgetMillis) throws IOException,
            InterruptedException {
        Files.deleteIfExists(png);
        Path log = png.resolveSibling(png.getFileName() + ".log");
        Process process = start(List.of("--window-size=" + width + "," + height,
                "--virtual-time-budget=" + budgetMillis, "--screenshot=" + png, url),
                png.resolveSibling("chromium-profile"), ProcessBuilder.Redirect.to(log.toFile()),
                ProcessBuilder.Redirect.appendTo(log.toFile()));
        finish(process, log);
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("Chromium wrote no screenshot; log " + log + ":\n" + Files.readString(log));
        }
    }

    /**
     * Loads {@code url}, lets its scripts run for {@code budgetMillis} of virtual time, and writes the DOM as
     * serialized then ({@code --dump-dom}) to {@code html}; returns it. The browser's messages go to {@code html}.log.
     */
    public String dumpDom(String url, Path html, int budgetMillis) throws IOException, InterruptedException {
        Files.deleteIfExists(html);
        Path log = html.resolveSibling(html.getFileName() + ".log");
        Process process = start(List.of("--virtual-time-budget=" + budgetMillis, "--dump-dom", url),
                html.resolveSibling("chromium-profile"), ProcessBuilder.Redirect.to(log.toFile()),
                ProcessBuilder.Redirect.to(html.toFile()));
        finish(process, log);
        String dom = Files.readString(html);
        if (dom.isBlank()) {
            throw new IllegalStateException("Chromium dumped no DOM for " + url + "; log " + log + ":\n"
                    + Files.readString(log));
        }
        return dom;
    }

    private Process start(List<String> arguments, Path profile, ProcessBuilder.Redirect errors,
            ProcessBuilder.Redirect output) throws IOException {
        Files.createDirectories(profile);
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + profile));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectError(errors).redirectOutput(output).start();
    }

    /** Waits for the browser (90 s at most), then ends whatever is left of it by PID. */
    private static void finish(Process process, Path log) throws InterruptedException {
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Chromium did not finish within 90 s; log " + log);
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Width and height from a PNG's IHDR chunk; fails if the file is not a PNG. */
    public static int[] pngSize(Path png) {
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
