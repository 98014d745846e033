package dev.understudy.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.process.Http;
import dev.understudy.demo.process.ListeningSockets;
import dev.understudy.it.app.PingServlet;
import dev.understudy.it.app.TestWars;
import dev.understudy.it.support.ItProcesses;
import dev.understudy.it.support.Timings;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The multi-process harness: two Payara Micro processes started one after the other with the same WAR (the
 * second one also deploys a WAR from its post-boot command file), both answer on 127.0.0.1 (and listen on
 * nothing else); SIGSTOP freezes one and SIGCONT thaws it; after
 * {@code kill -9} of one the other still answers and the killed PID is gone.
 */
class MultiProcessSmokeIT {
    @RegisterExtension
    static final ClusterFixture cluster = new ClusterFixture();

    @Test
    void twoNodesAnswerAndOneSurvivesTheKillOfTheOther() throws Exception {
        Path war = TestWars.export(TestWars.ping("ping"));

        PayaraMicroNode a = cluster.node(node("node-a", war));
        Timings.record("multi-process: node-a ready (HTTP probe)", a.bootTime());
        // node-b also deploys a second WAR from its post-boot command file: the path the RAR will take
        Path late = TestWars.export(TestWars.ping("late"));
        PayaraMicroNode b = cluster.node(node("node-b", war)
                .postBootCommand("deploy --name late --contextroot /late " + late)
                .readiness("/late" + PingServlet.PATH, 200)); // and /ping/ping, as node-a
        Timings.record("multi-process: node-b ready (HTTP probe)", b.bootTime());

        assertAnswers(a);
        assertAnswers(b);
        assertThat(Http.get(b.url("/late" + PingServlet.PATH)).body()).isEqualTo(PingServlet.body(b.pid(), "node-b"));
        assertThat(a.httpPort()).isNotEqualTo(b.httpPort());
        for (PayaraMicroNode node : new PayaraMicroNode[] {a, b}) {
            assertThat(ListeningSockets.of(node.pid())).as("sockets of %s", node)
                    .isNotEmpty()
                    .allSatisfy(socket -> assertThat(socket.isLoopback()).as("%s is loopback", socket).isTrue());
        }

        b.pause();
        assertThat(Http.status(ping(b), Duration.ofMillis(500))).as("a paused node does not answer").isEmpty();
        b.resume();
        assertAnswers(b);

        long killed = a.pid();
        long start = System.nanoTime();
        a.kill9();
        Timings.record("multi-process: kill -9 until the PID is gone", Duration.ofNanos(System.nanoTime() - start));

        assertThat(a.isGone()).isTrue();
        assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive)).as("PID %d", killed).isEmpty();
        assertThat(Http.status(ping(a), Duration.ofSeconds(2))).as("the killed node's port").isEmpty();
        assertAnswers(b);

        start = System.nanoTime();
        b.stop();
        Timings.record("multi-process: graceful stop (SIGTERM) of node-b", Duration.ofNanos(System.nanoTime() - start));
        assertThat(b.isGone()).isTrue();
    }

    private static PayaraMicroNode.Builder node(String name, Path war) {
        return ItProcesses.node(name).deploy(war).readiness("/ping" + PingServlet.PATH, 200);
    }

    private static URI ping(PayaraMicroNode node) {
        return node.url("/ping" + PingServlet.PATH);
    }

    private static void assertAnswers(PayaraMicroNode node) throws Exception {
        HttpResponse<String> response = Http.get(ping(node));
        assertThat(response.statusCode()).as("status from %s", node).isEqualTo(200);
        assertThat(response.body()).isEqualTo(PingServlet.body(node.pid(), node.name()));
    }
}
