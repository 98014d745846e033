package dev.understudy.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.demo.process.FreePorts;
import dev.understudy.it.support.ItSettings;
import dev.understudy.it.support.Timings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, as a user runs it: {@code java -jar demo/target/understudy-demo.jar --scenario
 * failover} (broker, three Payara Micro nodes with the sample, HAProxy; 100 sessions, {@code kill -9} of the node
 * that is primary for the most, one more request each) must print a passing verdict, exit 0, and leave no process
 * behind. Free ports instead of the defaults, so it never collides with a demo someone is running.
 */
class DemoScenarioIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(6);
    private Process demo;

    @AfterEach
    void stopDemo() throws InterruptedException {
        if (demo != null && demo.isAlive()) {
            demo.destroy(); // SIGTERM: the demo stops its children by PID
            if (!demo.waitFor(60, TimeUnit.SECONDS)) {
                demo.descendants().forEach(ProcessHandle::destroyForcibly);
                demo.destroyForcibly();
            }
        }
    }

    @Test
    void theFailoverScenarioPassesAndStopsEverything() throws Exception {
        Path repository = ItSettings.buildDirectory().getParent().getParent();
        Path jar = repository.resolve("demo/target/understudy-demo.jar");
        assertThat(jar).as("built by the reactor before this module").exists();
        Path workDirectory = Files.createDirectories(ItSettings.buildDirectory().resolve("demo-run"));
        Path output = workDirectory.resolve("demo-output.txt");

        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                jar.toString(), "--scenario", "failover",
                "--lb-port", Integer.toString(FreePorts.next()),
                "--base-port", Integer.toString(freeRange(3)),
                "--hazelcast-port", Integer.toString(freeRange(3)),
                "--broker-port", Integer.toString(FreePorts.next())));
        long start = System.nanoTime();
        demo = new ProcessBuilder(command).directory(workDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        List<ProcessHandle> children = new ArrayList<>();
        boolean ended = false;
        while (!ended) {
            demo.descendants().forEach(child -> {
                if (!children.contains(child)) {
                    children.add(child);
                }
            });
            ended = demo.waitFor(500, TimeUnit.MILLISECONDS);
            if (Duration.ofNanos(System.nanoTime() - start).compareTo(TIMEOUT) > 0) {
                break;
            }
        }
        String transcript = Files.readString(output);
        assertThat(ended).as("the demo ended within %s:%n%s", TIMEOUT, transcript).isTrue();
        Timings.record("demo: --scenario failover, start to exit", Duration.ofNanos(System.nanoTime() - start));

        assertThat(demo.exitValue()).as("exit status; output:%n%s", transcript).isZero();
        assertThat(transcript).contains("VERDICT: PASS").contains("lost acknowledged update 0, session lost 0, error 0");
        assertThat(children).as("the broker, nodes and HAProxy it started").hasSizeGreaterThanOrEqualTo(5);
        assertThat(children.stream().filter(ProcessHandle::isAlive).toList())
                .as("every process the demo started is gone").isEmpty();
    }

    /** The first of {@code size} consecutive free ports. */
    private static int freeRange(int size) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = FreePorts.next();
            boolean free = true;
            for (int i = 1; i < size && free; i++) {
                free = FreePorts.isFree(base + i);
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("No " + size + " consecutive free ports on 127.0.0.1");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
