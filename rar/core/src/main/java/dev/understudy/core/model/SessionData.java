package dev.understudy.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A session's full state as the engine keeps it: metadata plus each attribute as opaque bytes (marshalled by
 * the application's class loader, never by the engine). Immutable; the byte arrays are never handed out for
 * writing by the engine.
 */
public record SessionData(Metadata metadata, Map<String, byte[]> attributes) {
    public SessionData {
        Objects.requireNonNull(metadata, "metadata");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public static SessionData empty(Metadata metadata) {
        return new SessionData(metadata, Map.of());
    }

    /** The total size of the attribute names and values, as counted against the session size limit. */
    public long byteSize() {
        long size = 0;
        for (Map.Entry<String, byte[]> e : attributes.entrySet()) {
            size += e.getKey().length() + e.getValue().length;
        }
        return size;
    }

    /** This state with {@code changes} applied. */
    public SessionData apply(Changes changes) {
        Map<String, byte[]> next = new LinkedHashMap<>(attributes);
        changes.removed().forEach(next::remove);
        next.putAll(changes.set());
        Metadata meta = changes.metadata() != null ? changes.metadata() : metadata;
        return new SessionData(meta, next);
    }

    public SessionData withMetadata(Metadata meta) {
        return new SessionData(meta, attributes);
    }
}
