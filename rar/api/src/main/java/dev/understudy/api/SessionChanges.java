package dev.understudy.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one request changed: attributes set (new bytes), attributes removed, the last-access time, and the
 * maximum inactive interval ({@code null}: unchanged).
 */
public record SessionChanges(Map<String, byte[]> set, Set<String> removed, long lastAccessedTime,
        Integer maxInactiveSeconds) {
    public SessionChanges {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        removed = Collections.unmodifiableSet(new LinkedHashSet<>(removed));
    }

    public boolean changesAttributes() {
        return !set.isEmpty() || !removed.isEmpty() || maxInactiveSeconds != null;
    }
}
