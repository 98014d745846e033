package dev.understudy.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One session's attributes during one request, with explicit dirty tracking (STYLE §8; model: wildfly-clustering
 * {@code FineSessionAttributes}).
 *
 * <ul>
 * <li>Values are deserialized lazily, on first {@code get}: a request pays only for what it reads.</li>
 * <li>{@code set} and {@code remove} mark the attribute dirty. {@code set} marshals at once, so a value that
 *     cannot be replicated is refused there, before anything changes.</li>
 * <li>A value read (or set) that is not {@link Immutability immutable} is re-serialized at commit and its bytes
 *     compared with the stored ones ({@link Arrays#equals}: the stored bytes are in memory anyway, so a
 *     digest would add work and a collision risk, not save any): in-place changes travel without
 *     {@code setAttribute}, unchanged values do not travel. Serialization is deterministic for equal state in
 *     one JVM in practice; where it is not, the cost is an extra transfer, never a missed change.</li>
 * <li>Bytes that cannot be read on this node (class gone or changed by a redeploy, refused by the filter) are
 *     quarantined: hidden from the application, reported, and kept in the store (so a fixed redeploy can read
 *     them) until the application sets or removes that name.</li>
 * <li><b>Entries</b> ({@link SessionEntriesView}: the bean interceptors' state) are slots stored under
 *     {@link #ENTRY_PREFIX} + name: raw bytes, never deserialized here, never seen by the application (not
 *     listed, not readable, so no event ever touches them), under the same size limits, and replicated like
 *     values: only when their bytes differ from the stored ones. Attribute names with that prefix are refused.</li>
 * </ul>
 * Thread-safe: a request's threads may share the session.
 */
final class SessionAttributes {

    /** Where problems are reported (logged with a code and counted by the runtime). */
    interface Problems {
        void quarantined(String name, String reason, Throwable cause);

        void notReplicable(String name, RuntimeException cause);
    }

    /** What changed since the last commit: new bytes by name, and names the store must drop. */
    record Delta(Map<String, byte[]> set, Set<String> removed) {
        Delta {
            set = Collections.unmodifiableMap(set);
            removed = Collections.unmodifiableSet(removed);
        }

        boolean isEmpty() {
            return set.isEmpty() && removed.isEmpty();
        }
    }

    private static final class Slot {
        /** What the adapter holds; {@code null}: nothing yet. */
        byte[] stored;
        /** Part of the session; false: removed (a removal travels if {@code stored != null}). */
        boolean present = true;
        /** Stored bytes unreadable here: hidden from the application. */
        boolean quarantined;
        boolean materialized;
        Object value;
        /** Bytes marshalled by {@code set}: what travels for an immutable value. */
        byte[] setBytes;
        boolean dirty;
    }

    /** What the stored name of an entry starts with: NUL, which no sensible attribute name contains. */
    static final String ENTRY_PREFIX = "\u0000";

    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final AttributeMarshaller marshaller;
    private final Predicate<Object> immutable;
    private final long maxSessionBytes;
    private final Problems problems;

    /**
     * @param stored the attributes as the adapter holds them
     * @param maxSessionBytes names plus values; {@code <= 0}: no limit
     */
    SessionAttributes(Map<String, byte[]> stored, AttributeMarshaller marshaller, Predicate<Object> immutable,
            long maxSessionBytes, Problems problems) {
        this.marshaller = Objects.requireNonNull(marshaller, "marshaller");
        this.immutable = Objects.requireNonNull(immutable, "immutable");
        this.maxSessionBytes = maxSessionBytes;
        this.problems = Objects.requireNonNull(problems, "problems");
        stored.forEach((name, bytes) -> slots.put(name, storedSlot(bytes)));
    }

    private static Slot storedSlot(byte[] bytes) {
        Slot slot = new Slot();
        slot.stored = bytes;
        return slot;
    }

    /** The value, deserialized on first read; {@code null} if absent, quarantined or an entry's name. */
    synchronized Object get(String name) {
        Slot slot = slots.get(name);
        return slot == null || !slot.present || isEntry(name) ? null : materialize(name, slot);
    }

    /**
     * The names the application sees (quarantined ones and entries excluded). Values not read yet are read here,
     * so that a name is never listed whose value {@link #get} would refuse (an application iterating the names
     * and reading each would otherwise meet a {@code null} it never stored).
     */
    synchronized List<String> names() {
        List<String> names = new ArrayList<>(slots.size());
        slots.forEach((name, slot) -> {
            if (slot.present && !isEntry(name)) {
                materialize(name, slot);
                if (!slot.quarantined) {
                    names.add(name);
                }
            }
        });
        return names;
    }

    /**
     * Sets {@code value} ({@code null} removes) and returns the previous value, {@code null} if none:
     * {@link #prepare} then {@link #put}.
     *
     * @throws IllegalArgumentException the value cannot be replicated or is too large; nothing changed
     */
    Object set(String name, Object value) {
        if (value == null) {
            return remove(name);
        }
        return put(name, value, prepare(name, value));
    }

    /**
     * The value's bytes, checked against the attribute and session limits; changes nothing.
     *
     * @throws IllegalArgumentException the value cannot be replicated or is too large, or the name is reserved
     */
    byte[] prepare(String name, Object value) {
        checkAttributeName(Objects.requireNonNull(name, "name"));
        byte[] bytes = marshaller.marshal(name, value);
        synchronized (this) {
            checkSessionSize(name, bytes, "Session attribute '" + name + "'");
        }
        return bytes;
    }

    /** Stores a value {@link #prepare prepared} as {@code bytes}; returns the previous value, {@code null} if none. */
    synchronized Object put(String name, Object value, byte[] bytes) {
        checkAttributeName(Objects.requireNonNull(name, "name"));
        Slot slot = slots.get(name);
        Object previous = null;
        if (slot == null) {
            slot = new Slot();
            slots.put(name, slot);
        } else if (slot.present) {
            previous = materialize(name, slot);
        }
        slot.present = true;
        slot.quarantined = false;
        slot.materialized = true;
        slot.value = Objects.requireNonNull(value, "value");
        slot.setBytes = bytes;
        slot.dirty = true;
        return previous;
    }

    /**
     * Removes the attribute and returns its value, {@code null} if none (or quarantined: then no events).
     *
     * @throws IllegalArgumentException the name is reserved for entries
     */
    synchronized Object remove(String name) {
        checkAttributeName(name);
        Slot slot = slots.get(name);
        if (slot == null || !slot.present) {
            return null;
        }
        Object previous = slot.quarantined ? null : materialize(name, slot);
        drop(name, slot);
        return previous;
    }

    /** Entry {@code name}'s bytes (a copy: the caller cannot change what is tracked), empty if absent. */
    synchronized Optional<byte[]> entry(String name) {
        Slot slot = slots.get(ENTRY_PREFIX + Objects.requireNonNull(name, "name"));
        return slot == null || !slot.present ? Optional.empty() : Optional.of(known(slot).clone());
    }

    /** Every entry whose name starts with {@code prefix}, by name (copies). */
    synchronized Map<String, byte[]> entries(String prefix) {
        String start = ENTRY_PREFIX + Objects.requireNonNull(prefix, "prefix");
        Map<String, byte[]> found = new LinkedHashMap<>();
        slots.forEach((name, slot) -> {
            if (slot.present && name.startsWith(start)) {
                found.put(name.substring(ENTRY_PREFIX.length()), known(slot).clone());
            }
        });
        return found;
    }

    /**
     * Stores entry {@code name} as a copy of {@code bytes}, checked against the attribute and session limits.
     *
     * @throws IllegalArgumentException the bytes break a limit; nothing changed
     */
    synchronized void putEntry(String name, byte[] bytes) {
        String stored = ENTRY_PREFIX + Objects.requireNonNull(name, "name");
        byte[] copy = Objects.requireNonNull(bytes, "bytes").clone();
        String description = "Session entry '" + name + "'";
        marshaller.checkSize(description, copy);
        checkSessionSize(stored, copy, description);
        Slot slot = slots.computeIfAbsent(stored, n -> new Slot());
        slot.present = true;
        slot.setBytes = copy;
        slot.dirty = true;
    }

    /** Removes entry {@code name}; absent is fine. */
    synchronized void removeEntry(String name) {
        String stored = ENTRY_PREFIX + Objects.requireNonNull(name, "name");
        Slot slot = slots.get(stored);
        if (slot != null && slot.present) {
            drop(stored, slot);
        }
    }

    /** Forgets a present slot; one the adapter holds stays, absent, so that its removal travels. */
    private void drop(String name, Slot slot) {
        if (slot.stored == null) {
            slots.remove(name);
        } else {
            slot.present = false;
            slot.quarantined = false;
            slot.materialized = false;
            slot.value = null;
            slot.setBytes = null;
            slot.dirty = false;
        }
    }

    /** Every readable value, deserializing all (activation after a takeover, invalidation, expiry). */
    synchronized Map<String, Object> materializeAll() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : names()) {
            Object value = get(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    /**
     * Computes what changed since the last commit, hands it to {@code send} (which replicates it and may throw),
     * and only once {@code send} returned records it as stored. A failed send leaves everything dirty, so the
     * next commit point tries again.
     */
    synchronized <T> T commit(Function<Delta, T> send) {
        Map<String, byte[]> set = new LinkedHashMap<>();
        Map<String, byte[]> current = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        slots.forEach((name, slot) -> {
            if (!slot.present) {
                if (slot.stored != null) {
                    removed.add(name);
                }
            } else {
                byte[] now = currentBytes(name, slot);
                if (now != null) {
                    current.put(name, now);
                    if (!Arrays.equals(now, slot.stored)) {
                        set.put(name, now);
                    }
                }
            }
        });
        T result = send.apply(new Delta(set, removed));
        current.forEach((name, bytes) -> {
            Slot slot = slots.get(name);
            slot.stored = bytes;
            slot.dirty = false;
            slot.setBytes = null;
        });
        slots.keySet().removeAll(removed);
        return result;
    }

    /**
     * The whole state as bytes, handed to {@code create} (a new session's first replication); recorded as stored
     * once {@code create} returned. Quarantined attributes keep their stored bytes.
     */
    synchronized <T> T snapshot(Function<Map<String, byte[]>, T> create) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        slots.forEach((name, slot) -> {
            if (slot.present) {
                byte[] now = slot.quarantined ? slot.stored : currentBytes(name, slot);
                all.put(name, now != null ? now : slot.stored);
            }
        });
        T result = create.apply(all);
        for (Iterator<Map.Entry<String, Slot>> it = slots.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Slot> entry = it.next();
            Slot slot = entry.getValue();
            if (!slot.present) {
                it.remove();
            } else {
                slot.stored = all.get(entry.getKey());
                slot.dirty = false;
                slot.setBytes = null;
            }
        }
        return result;
    }

    /** The bytes a present slot should have in the store now; {@code null}: nothing to compare (not read). */
    private byte[] currentBytes(String name, Slot slot) {
        if (isEntry(name)) {
            return slot.dirty ? slot.setBytes : null;
        }
        if (slot.quarantined || !slot.materialized) {
            return null;
        }
        if (immutable.test(slot.value)) {
            return slot.dirty ? slot.setBytes : null;
        }
        try {
            return marshaller.marshal(name, slot.value);
        } catch (IllegalArgumentException e) {
            problems.notReplicable(name, e);
            return slot.dirty ? slot.setBytes : null;
        }
    }

    private Object materialize(String name, Slot slot) {
        if (slot.quarantined) {
            return null;
        }
        if (!slot.materialized) {
            try {
                slot.value = marshaller.unmarshal(name, slot.stored);
                slot.materialized = true;
            } catch (AttributeMarshaller.UnreadableValueException e) {
                slot.quarantined = true;
                problems.quarantined(name, e.getMessage(), e.getCause());
                return null;
            }
        }
        return slot.value;
    }

    /** The session's size (names plus bytes, entries included) with {@code bytes} stored under {@code name}. */
    private void checkSessionSize(String name, byte[] bytes, String description) {
        if (maxSessionBytes <= 0) {
            return;
        }
        long total = utf8Length(name) + (long) bytes.length;
        for (Map.Entry<String, Slot> entry : slots.entrySet()) {
            Slot slot = entry.getValue();
            if (slot.present && !entry.getKey().equals(name)) {
                byte[] known = known(slot);
                total += utf8Length(entry.getKey()) + (known == null ? 0 : known.length);
            }
        }
        if (total > maxSessionBytes) {
            throw new IllegalArgumentException(description + " would make the session " + total
                    + " bytes, above the limit of " + maxSessionBytes + " (maxSessionBytes)");
        }
    }

    /** The bytes a slot holds now: set during this request, else stored. */
    private static byte[] known(Slot slot) {
        return slot.setBytes != null ? slot.setBytes : slot.stored;
    }

    private static boolean isEntry(String name) {
        return name != null && name.startsWith(ENTRY_PREFIX);
    }

    private static void checkAttributeName(String name) {
        if (isEntry(name)) {
            throw new IllegalArgumentException("Session attribute names starting with \\u0000 are reserved (Understudy"
                    + " keeps the bean interceptors' session entries under them)");
        }
    }

    private static long utf8Length(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        return ascii ? s.length() : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
