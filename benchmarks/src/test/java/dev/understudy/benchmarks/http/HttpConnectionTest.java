package dev.understudy.benchmarks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The benchmark's HTTP client against a scripted server on a real loopback socket. */
class HttpConnectionTest {
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @Test
    void readsChunkedAndSizedBodiesKeepsCookiesAndSendsThemBack() throws Exception {
        List<String> responses = List.of(
                "HTTP/1.1 200 OK\r\nSet-Cookie: USSESSION=abc.node-1.node-2.1.mac; Path=/sample; HttpOnly\r\n"
                        + "Set-Cookie: JSESSIONIDVERSION=2; Path=/\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\n{\"a\":\r\n3;ext=1\r\n12}\r\n0\r\n\r\n",
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n"
                        + "Set-Cookie: JSESSIONIDVERSION=; Max-Age=0\r\n\r\ndown");
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread serving = serve(server, List.of(responses));
            try (HttpConnection client = new HttpConnection(new InetSocketAddress("127.0.0.1", server.getLocalPort()))) {
                HttpConnection.Response first = client.send("POST", "/sample/api/counter");
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.body()).isEqualTo("{\"a\":12}");
                assertThat(client.cookies()).containsEntry("USSESSION", "abc.node-1.node-2.1.mac")
                        .containsEntry("JSESSIONIDVERSION", "2");

                HttpConnection.Response second = client.send("GET", "/sample/api/counter");
                assertThat(second.status()).isEqualTo(503);
                assertThat(second.body()).isEqualTo("down");
                assertThat(client.cookies()).containsOnlyKeys("USSESSION");
            }
            serving.join(5_000);
        }
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).startsWith("POST /sample/api/counter HTTP/1.1").doesNotContain("Cookie:");
        assertThat(requests.get(1)).startsWith("GET /sample/api/counter HTTP/1.1")
                .contains("Cookie: USSESSION=abc.node-1.node-2.1.mac; JSESSIONIDVERSION=2");
    }

    @Test
    void reconnectsWhenTheServerClosedAKeptAliveConnection() throws Exception {
        String ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            // first connection: one answer, then closed; second connection: one answer
            Thread serving = serve(server, List.of(List.of(ok), List.of(ok)));
            try (HttpConnection client = new HttpConnection(new InetSocketAddress("127.0.0.1", server.getLocalPort()))) {
                assertThat(client.send("POST", "/a").body()).isEqualTo("ok");
                assertThat(client.send("POST", "/b").body()).isEqualTo("ok");
            }
            serving.join(5_000);
        }
        assertThat(requests).extracting(r -> r.substring(0, r.indexOf(" HTTP"))).containsExactly("POST /a", "POST /b");
    }

    /** Accepts one connection per entry of {@code connections} and answers its requests with the scripted texts. */
    private Thread serve(ServerSocket server, List<List<String>> connections) {
        Thread thread = new Thread(() -> {
            for (List<String> answers : connections) {
                try (Socket socket = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.ISO_8859_1));
                    OutputStream out = socket.getOutputStream();
                    for (String answer : answers) {
                        List<String> lines = new ArrayList<>();
                        String line;
                        while ((line = in.readLine()) != null && !line.isEmpty()) {
                            lines.add(line);
                        }
                        requests.add(String.join("\n", lines));
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        thread.start();
        return thread;
    }
}
