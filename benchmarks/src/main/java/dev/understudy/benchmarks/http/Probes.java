package dev.understudy.benchmarks.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmark reads from the operating system, the same way for every configuration: CPU time of a process
 * ({@code /proc/<pid>/stat}, user + system, every thread) and bytes sent on TCP connections ({@code ss -tin}, the
 * kernel's {@code bytes_sent} per socket) — so that Understudy over Artemis and Payara over Hazelcast are measured by
 * one ruler, outside both.
 */
final class Probes {
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private Probes() {
    }

    /** User + system CPU time of process {@code pid} in nanoseconds (all its threads, since it started). */
    static long cpuNanos(long pid) {
        long[] ticks = statTicks(pid);
        return (ticks[0] + ticks[1]) * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** {utime, stime} of process {@code pid} in clock ticks. */
    private static long[] statTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state) of the line; utime is field 14, stime field 15
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CPU time of process " + pid, e);
        }
    }

    /** System (kernel) CPU time of the processes {@code pids} in nanoseconds. */
    static long systemCpuNanos(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += statTicks(pid)[1] * 1_000_000_000L / TICKS_PER_SECOND;
        }
        return sum;
    }

    /** Sum of {@link #cpuNanos} over {@code pids}. */
    static long cpuNanos(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += cpuNanos(pid);
        }
        return sum;
    }

    /** Bytes sent so far by each end of the established TCP connections on 127.0.0.1 ("local peer" → bytes). */
    static Map<String, Long> bytesSentBySocket() {
        Map<String, Long> sent = new HashMap<>();
        String output = run(List.of("ss", "-tinH", "state", "established"));
        String socket = null;
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                String[] tokens = line.trim().split("\\s+");
                socket = tokens.length >= 4 ? tokens[2] + " " + tokens[3] : null;
            } else if (socket != null) {
                int at = line.indexOf("bytes_sent:");
                sent.put(socket, at < 0 ? 0L : Long.parseLong(line.substring(at + 11).split("\\s")[0]));
                socket = null;
            }
        }
        return sent;
    }

    /**
     * Bytes sent between two snapshots by the ends of the connections to one of {@code ports}: {@code [0]} by the
     * ends whose peer is on such a port (clients), {@code [1]} by the ends listening on it (servers).
     */
    static long[] bytesSentBetween(Map<String, Long> before, Map<String, Long> after, Set<Integer> ports) {
        long[] sum = new long[2];
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            String[] ends = entry.getKey().split(" ");
            boolean server = ports.contains(port(ends[0]));
            boolean client = ports.contains(port(ends[1]));
            if (!server && !client) {
                continue;
            }
            long delta = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            sum[server ? 1 : 0] += Math.max(0, delta);
        }
        return sum;
    }

    /** The one-minute load average. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int port(String address) {
        try {
            return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + command);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static long ticksPerSecond() {
        try {
            return Long.parseLong(run(List.of("getconf", "CLK_TCK")).trim());
        } catch (RuntimeException e) {
            return 100;
        }
    }
}
