package dev.understudy.benchmarks.http;

import dev.understudy.demo.process.Loopback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The offline configuration of the WildFly pair: {@code server-configs/wildfly/standalone-ha-loopback.cli} (no
 * mod_cluster, no udp stack, TCPPING instead of MPING, every interface 127.0.0.1), its {@value #HOSTS_PLACEHOLDER}
 * replaced by both servers' JGroups TCP addresses, run by {@code bin/jboss-cli.sh} on an embedded server
 * ({@code embed-server}) against a copy of {@code standalone/} — once per run; each server then gets its own copy of
 * the result.
 */
final class WildFlyCli {
    static final String SCRIPT = "standalone-ha-loopback.cli";
    static final String HOSTS_PLACEHOLDER = "@INITIAL_HOSTS@";
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private WildFlyCli() {
    }

    /** TCPPING's {@code initial_hosts}: {@code 127.0.0.1[port1],127.0.0.1[port2]}. */
    static String initialHosts(List<Integer> jgroupsPorts) {
        if (jgroupsPorts.isEmpty()) {
            throw new IllegalArgumentException("No JGroups port");
        }
        return jgroupsPorts.stream().map(p -> Loopback.ADDRESS + "[" + p + "]").collect(Collectors.joining(","));
    }

    /** The script with the placeholder replaced; fails if the script has no placeholder. */
    static String render(String script, List<Integer> jgroupsPorts) {
        if (!script.contains(HOSTS_PLACEHOLDER)) {
            throw new IllegalArgumentException("The CLI script has no " + HOSTS_PLACEHOLDER);
        }
        return script.replace(HOSTS_PLACEHOLDER, initialHosts(jgroupsPorts));
    }

    /**
     * Copies {@code home}'s {@code standalone/} to {@code base}, and runs the rendered {@code script} on it with
     * {@code bin/jboss-cli.sh}; the CLI's output goes to {@code base/../cli.log}.
     */
    static void configure(Path home, Path script, Path base, List<Integer> jgroupsPorts) {
        Path rendered = base.resolveSibling(SCRIPT);
        Path log = base.resolveSibling("cli.log");
        try {
            copyTree(home.resolve("standalone"), base);
            Files.writeString(rendered, render(Files.readString(script, StandardCharsets.UTF_8), jgroupsPorts),
                    StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin").resolve("jboss-cli.sh").toString(),
                    "--file=" + rendered).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JBOSS_HOME", home.toString());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -Djboss.server.base.dir=" + base);
            Process cli = builder.start();
            if (!cli.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                cli.descendants().forEach(ProcessHandle::destroyForcibly);
                cli.destroyForcibly();
                throw new IllegalStateException("jboss-cli.sh did not finish within " + TIMEOUT + "; log " + log);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (cli.exitValue() != 0 || !output.contains("The batch executed successfully")) {
                throw new IllegalStateException("jboss-cli.sh --file=" + rendered + " failed (exit " + cli.exitValue()
                        + "):\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot configure WildFly in " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while configuring WildFly", e);
        }
    }

    /** Copies the directory tree {@code from} to {@code to} (created; files replaced). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
