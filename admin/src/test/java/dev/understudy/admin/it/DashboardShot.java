package dev.understudy.admin.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.demo.process.HeadlessChromium;
import dev.understudy.demo.client.SessionClient;
import dev.understudy.demo.cluster.PayaraMicroNode;
import dev.understudy.demo.process.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A screenshot of node-a's dashboard in headless Chromium while the cluster works: first sessions created on node-b
 * are requested on node-a (takeovers, which node-a's history then lists), then node-a's sessions keep changing in
 * the background while the page loads. The page is opened with the operator's credentials in the URL and a deep
 * link that asks "why this secondary" for one session. Kept as {@code target/dashboard.png}.
 */
final class DashboardShot {
    static final int WIDTH = 1280;
    static final int HEIGHT = 900;

    private DashboardShot() {
    }

    static Path take(HeadlessChromium chromium, PayaraMicroNode a, PayaraMicroNode b, List<SessionClient> sessionsOnA,
            AdminHttp ops) throws Exception {
        for (int i = 0; i < 6; i++) {
            SessionClient moving = new SessionClient();
            moving.post(b.url("/sample/api/counter"));
            moving.post(a.url("/sample/api/counter")); // node-a takes it over
        }
        Poll.until("node-a's history lists the takeovers", Duration.ofSeconds(30), Duration.ofMillis(200),
                () -> ops.get(a.url("/understudy/api/history")).body().contains("\"kind\":\"takeovers\""));
        Path png = ItPaths.buildDirectory().resolve("admin-it").resolve("screenshots").resolve("dashboard.png");
        Files.createDirectories(png.getParent());
        String session = sessionsOnA.get(1).requireCookie().split("\\.")[0];
        String url = "http://" + ops.user() + ":" + ops.password() + "@127.0.0.1:" + a.httpPort()
                + "/understudy/#kind=WEB&scope=/sample&session=" + session;

        AtomicBoolean done = new AtomicBoolean();
        List<Throwable> failures = new ArrayList<>();
        Thread load = new Thread(() -> work(a, sessionsOnA, done, failures), "dashboard-load");
        load.start();
        long start = System.nanoTime();
        try {
            chromium.screenshot(url, png, WIDTH, HEIGHT, 20_000);
        } finally {
            done.set(true);
            load.join(30_000);
        }
        Timings.record("headless Chromium screenshot of the dashboard (" + chromium.binary() + ")", start);
        assertThat(failures).as("background requests").isEmpty();

        assertThat(HeadlessChromium.pngSize(png)).containsExactly(WIDTH, HEIGHT);
        assertThat(Files.size(png)).as("a page with content, not a blank one").isGreaterThan(40_000);
        Path kept = ItPaths.buildDirectory().resolve("dashboard.png");
        Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
        Timings.note("screenshot " + kept + " (" + Files.size(png) + " bytes)");
        return kept;
    }

    /** Until {@code done}: rounds of changes to node-a's sessions. */
    private static void work(PayaraMicroNode a, List<SessionClient> sessionsOnA, AtomicBoolean done,
            List<Throwable> failures) {
        try {
            for (int round = 0; !done.get() && round < 200; round++) {
                for (SessionClient client : sessionsOnA) {
                    client.post(a.url("/sample/api/cart?item=i" + round));
                }
            }
        } catch (Exception | AssertionError e) {
            synchronized (failures) {
                failures.add(e);
            }
        }
    }
}
