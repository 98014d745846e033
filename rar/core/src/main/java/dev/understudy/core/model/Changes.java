package dev.understudy.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one request changed in a session: attributes set (with their new bytes), attributes removed, and
 * the new metadata ({@code null}: unchanged). An attribute both set and removed is set.
 */
public record Changes(Map<String, byte[]> set, Set<String> removed, Metadata metadata) {
    public Changes {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        Set<String> rem = new LinkedHashSet<>(removed);
        rem.removeAll(set.keySet());
        removed = Collections.unmodifiableSet(rem);
    }

    public static Changes set(String name, byte[] value) {
        return new Changes(Map.of(name, value), Set.of(), null);
    }

    public boolean isEmpty() {
        return set.isEmpty() && removed.isEmpty() && metadata == null;
    }

    public long byteSize() {
        long size = 0;
        for (Map.Entry<String, byte[]> e : set.entrySet()) {
            size += e.getKey().length() + e.getValue().length;
        }
        return size;
    }
}
