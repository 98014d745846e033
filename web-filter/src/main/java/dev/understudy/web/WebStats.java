package dev.understudy.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the filter counted for one application (ARCHITECTURE I5: every drop, rejection and fallback is logged
 * with a code and counted). The filter publishes its instance as the servlet context attribute
 * {@value #ATTRIBUTE}; {@link #snapshot()} is what an application exposes (e.g. as a health or metrics
 * endpoint).
 */
public final class WebStats {
    /** The servlet context attribute holding the application's instance. */
    public static final String ATTRIBUTE = "dev.understudy.web.WebStats";

    final AtomicLong badCookies = new AtomicLong();
    final AtomicLong expiredOnOpen = new AtomicLong();
    final AtomicLong cookiesNotWritten = new AtomicLong();
    final AtomicLong moved = new AtomicLong();
    final AtomicLong changesDropped = new AtomicLong();
    final AtomicLong replicationFailures = new AtomicLong();
    final AtomicLong touchFailures = new AtomicLong();
    final AtomicLong expiryEventsRejected = new AtomicLong();
    final AtomicLong quarantined = new AtomicLong();
    final AtomicLong notReplicable = new AtomicLong();
    final AtomicLong listenerFailures = new AtomicLong();
    final AtomicLong sessionsCreated = new AtomicLong();
    final AtomicLong sessionsArrived = new AtomicLong();

    /** Every counter by name, in a stable order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> all = new LinkedHashMap<>();
        all.put("sessionsCreated", sessionsCreated.get());
        all.put("sessionsArrived", sessionsArrived.get());
        all.put("badCookies", badCookies.get());
        all.put("expiredOnOpen", expiredOnOpen.get());
        all.put("cookiesNotWritten", cookiesNotWritten.get());
        all.put("moved", moved.get());
        all.put("changesDropped", changesDropped.get());
        all.put("replicationFailures", replicationFailures.get());
        all.put("touchFailures", touchFailures.get());
        all.put("expiryEventsRejected", expiryEventsRejected.get());
        all.put("quarantined", quarantined.get());
        all.put("notReplicable", notReplicable.get());
        all.put("listenerFailures", listenerFailures.get());
        return all;
    }

    @Override
    public String toString() {
        return "WebStats" + snapshot();
    }
}
