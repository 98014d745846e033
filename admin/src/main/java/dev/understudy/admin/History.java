package dev.understudy.admin;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What happened on this node lately, kept by the WAR from the status it reads every second ({@link StatusTicker}),
 * so that a dashboard opened after an incident still shows it: events — a watched counter that grew (takeovers,
 * resyncs, peers declared dead ...: by how much, when), a member that appeared or vanished, readiness or the broker
 * connection that changed, a setting that changed — newest first, the last {@value #MAX_EVENTS}; and samples of the
 * replication lag and ack latency, one per status read, the last {@value #MAX_SAMPLES}. Thread-safe.
 */
@ApplicationScoped
public class History {
    static final int MAX_EVENTS = 100;
    static final int MAX_SAMPLES = 120;

    /** Watched counters: what their growth means, and whether it calls for attention. */
    static final Map<String, String> WATCHED = new LinkedHashMap<>();
    static final Set<String> ALERTS = Set.of("takeovers", "proactive_takeovers", "peers_declared_dead",
            "fenced_rejections", "limit_rejections", "undeliverable_frames", "lease_lapses", "degraded_requests",
            "admin_changes_refused", "sync_timeouts", "corrupt_frames");

    static {
        WATCHED.put("takeovers", "takeover: sessions served elsewhere fetched and claimed here");
        WATCHED.put("proactive_takeovers", "proactive takeover: sessions promoted here, their primary declared dead");
        WATCHED.put("resyncs_sent", "resync: whole states re-sent to secondaries");
        WATCHED.put("resync_requests_sent", "resync: whole states asked of primaries");
        WATCHED.put("digest_mismatches", "version digest mismatches");
        WATCHED.put("secondary_changes", "sessions moved to a new secondary (theirs was lost)");
        WATCHED.put("handoffs", "sessions handed over by a leaving node");
        WATCHED.put("peers_joined", "peers joined");
        WATCHED.put("peers_left", "peers left gracefully");
        WATCHED.put("peers_declared_dead", "peers declared dead");
        WATCHED.put("fenced_rejections", "changes refused: superseded epoch");
        WATCHED.put("limit_rejections", "sessions or attributes refused for their size");
        WATCHED.put("undeliverable_frames", "frames the broker did not accept (resynced)");
        WATCHED.put("sync_timeouts", "calls that waited longer than the sync timeout");
        WATCHED.put("corrupt_frames", "frames that could not be decoded");
        WATCHED.put("lease_lapses", "own membership lease lapsed");
        WATCHED.put("degraded_requests", "requests served unprotected (no broker)");
        WATCHED.put("admin_changes", "run-time changes applied");
        WATCHED.put("admin_changes_refused", "run-time changes refused");
    }

    /** One event: when, what kind (a counter's name, or member, ready, broker, setting), how many, what it means. */
    record Event(long atMillis, String kind, long count, String text, boolean alert) {
    }

    private final Deque<Event> events = new ArrayDeque<>();
    private final Deque<long[]> samples = new ArrayDeque<>();
    private NodeStatus previous;

    /** Compares {@code status} with the previous one and keeps what changed. */
    synchronized void record(NodeStatus status) {
        long at = status.takenAtMillis();
        NodeStatus before = previous;
        previous = status;
        samples.addLast(new long[] {at, status.replication().oldestUnacknowledgedMillis(),
            status.replication().lastAckLatencyMicros()});
        while (samples.size() > MAX_SAMPLES) {
            samples.removeFirst();
        }
        if (before == null || before.started() != status.started()) {
            return; // a baseline, or the adapter restarted: its counters start again
        }
        List<Event> tick = new ArrayList<>();
        WATCHED.forEach((counter, meaning) -> {
            long delta = status.counters().getOrDefault(counter, 0L) - before.counters().getOrDefault(counter, 0L);
            if (delta > 0) {
                tick.add(new Event(at, counter, delta, meaning, ALERTS.contains(counter)));
            }
        });
        Set<String> was = ids(before);
        Set<String> now = ids(status);
        now.stream().filter(id -> !was.contains(id)).forEach(id ->
                tick.add(new Event(at, "member", 1, "member " + id + " is alive", false)));
        was.stream().filter(id -> !now.contains(id)).forEach(id ->
                tick.add(new Event(at, "member", 1, "member " + id + " is gone", true)));
        if (before.brokerConnected() != status.brokerConnected()) {
            tick.add(new Event(at, "broker", 1, status.brokerConnected() ? "broker connection is back"
                    : "broker connection lost", !status.brokerConnected()));
        }
        if (before.ready() != status.ready()) {
            tick.add(new Event(at, "ready", 1, (status.ready() ? "ready: " : "not ready: ") + status.readinessReason(),
                    !status.ready()));
        }
        settingChanges(before.settings(), status.settings()).forEach(text ->
                tick.add(new Event(at, "setting", 1, text, false)));
        for (int i = tick.size() - 1; i >= 0; i--) {
            add(tick.get(i)); // newest tick first, each tick's events in the order above
        }
    }

    /** {@code {"events": [newest first], "samples": [[atMillis, lagMillis, lastAckMicros], ... oldest first]}}. */
    synchronized Map<String, Object> json() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Event e : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("atMillis", e.atMillis());
            m.put("kind", e.kind());
            m.put("count", e.count());
            m.put("text", e.text());
            m.put("alert", e.alert());
            list.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", list);
        body.put("samples", samples.stream().map(s -> List.of(s[0], s[1], s[2])).toList());
        return body;
    }

    private void add(Event event) {
        events.addFirst(event);
        while (events.size() > MAX_EVENTS) {
            events.removeLast();
        }
    }

    private static Set<String> ids(NodeStatus status) {
        Set<String> ids = new TreeSet<>();
        status.members().forEach(m -> ids.add(m.nodeId()));
        return ids;
    }

    static List<String> settingChanges(ReplicationSettings before, ReplicationSettings now) {
        List<String> changes = new ArrayList<>();
        if (before == null || now == null) {
            return changes;
        }
        if (before.mode() != now.mode()) {
            changes.add("mode " + before.mode() + " → " + now.mode());
        }
        if (before.batchSize() != now.batchSize() || before.batchDelayMillis() != now.batchDelayMillis()) {
            changes.add("batching " + before.batchSize() + " / " + before.batchDelayMillis() + " ms → "
                    + now.batchSize() + " / " + now.batchDelayMillis() + " ms");
        }
        if (!Objects.equals(before.preferredSecondary(), now.preferredSecondary())) {
            changes.add("pairing " + orAutomatic(before.preferredSecondary()) + " → "
                    + orAutomatic(now.preferredSecondary()));
        }
        if (!before.logLevel().equals(now.logLevel())) {
            changes.add("log level " + before.logLevel() + " → " + now.logLevel());
        }
        return changes;
    }

    private static String orAutomatic(String node) {
        return node == null ? "automatic" : node;
    }
}
