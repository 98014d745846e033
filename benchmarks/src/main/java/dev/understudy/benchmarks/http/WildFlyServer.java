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

/**
 * One WildFly standalone server of the benchmark's pair ({@link WildFlyPair}): {@code standalone-ha.xml} from a base
 * directory of its own ({@code jboss.server.base.dir}: configuration, deployments, data, log, tmp), every port moved
 * by its {@code jboss.socket.binding.port-offset}, every bind address 127.0.0.1. Started as the server JVM itself
 * ({@code java -jar jboss-modules.jar ... org.jboss.as.standalone}, the command {@code bin/standalone.sh} runs), not
 * through the script, so that the PID stopped or killed is the server's and not a shell's. Ready when its readiness
 * path answers 200 (HTTP, not the log).
 */
final class WildFlyServer extends ManagedProcess {
    static final int HTTP_PORT = 8080;
    static final int JGROUPS_TCP_PORT = 7600;
    /**
     * Every TCP port {@code standalone-ha.xml} binds once the CLI script ran, before the offset: http, https, ajp,
     * management http and https, jgroups-tcp, the transaction recovery and status managers.
     */
    static final List<Integer> BASE_PORTS = List.of(HTTP_PORT, 8443, 8009, 9990, 9993, JGROUPS_TCP_PORT, 4712, 4713);
    /**
     * What {@code bin/standalone.conf} and {@code bin/common.sh} (setDefaultModularJvmOptions) of WildFly 39 add on a
     * modular JDK (the conditional {@code com.sun.net.ssl.internal.ssl} opening does not exist on Java 17).
     */
    static final List<String> STANDARD_OPTIONS = List.of(
            "-Djava.net.preferIPv4Stack=true", "-Djboss.modules.system.pkgs=org.jboss.byteman",
            "-Djava.awt.headless=true",
            "-Djdk.serialFilter=maxbytes=10485760;maxdepth=128;maxarray=100000;maxrefs=300000",
            "--add-exports=java.desktop/sun.awt=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.url.ldap=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.url.ldaps=ALL-UNNAMED",
            "--add-exports=jdk.naming.dns/com.sun.jndi.dns=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.security=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.management/javax.management=ALL-UNNAMED",
            "--add-opens=java.naming/javax.naming=ALL-UNNAMED");

    private final int offset;

    private WildFlyServer(String name, Process process, Path base, Path pidDirectory, int offset) {
        super(name, process, base.resolve("console.log"), base.toString(), pidDirectory);
        this.offset = offset;
    }

    int httpPort() {
        return HTTP_PORT + offset;
    }

    int jgroupsPort() {
        return JGROUPS_TCP_PORT + offset;
    }

    URI url(String path) {
        return URI.create("http://" + Loopback.ADDRESS + ":" + httpPort() + path);
    }

    /** The server JVM's command line: {@code jvmOptions} (heap, GC; {@code {node}} replaced by the name) first. */
    static List<String> command(Path home, Path base, String name, int offset, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-D[Standalone]"));
        for (String option : jvmOptions) {
            command.add(option.replace("{node}", name));
        }
        command.addAll(STANDARD_OPTIONS);
        command.addAll(List.of(
                "-Dorg.jboss.boot.log.file=" + base.resolve("log").resolve("server.log"),
                "-Dlogging.configuration=file:" + base.resolve("configuration").resolve("logging.properties"),
                "-jar", home.resolve("jboss-modules.jar").toString(),
                "-mp", home.resolve("modules").toString(),
                "org.jboss.as.standalone",
                "-Djboss.home.dir=" + home,
                "-Djboss.server.base.dir=" + base,
                "-c", "standalone-ha.xml",
                "-Djboss.node.name=" + name,
                // the transaction manager's node identifier, unique per server (the default 1 is logged as a danger)
                "-Djboss.tx.node.id=" + name,
                // the sample names its node in every reply ("node"): with no adapter, from this property
                "-Dunderstudy.nodeId=" + name,
                "-Djboss.bind.address=" + Loopback.ADDRESS,
                "-Djboss.bind.address.management=" + Loopback.ADDRESS,
                "-Djboss.bind.address.private=" + Loopback.ADDRESS,
                "-Djboss.socket.binding.port-offset=" + offset));
        return command;
    }

    /**
     * Starts server {@code name} on its prepared base directory {@code base} (configuration and deployments in
     * place); returns once {@code readinessPath} answers 200, or kills it and throws.
     */
    static WildFlyServer start(Path home, Path base, Workspace workspace, String name, int offset,
            List<String> jvmOptions, String readinessPath, Duration timeout) {
        List<String> command = command(home, base, name, offset, jvmOptions);
        Process process;
        try {
            Files.write(base.resolve("command.txt"), List.of(String.join(" ", command)));
            ProcessBuilder builder = new ProcessBuilder(workspace.launch(command));
            builder.environment().put("JBOSS_HOME", home.toString());
            process = builder.directory(base.toFile()).redirectErrorStream(true)
                    .redirectOutput(base.resolve("console.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start WildFly " + name, e);
        }
        WildFlyServer server;
        try {
            server = new WildFlyServer(name, process, base, workspace.pidDirectory(), offset);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        try {
            Poll.until("WildFly " + name + " ready", timeout, Duration.ofMillis(250), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited with " + process.exitValue());
                }
                return Http.status(server.url(readinessPath), Duration.ofSeconds(5)).orElse(0) == 200;
            });
        } catch (RuntimeException e) {
            server.kill9();
            throw new IllegalStateException("WildFly " + name + " did not get ready (" + e.getMessage() + "); log "
                    + server.logFile() + ":\n" + server.logTail(60), e);
        }
        return server;
    }
}
