package dev.understudy.it.app.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session events the test application's listeners and values heard, per session id, in order. Static: the
 * container and the filter each hold an instance of a declared listener (web-filter README, "Two instances"),
 * and binding listeners are deserialized afresh on every request; a shared log sees them all — so an event
 * fired twice would show twice.
 */
public final class EventLog {
    private static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();

    private EventLog() {
    }

    public static void record(String sessionId, String event) {
        List<String> events = EVENTS.computeIfAbsent(sessionId, id -> new ArrayList<>());
        synchronized (events) {
            events.add(event);
        }
    }

    /** The events of {@code sessionId} so far. */
    public static List<String> of(String sessionId) {
        List<String> events = EVENTS.get(sessionId);
        if (events == null) {
            return List.of();
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
