package dev.understudy.benchmarks.http;

import dev.understudy.demo.process.Http;
import dev.understudy.demo.process.Loopback;
import dev.understudy.demo.process.ManagedProcess;
import dev.understudy.demo.process.Poll;
import dev.understudy.demo.process.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Payara Micro that is a member of a Payara (Hazelcast) cluster — unlike the demo's {@code PayaraMicroNode}, which
 * always runs {@code --nocluster} — so that one pair of JVMs serves every configuration of the benchmark side by
 * side: the unreplicated WAR, the Understudy WAR (with the RAR) and the {@code <distributable/>} WAR that Payara
 * replicates through its Hazelcast. Everything on 127.0.0.1 (NOTES-PAYARA: clustered instances take
 * {@code --clustermode tcpip:...} {@code --interfaces 127.0.0.1} and a unique {@code --clustername}; the HTTP
 * listeners are bound to loopback by the pre-boot file). Ready when every readiness URL answers 200.
 */
final class ClusteredMicro extends ManagedProcess {
    private final int httpPort;

    private ClusteredMicro(String name, Process process, Path directory, Path pidDirectory, int httpPort) {
        super(name, process, directory.resolve("payara.log"), directory.toString(), pidDirectory);
        this.httpPort = httpPort;
    }

    int httpPort() {
        return httpPort;
    }

    URI url(String path) {
        return URI.create("http://" + Loopback.ADDRESS + ":" + httpPort + path);
    }

    /** What every node of the pair shares. */
    record Setup(Path microJar, Workspace workspace, List<Integer> hazelcastPorts, String clusterName,
            List<String> jvmOptions, Map<String, String> environment, List<String> postBootCommands,
            List<Path> deployments, List<String> readinessPaths, Duration startupTimeout) {
    }

    /**
     * Starts node {@code name} with {@code systemProperties} (on the command line) and {@code secretProperties} (the
     * broker login: in a file readable by its owner only, {@code --systemproperties}); returns once it answers, or
     * kills it and throws.
     */
    static ClusteredMicro start(Setup setup, String name, int httpPort, int hazelcastPort,
            Map<String, String> systemProperties, Map<String, String> secretProperties) {
        Path directory = setup.workspace().newDirectory(name);
        String listeners = "configs.config.server-config.network-config.network-listeners.network-listener.";
        List<String> members = setup.hazelcastPorts().stream().map(p -> Loopback.ADDRESS + ":" + p).toList();
        List<String> preBoot = List.of(
                "set " + listeners + "http-listener.address=" + Loopback.ADDRESS,
                "set " + listeners + "https-listener.address=" + Loopback.ADDRESS);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhazelcast.socket.bind.any=false", "-Dhazelcast.phone.home.enabled=false",
                "-Djava.io.tmpdir=" + directory.resolve("tmp")));
        for (String option : setup.jvmOptions()) {
            command.add(option.replace("{node}", name)); // e.g. a JFR file per node
        }
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", setup.microJar().toAbsolutePath().toString(),
                "--name", name, "--port", Integer.toString(httpPort),
                "--clustermode", "tcpip:" + String.join(",", members),
                "--interfaces", Loopback.ADDRESS,
                "--startport", Integer.toString(hazelcastPort),
                "--clustername", setup.clusterName(),
                "--nohostaware", "--disablephonehome",
                "--systemproperties", writeSecret(directory.resolve("secret-system.properties"), secretProperties)
                        .toString(),
                "--rootdir", directory.resolve("rootdir").toString(),
                "--prebootcommandfile", write(directory.resolve("pre-boot.txt"), preBoot).toString(),
                "--postbootcommandfile", write(directory.resolve("post-boot.txt"), setup.postBootCommands())
                        .toString()));
        for (Path archive : setup.deployments()) {
            command.addAll(List.of("--deploy", archive.toAbsolutePath().toString()));
        }
        Process process;
        try {
            Files.createDirectories(directory.resolve("tmp"));
            write(directory.resolve("command.txt"), List.of(String.join(" ", command)));
            ProcessBuilder builder = new ProcessBuilder(setup.workspace().launch(command));
            builder.environment().putAll(setup.environment());
            process = builder.directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("payara.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Payara Micro " + name, e);
        }
        ClusteredMicro node;
        try {
            node = new ClusteredMicro(name, process, directory, setup.workspace().pidDirectory(), httpPort);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        try {
            Poll.until("Payara Micro " + name + " ready", setup.startupTimeout(), Duration.ofMillis(500), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited with " + process.exitValue());
                }
                for (String path : setup.readinessPaths()) {
                    if (Http.status(node.url(path), Duration.ofSeconds(5)).orElse(0) != 200) {
                        return false;
                    }
                }
                return true;
            });
        } catch (RuntimeException e) {
            node.kill9();
            throw new IllegalStateException("Payara Micro " + name + " did not get ready (" + e.getMessage()
                    + "); log " + node.logFile() + ":\n" + node.logTail(60), e);
        }
        return node;
    }

    private static Path write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeSecret(Path file, Map<String, String> values) {
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(values);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            try (java.io.Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "broker login of this node (--systemproperties)");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
