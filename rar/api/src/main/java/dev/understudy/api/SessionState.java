package dev.understudy.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A session's whole state: times in epoch milliseconds, the maximum inactive interval in seconds
 * ({@code <= 0}: never expires) and each attribute as marshalled bytes.
 */
public record SessionState(long creationTime, long lastAccessedTime, int maxInactiveSeconds,
        Map<String, byte[]> attributes) {
    public SessionState {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
