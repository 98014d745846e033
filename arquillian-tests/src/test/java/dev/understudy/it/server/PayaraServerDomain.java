package dev.understudy.it.server;

import static org.awaitility.Awaitility.await;

import dev.understudy.demo.process.FreePorts;
import dev.understudy.demo.process.Http;
import dev.understudy.demo.process.Loopback;
import dev.understudy.it.support.Timings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A Payara Server domain of the test's own, driven by {@code asadmin} as a user would: created with
 * {@code create-domain --nopassword --portbase <free block>} under {@code domainsDirectory}, started with a pre-boot
 * command file, stopped by {@code stop-domain} (then by PID if it does not stop) and deleted by {@link #close()},
 * whatever happened before.
 *
 * <p>Ports: a block of 100 free loopback ports; the admin listener is {@code base+48}, HTTP {@code base+80} (Payara's
 * portbase offsets). asadmin runs as {@code java -jar glassfish/lib/client/appserver-cli.jar} (what {@code bin/asadmin}
 * does; the unpacked zip has no executable bits) with the test JVM's Java. Every asadmin process and the server
 * inherit {@code environment}; {@code JAVA_TOOL_OPTIONS} there keeps them lean (serial GC, C1 only) without a restart
 * for {@code create-jvm-options}. Every command and its output go to {@code asadmin.log} next to the domain.
 */
final class PayaraServerDomain implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PayaraServerDomain.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(240);
    private static final int ADMIN_OFFSET = 48;
    private static final int HTTP_OFFSET = 80;

    private final Path home;
    private final Path domainsDirectory;
    private final String name;
    private final int portBase;
    private final Map<String, String> environment;
    private final Path log;
    private boolean created;
    private long pid = -1;

    private PayaraServerDomain(Path home, Path domainsDirectory, String name, int portBase,
            Map<String, String> environment) {
        this.home = home;
        this.domainsDirectory = domainsDirectory;
        this.name = name;
        this.portBase = portBase;
        this.environment = Map.copyOf(environment);
        this.log = domainsDirectory.resolve(name + "-asadmin.log");
    }

    /** Creates domain {@code name} (not started) under {@code domainsDirectory}, on a free block of ports. */
    static PayaraServerDomain create(Path home, Path domainsDirectory, String name, Map<String, String> environment) {
        if (!Files.isRegularFile(cliJar(home))) {
            throw new IllegalStateException("No Payara Server at " + home + " (maven-dependency-plugin unpacks it in"
                    + " pre-integration-test: run mvn verify, not only test-compile)");
        }
        try {
            Files.createDirectories(domainsDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        endLeftovers(domainsDirectory);
        PayaraServerDomain domain = new PayaraServerDomain(home, domainsDirectory, name, freePortBase(), environment);
        long start = System.nanoTime();
        domain.local("create-domain", "--nopassword", "--portbase", Integer.toString(domain.portBase),
                "--domaindir", domainsDirectory.toString(), name);
        domain.created = true;
        Timings.record("payara-server: create-domain", Duration.ofNanos(System.nanoTime() - start));
        return domain;
    }

    /** {@code start-domain --prebootcommandfile preBoot}; returns when the admin REST API answers. */
    void start(Path preBoot) {
        long start = System.nanoTime();
        local("start-domain", "--domaindir", domainsDirectory.toString(), "--prebootcommandfile", preBoot.toString(),
                name);
        pid = pidOf(domainDirectory()).orElseThrow(
                () -> new IllegalStateException("start-domain succeeded but wrote no readable config/pid"));
        // the backstop if this JVM is stopped before close(): the server is not a child of this JVM
        long serverPid = pid;
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.of(serverPid).ifPresent(ProcessHandle::destroyForcibly), "stop-" + name));
        await("admin REST API of " + name).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.status(adminUri("/management/domain"), Duration.ofSeconds(5)).orElse(0) == 200);
        Timings.record("payara-server: start-domain (pid " + pid + ")", Duration.ofNanos(System.nanoTime() - start));
    }

    Path domainDirectory() {
        return domainsDirectory.resolve(name);
    }

    Path serverLog() {
        return domainDirectory().resolve("logs").resolve("server.log");
    }

    int adminPort() {
        return portBase + ADMIN_OFFSET;
    }

    int httpPort() {
        return portBase + HTTP_OFFSET;
    }

    /** {@code http://127.0.0.1:<http port><path>}. */
    URI http(String path) {
        return URI.create("http://" + Loopback.ADDRESS + ":" + httpPort() + path);
    }

    /** {@code http://127.0.0.1:<admin port><path>}: console and REST management API. */
    URI adminUri(String path) {
        return URI.create("http://" + Loopback.ADDRESS + ":" + adminPort() + path);
    }

    /** A remote asadmin command against this domain; its output. Fails with the output on a non-zero exit. */
    String asadmin(String... command) {
        List<String> arguments = new ArrayList<>(List.of("--host", Loopback.ADDRESS, "--port",
                Integer.toString(adminPort())));
        arguments.addAll(List.of(command));
        return run(arguments);
    }

    /** As {@link #asadmin}, timed under {@code what} in {@code it-timings.txt}. */
    String timed(String what, String... command) {
        long start = System.nanoTime();
        String output = asadmin(command);
        Timings.record("payara-server: " + what, Duration.ofNanos(System.nanoTime() - start));
        return output;
    }

    /** {@code asadmin multimode --file file}: fails on the first command that fails. */
    String multimode(Path file) {
        return timed("multimode " + file.getFileName(), "multimode", "--file", file.toString());
    }

    /** GET {@code path} of the REST management API as JSON; fails unless 200. */
    String rest(String path) {
        HttpRequest request = HttpRequest.newBuilder(adminUri(path)).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = Http.send(request);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The last {@code lines} of {@code server.log}, for failure messages. */
    String serverLogTail(int lines) {
        try (Stream<String> all = Files.lines(serverLog())) {
            List<String> list = all.toList();
            return String.join("\n", list.subList(Math.max(0, list.size() - lines), list.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no server.log: " + e + ")";
        }
    }

    /**
     * Stops the server ({@code stop-domain}, then SIGKILL by PID), keeps its {@code server.log} as
     * {@code <name>-server.log} next to the asadmin log, deletes the domain; never throws.
     */
    @Override
    public void close() {
        if (pid > 0) {
            try {
                local("stop-domain", "--domaindir", domainsDirectory.toString(), name);
            } catch (RuntimeException e) {
                LOG.warning("stop-domain " + name + " failed, killing pid " + pid + ": " + e.getMessage());
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isPresent() && process.get().isAlive()) {
                process.get().destroyForcibly();
                process.get().onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
            }
            pid = -1;
        }
        if (created) {
            try {
                // keep the server's log for a look after the build: the domain goes
                Files.copy(serverLog(), domainsDirectory.resolve(name + "-server.log"),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                LOG.warning("Cannot keep server.log of " + name + ": " + e);
            }
            try {
                local("delete-domain", "--domaindir", domainsDirectory.toString(), name);
                created = false;
            } catch (RuntimeException e) {
                LOG.warning("delete-domain " + name + " failed: " + e.getMessage());
            }
        }
    }

    /**
     * Ends the servers of domains a killed test JVM left under {@code domainsDirectory} (by the PID in their
     * {@code config/pid}, only if that process is a Payara server of that very domain) and deletes those domains.
     */
    private static void endLeftovers(Path domainsDirectory) {
        try (Stream<Path> children = Files.list(domainsDirectory)) {
            for (Path domain : children.filter(Files::isDirectory).toList()) {
                pidOf(domain).flatMap(ProcessHandle::of)
                        .filter(p -> p.info().commandLine().map(c -> c.contains(domain.toString())).orElse(false))
                        .ifPresent(p -> {
                            LOG.warning("Ending the server of a domain left behind: pid " + p.pid() + ", " + domain);
                            p.destroyForcibly();
                            p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
                        });
                deleteTree(domain);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + domainsDirectory, e);
        }
    }

    private static Optional<Long> pidOf(Path domain) {
        try {
            return Optional.of(Long.parseLong(Files.readString(domain.resolve("config").resolve("pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private String local(String... command) {
        return run(List.of(command));
    }

    private String run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", cliJar(home).toString(), "--interactive=false"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(domainsDirectory.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("TERM", "dumb");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // output is small; read it to the end (this also waits for the exit of the client)
            CompletableFuture<String> output = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            return "(output unreadable: " + e + ")";
                        }
                    });
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("asadmin " + arguments + " did not finish within " + COMMAND_TIMEOUT);
            }
            String text = output.get(30, TimeUnit.SECONDS);
            Files.writeString(log, "$ asadmin " + String.join(" ", arguments) + "\n" + text + "(exit "
                    + process.exitValue() + ")\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            if (process.exitValue() != 0) {
                throw new AsadminException(arguments, process.exitValue(), text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run asadmin " + arguments, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("asadmin " + arguments + ": output not readable", e);
        }
    }

    private static Path cliJar(Path home) {
        return home.resolve("glassfish").resolve("lib").resolve("client").resolve("appserver-cli.jar");
    }

    /** A block of 100 ports, every one free on 127.0.0.1 now, in 20000-59999. */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 200 + ThreadLocalRandom.current().nextInt(400);
            base *= 100;
            boolean free = true;
            for (int port = base; port < base + 100 && free; port++) {
                free = FreePorts.isFree(port);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("No block of 100 free ports on " + Loopback.ADDRESS + " after 50 attempts");
    }

    /** A failed asadmin command: its arguments, exit code and output. */
    static final class AsadminException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient String output;

        AsadminException(List<String> arguments, int exit, String output) {
            super("asadmin " + String.join(" ", arguments) + " failed (exit " + exit + "):\n" + output);
            this.output = output;
        }

        String output() {
            return output;
        }
    }
}
