package dev.understudy.demo;

import dev.understudy.demo.cluster.HaproxyConfig;
import dev.understudy.demo.cluster.HaproxyProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds {@code haproxy}, installing it when the demo may: on the {@code PATH} (and in {@code /usr/sbin},
 * {@code /sbin}, where Debian puts it and a user's {@code PATH} may not look); if absent and this process runs as
 * root with {@code apt-get} available, it says so and runs {@code apt-get update && apt-get install -y haproxy},
 * showing apt's output; otherwise it stops with the command to run.
 */
final class HaproxyBinary {
    /** The lowest version for {@code balance hash} (the hash mode). */
    static final int[] HASH_MIN_VERSION = {2, 6};
    static final String INSTALL_HINT = "install it (Debian/Ubuntu: sudo apt-get install -y haproxy; Fedora:"
            + " sudo dnf install -y haproxy; macOS: brew install haproxy) and run the demo again";

    private HaproxyBinary() {
    }

    /** The binary, installed if needed and allowed, checked to run and new enough for {@code mode}. */
    static Path require(Console console, HaproxyConfig.Mode mode) {
        Path binary = HaproxyProcess.findBinary().orElseGet(() -> install(console));
        int[] version;
        try {
            version = HaproxyProcess.version(binary);
        } catch (RuntimeException e) {
            throw new DemoException("Cannot run " + binary + " (" + e.getMessage() + "): " + INSTALL_HINT);
        }
        if (mode == HaproxyConfig.Mode.HASH && compare(version, HASH_MIN_VERSION) < 0) {
            throw new DemoException("HAProxy " + version[0] + "." + version[1] + " at " + binary + " is too old for"
                    + " --lb hash (balance hash needs 2.6 or later): upgrade it, or use --lb route");
        }
        console.info("Using HAProxy " + version[0] + "." + version[1] + " (" + binary + ")");
        return binary;
    }

    private static Path install(Console console) {
        Optional<Path> aptGet = Optional.of(Path.of("/usr/bin/apt-get")).filter(Files::isExecutable);
        if (!isRoot() || aptGet.isEmpty()) {
            throw new DemoException("HAProxy is not installed (no haproxy on the PATH): " + INSTALL_HINT + ".");
        }
        console.info("HAProxy is not installed; installing it as root with apt-get:"
                + " apt-get update && apt-get install -y haproxy");
        run(console, List.of(aptGet.get().toString(), "update"));
        run(console, List.of(aptGet.get().toString(), "install", "-y", "haproxy"));
        return HaproxyProcess.findBinary().orElseThrow(() -> new DemoException("apt-get installed haproxy, but it"
                + " is not on the PATH nor in /usr/sbin: " + INSTALL_HINT));
    }

    private static void run(Console console, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        try {
            Process process = builder.start();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new DemoException(String.join(" ", command) + " took more than 15 minutes: " + INSTALL_HINT);
            }
            if (process.exitValue() != 0) {
                throw new DemoException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + INSTALL_HINT);
            }
            console.info("Done: " + String.join(" ", command));
        } catch (IOException e) {
            throw new DemoException("Cannot run " + String.join(" ", command) + " (" + e.getMessage() + "): "
                    + INSTALL_HINT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("Interrupted while installing HAProxy");
        }
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String output = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return id.waitFor(10, TimeUnit.SECONDS) && output.equals("0");
        } catch (IOException e) {
            return "root".equals(System.getProperty("user.name"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static int compare(int[] version, int[] other) {
        return version[0] != other[0] ? Integer.compare(version[0], other[0]) : Integer.compare(version[1], other[1]);
    }
}
