package dev.understudy.ejb;

import dev.understudy.api.CurrentSession;
import dev.understudy.api.SessionEntries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory replicated HTTP session as the web filter publishes it: entries by name, every successful
 * {@link #put} and {@link #remove} recorded, and an optional per-entry size limit that refuses a put with
 * {@link IllegalArgumentException} leaving the entries unchanged (as the real one does).
 */
final class FakeSessionEntries implements SessionEntries {
    final Map<String, byte[]> entries = new LinkedHashMap<>();
    final List<String> puts = new ArrayList<>();
    final List<String> removes = new ArrayList<>();
    int maxEntryBytes = Integer.MAX_VALUE;
    boolean valid = true;
    String filter = "";

    /** What {@link CurrentSession#bind} takes: this session, present whether or not creation is asked for. */
    CurrentSession.Source source() {
        return create -> Optional.of(this);
    }

    /** The entries now, copied (to compare with a later state). */
    Map<String, byte[]> snapshot() {
        return new LinkedHashMap<>(entries);
    }

    /** Changes an entry the way another node's request would: not counted as a put of this node. */
    void changeElsewhere(String name, byte[] bytes) {
        entries.put(name, bytes);
    }

    @Override
    public String sessionId() {
        return "s1";
    }

    @Override
    public long creationTime() {
        return 1L;
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public String deserializationFilter() {
        return filter;
    }

    @Override
    public Optional<byte[]> get(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    @Override
    public Map<String, byte[]> getAll(String prefix) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> {
            if (name.startsWith(prefix)) {
                found.put(name, bytes);
            }
        });
        return found;
    }

    @Override
    public void put(String name, byte[] bytes) {
        if (bytes.length > maxEntryBytes) {
            throw new IllegalArgumentException("entry " + name + " has " + bytes.length + " bytes, limit "
                    + maxEntryBytes);
        }
        entries.put(name, bytes);
        puts.add(name);
    }

    @Override
    public void remove(String name) {
        entries.remove(name);
        removes.add(name);
    }
}
