package dev.understudy.benchmarks.http;

import dev.understudy.demo.cluster.HaproxyProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine, JVM and versions a run was measured on, for the report. */
final class Environment {
    private Environment() {
    }

    static Map<String, String> describe() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        facts.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        facts.put("memory", memory());
        facts.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        facts.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " ("
                + System.getProperty("java.vendor") + ")");
        facts.put("Payara Micro", System.getProperty("bench.version.payara", "?"));
        facts.put("WildFly", System.getProperty("bench.version.wildfly", "?"));
        facts.put("Artemis", System.getProperty("bench.version.artemis", "?"));
        facts.put("HAProxy", HaproxyProcess.findBinary().map(Environment::haproxyVersion).orElse("not found"));
        facts.put("Understudy", System.getProperty("bench.version.understudy", "?") + gitCommit());
        return facts;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // below
        }
        return "unknown CPU";
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // below
        }
        return "unknown";
    }

    private static String haproxyVersion(Path binary) {
        int[] version = HaproxyProcess.version(binary);
        return version[0] + "." + version[1];
    }

    private static String gitCommit() {
        try {
            String head = Probes.run(List.of("git", "rev-parse", "--short", "HEAD")).trim();
            return head.matches("[0-9a-f]{7,40}") ? " (commit " + head + ")" : "";
        } catch (RuntimeException e) {
            return "";
        }
    }
}
