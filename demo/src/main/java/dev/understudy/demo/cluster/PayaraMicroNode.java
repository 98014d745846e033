package dev.understudy.demo.cluster;

import dev.understudy.demo.process.FreePorts;
import dev.understudy.demo.process.Http;
import dev.understudy.demo.process.ListeningSockets;
import dev.understudy.demo.process.Loopback;
import dev.understudy.demo.process.ManagedProcess;
import dev.understudy.demo.process.Poll;
import dev.understudy.demo.process.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.io.Writer;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Payara Micro as a separate process, everything on 127.0.0.1:
 *
 * <pre>
 * java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dhazelcast.socket.bind.any=false
 *      -Dhazelcast.phone.home.enabled=false -Djava.io.tmpdir=DIR/tmp [jvm options] [-Dkey=value...]
 *      -jar payara-micro.jar --name NAME --port P [--sslport S] --nocluster --nohostaware --disablephonehome
 *      --rootdir DIR/rootdir --prebootcommandfile DIR/pre-boot-commands.txt
 *      [--postbootcommandfile DIR/post-boot-commands.txt] --deploy X...
 * </pre>
 *
 * <p>DIR is a fresh directory per start in the {@link Workspace} (Micro redeploys whatever a reused rootdir
 * holds); standard output and error go to {@code DIR/payara.log}. The pre-boot file binds HTTP(S) to 127.0.0.1 and
 * keeps Payara's own Hazelcast (it starts even with {@code --nocluster}) on loopback, alone in a group of its
 * own: the nodes share state through Understudy only, never through Hazelcast.
 *
 * <p>Ready means an HTTP GET of each readiness path answered its expected status — not Micro's "ready" log line,
 * which a failed deployment prints too. If the process exits or the timeout passes first, {@link Builder#start()}
 * kills it and throws with the log's tail.
 *
 * <pre>{@code
 * try (PayaraMicroNode node = PayaraMicroNode.builder("a", microJar, workspace)
 *         .deploy(war).readiness("/ping/ping", 200).start()) {
 *     URI uri = node.url("/ping/ping");
 *     node.kill9();   // or stop(), pause()/resume()
 * }
 * }</pre>
 */
public final class PayaraMicroNode extends ManagedProcess {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final int httpPort;
    private final int hazelcastPort;
    private final Path workDirectory;
    private Duration bootTime;

    private PayaraMicroNode(String name, Process process, Path workDirectory, Path pidDirectory, int httpPort,
            int hazelcastPort) {
        super(name, process, workDirectory.resolve("payara.log"), workDirectory.toString(), pidDirectory);
        this.workDirectory = workDirectory;
        this.httpPort = httpPort;
        this.hazelcastPort = hazelcastPort;
    }

    /**
     * Deletes the runtime Micro unpacked into the rootdir (~100 MB per start); the log, the command files and
     * the configuration stay for inspection.
     */
    @Override
    protected void afterExit() {
        Path runtime = workDirectory.resolve("rootdir").resolve("runtime");
        if (Files.isDirectory(runtime)) {
            try (Stream<Path> paths = Files.walk(runtime)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException | UncheckedIOException e) {
                System.err.println("Cannot delete " + runtime + ": " + e);
            }
        }
    }

    /**
     * A builder for a node called {@code name} ({@code [a-z0-9-]}, at most 32 characters), run from
     * {@code microJar} ({@code payara-micro-6.x.jar}) with its files in {@code workspace}.
     */
    public static Builder builder(String name, Path microJar, Workspace workspace) {
        return new Builder(name, microJar, workspace);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI httpUrl() {
        return URI.create("http://" + Loopback.ADDRESS + ":" + httpPort);
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public URI url(String path) {
        return httpUrl().resolve(path);
    }

    public int httpPort() {
        return httpPort;
    }

    /** The port of Payara's embedded Hazelcast (loopback, a group of its own). */
    public int hazelcastPort() {
        return hazelcastPort;
    }

    /** This start's directory: rootdir, tmp, command files, log. */
    public Path workDirectory() {
        return workDirectory;
    }

    /** From the process start to the first expected answer of the readiness probe. */
    public Duration bootTime() {
        return bootTime;
    }

    /** What a {@link PayaraMicroNode} is started with. Reusable: each {@link #start()} is a fresh process. */
    public static final class Builder {
        private final String name;
        private final Path microJar;
        private final Workspace workspace;
        private int httpPort;
        private int hazelcastPort;
        private boolean https;
        private int heapMegabytes = 512;
        private final List<Path> deployments = new ArrayList<>();
        private final List<String> preBootCommands = new ArrayList<>();
        private final List<String> postBootCommands = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> secretSystemProperties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, Integer> readiness = new LinkedHashMap<>();
        private Duration startupTimeout = Duration.ofSeconds(120);

        private Builder(String name, Path microJar, Workspace workspace) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Node name must match " + NAME + ": " + name);
            }
            this.name = name;
            this.microJar = microJar;
            this.workspace = workspace;
        }

        /** The node's name (also its Micro {@code --name}). */
        public String name() {
            return name;
        }

        /** The HTTP port; default 0: a free one at each start. Fix it to restart a node on the same port. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** The port of Payara's embedded Hazelcast (on 127.0.0.1); default 0: a free one at each start. */
        public Builder hazelcastPort(int port) {
            this.hazelcastPort = port;
            return this;
        }

        /** Also open HTTPS ({@code --sslport}, a free port, on 127.0.0.1). Off by default: Micro opens none. */
        public Builder https(boolean enabled) {
            this.https = enabled;
            return this;
        }

        /** {@code -Xmx} in MiB; default 512 (~380 MiB RSS with the options above). */
        public Builder heapMegabytes(int megabytes) {
            this.heapMegabytes = megabytes;
            return this;
        }

        /** Deploys {@code archive} at boot ({@code --deploy}, repeatable, in this order: RAR before WAR). */
        public Builder deploy(Path archive) {
            deployments.add(archive.toAbsolutePath());
            return this;
        }

        /** An asadmin command run before boot, after the loopback lines. */
        public Builder preBootCommand(String command) {
            preBootCommands.add(command);
            return this;
        }

        /**
         * An asadmin command run after boot, before the {@code --deploy} archives: e.g. {@code deploy x.rar}
         * and the connector pool and resource the WAR needs (see post-boot-commands.txt).
         */
        public Builder postBootCommand(String command) {
            postBootCommands.add(command);
            return this;
        }

        /** An extra JVM option of the Micro process. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** A {@code -D} system property of the Micro process. */
        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        /**
         * A system property that must not appear on the command line (which every local user can read) nor in
         * {@code command.txt}: written to {@code DIR/secret-system.properties}, readable by the owner only, which
         * Micro reads at boot ({@code --systemproperties}), before it deploys anything. E.g. the broker password
         * {@code understudy.password}.
         */
        public Builder secretSystemProperty(String key, String value) {
            secretSystemProperties.put(key, value);
            return this;
        }

        /**
         * An environment variable of the Micro process (it inherits this JVM's environment otherwise): for what
         * must not appear on the command line, e.g. {@code UNDERSTUDY_ROUTE_SECRET}, which the post-boot file
         * reads as {@code ${ENV=UNDERSTUDY_ROUTE_SECRET}}.
         */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /**
         * Ready when GET {@code path} answers {@code status} — and every other readiness path its own. Required:
         * give one per deployed application (post-boot deployments come before {@code --deploy} ones, so one
         * answering says nothing of the others).
         */
        public Builder readiness(String path, int status) {
            readiness.put(path.startsWith("/") ? path : "/" + path, status);
            return this;
        }

        /** How long to wait for readiness; default 120 s. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** Starts a fresh process and returns once it is ready; kills it and throws if it does not get ready. */
        public PayaraMicroNode start() {
            if (readiness.isEmpty()) {
                throw new IllegalStateException("Node " + name + ": give at least one readiness(path, status)");
            }
            Path directory = workspace.newDirectory(name);
            int port = httpPort != 0 ? httpPort : FreePorts.next();
            int hazelcast = hazelcastPort != 0 ? hazelcastPort : FreePorts.next();
            Integer sslPort = https ? FreePorts.next() : null;
            // Payara's Hazelcast alone in a group no other process uses: the directory is unique per start
            String group = "understudy-" + directory.getParent().getFileName() + "-" + directory.getFileName();
            List<String> command = workspace.launch(
                    command(microJar, directory, port, sslPort, loopbackPreBootCommands(group, hazelcast)));

            long started = System.nanoTime();
            Process process;
            try {
                Files.createDirectories(directory.resolve("tmp"));
                Files.write(directory.resolve("command.txt"), List.of(String.join(" ", command)));
                ProcessBuilder builder = new ProcessBuilder(command);
                builder.environment().putAll(environment);
                process = builder
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(directory.resolve("payara.log").toFile())
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start Payara Micro node " + name, e);
            }
            PayaraMicroNode node;
            try {
                node = new PayaraMicroNode(name, process, directory, workspace.pidDirectory(), port, hazelcast);
            } catch (RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
            Map<URI, Integer> probes = new LinkedHashMap<>();
            readiness.forEach((path, status) -> probes.put(node.url(path), status));
            try {
                Poll.until("Payara Micro node " + name + " ready: GET " + probes, startupTimeout,
                        Duration.ofMillis(250), Duration.ofMillis(250), () -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("exited with " + process.exitValue());
                            }
                            for (Map.Entry<URI, Integer> probe : probes.entrySet()) {
                                OptionalInt status = Http.status(probe.getKey(), Duration.ofSeconds(5));
                                if (status.isEmpty() || status.getAsInt() != probe.getValue()) {
                                    return false;
                                }
                            }
                            return true;
                        });
                // the answer came from this process, not from another that took the port meanwhile
                if (ListeningSockets.of(node.pid()).stream().noneMatch(socket -> socket.port() == port)) {
                    throw new IllegalStateException("port " + port + " answered, but not from this process");
                }
            } catch (RuntimeException e) {
                node.kill9();
                throw new IllegalStateException("Payara Micro node " + name + " did not get ready (" + e.getMessage()
                        + "); log " + node.logFile() + ":\n" + node.logTail(60), e);
            }
            node.bootTime = Duration.ofNanos(System.nanoTime() - started);
            return node;
        }

        private List<String> command(Path jar, Path directory, int port, Integer sslPort, List<String> loopback) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heapMegabytes + "m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Dhazelcast.socket.bind.any=false",
                    "-Dhazelcast.phone.home.enabled=false",
                    "-Djava.io.tmpdir=" + directory.resolve("tmp")));
            command.addAll(jvmOptions);
            systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
                    "--name", name,
                    "--port", Integer.toString(port)));
            if (sslPort != null) {
                command.addAll(List.of("--sslport", sslPort.toString()));
            }
            if (!secretSystemProperties.isEmpty()) {
                command.addAll(List.of("--systemproperties",
                        writeSecretProperties(directory.resolve("secret-system.properties")).toString()));
            }
            command.addAll(List.of("--nocluster", "--nohostaware", "--disablephonehome",
                    "--rootdir", directory.resolve("rootdir").toString(),
                    "--prebootcommandfile", writeCommands(directory.resolve("pre-boot-commands.txt"),
                            concat(loopback, preBootCommands)).toString()));
            if (!postBootCommands.isEmpty()) {
                command.addAll(List.of("--postbootcommandfile",
                        writeCommands(directory.resolve("post-boot-commands.txt"), postBootCommands).toString()));
            }
            for (Path archive : deployments) {
                command.addAll(List.of("--deploy", archive.toString()));
            }
            return command;
        }

        private Path writeSecretProperties(Path file) {
            Properties properties = new Properties();
            properties.putAll(secretSystemProperties);
            try {
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (Writer writer = Files.newBufferedWriter(file)) {
                    properties.store(writer, "secret system properties of this node (--systemproperties)");
                }
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static List<String> concat(List<String> first, List<String> second) {
            List<String> all = new ArrayList<>(first);
            all.addAll(second);
            return all;
        }

        private static Path writeCommands(Path file, List<String> commands) {
            try {
                Files.createDirectories(file.getParent());
                return Files.write(file, commands);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The pre-boot lines that keep a Micro on 127.0.0.1: HTTP and HTTPS listeners, and Payara's Hazelcast alone
     * in {@code group} on {@code hazelcastPort} (with {@code --nocluster} the command-line cluster flags are
     * ignored; these settings are not). The same lines as {@code server-configs/payara-micro/pre-boot-commands.asadmin}
     * and the Arquillian tests' {@code src/test/resources/payara/pre-boot-commands.txt}.
     */
    public static List<String> loopbackPreBootCommands(String group, int hazelcastPort) {
        String listeners = "configs.config.server-config.network-config.network-listeners.network-listener.";
        return List.of(
                "set " + listeners + "http-listener.address=" + Loopback.ADDRESS,
                "set " + listeners + "https-listener.address=" + Loopback.ADDRESS,
                "set hazelcast-runtime-configuration.discovery-mode=tcpip",
                "set hazelcast-runtime-configuration.interface=" + Loopback.ADDRESS,
                "set hazelcast-runtime-configuration.start-port=" + hazelcastPort,
                "set hazelcast-runtime-configuration.tcpip-members=" + Loopback.ADDRESS + ":" + hazelcastPort,
                "set hazelcast-runtime-configuration.cluster-group-name=" + group);
    }
}
