package dev.understudy.it.support;

import static org.awaitility.Awaitility.await;

import dev.understudy.demo.process.Http;
import dev.understudy.demo.process.Loopback;
import dev.understudy.it.app.AdapterHealthServlet;
import java.net.URI;
import java.net.URL;
import java.time.Duration;

/** Waiting until a deployed test WAR is really usable, not just deployed. */
public final class Readiness {
    private Readiness() {
    }

    /**
     * The deployment's base URI (pinned to 127.0.0.1) once its {@link AdapterHealthServlet} answers 200: the RAR,
     * the connection factory and the filter all work (Micro serves the WAR even when one of them failed).
     */
    public static URI adapterReady(URL deployment) {
        URI base = Loopback.pin(deployment);
        URI probe = base.resolve(AdapterHealthServlet.PATH.substring(1));
        await("adapter and filter ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Http.status(probe, Duration.ofSeconds(5)).orElse(0) == 200);
        return base;
    }
}
