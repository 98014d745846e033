package dev.understudy.ejb;

import dev.understudy.api.CurrentSession;
import dev.understudy.api.SessionEntries;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A session-scoped bean's state, kept as entries {@code bean/<name>/<field>} of the request's replicated HTTP
 * session ({@link CurrentSession}): it travels with the session's own changes in the same commit, and follows
 * the session through failover, id change, invalidation and expiry. A write that breaks a size limit puts back
 * the entries it already replaced, so the replica is never a mix of two captures.
 */
final class SessionEntriesStore implements BeanStore {
    private static final long serialVersionUID = 1L;
    private final String prefix;
    /**
     * What this instance last wrote or restored, to notice changes made elsewhere. Not transient: Payara
     * serializes stateful beans with their interceptors (passivation, and its own checkpoint after every
     * transaction when SFSB availability is on, as on Payara Micro), and an instance read back must not take its
     * own replica for news.
     */
    private HashMap<String, byte[]> lastKnown;

    SessionEntriesStore(String beanName) {
        this.prefix = "bean/" + beanName + "/";
    }

    @Override
    public String describe() {
        return "in the HTTP session";
    }

    @Override
    public boolean followsSession() {
        return true;
    }

    @Override
    public Map<String, byte[]> lastKnown() {
        return lastKnown;
    }

    /** Records what the instance now holds as replicated (after a write or a restore). */
    void known(Map<String, byte[]> state) {
        lastKnown = new HashMap<>(state);
    }

    @Override
    public Map<String, byte[]> stored() {
        Optional<SessionEntries> entries = CurrentSession.entries(false);
        if (entries.isEmpty() || !entries.get().isValid()) {
            return Map.of();
        }
        Map<String, byte[]> byField = new LinkedHashMap<>();
        entries.get().getAll(prefix).forEach((name, bytes) -> byField.put(name.substring(prefix.length()), bytes));
        return byField;
    }

    @Override
    public Optional<Integer> write(Map<String, byte[]> captured) {
        Optional<SessionEntries> found = CurrentSession.entries(true);
        if (found.isEmpty() || !found.get().isValid()) {
            return Optional.empty();
        }
        SessionEntries entries = found.get();
        Map<String, byte[]> before = entries.getAll(prefix);
        Map<String, byte[]> replaced = new HashMap<>();
        int changed = 0;
        try {
            for (Map.Entry<String, byte[]> e : captured.entrySet()) {
                String name = prefix + e.getKey();
                byte[] old = before.get(name);
                if (!Arrays.equals(old, e.getValue())) {
                    replaced.put(name, old);
                    entries.put(name, e.getValue());
                    changed++;
                }
            }
        } catch (IllegalArgumentException tooLarge) {
            replaced.forEach((name, old) -> {
                if (old == null) {
                    entries.remove(name);
                } else {
                    entries.put(name, old);
                }
            });
            throw tooLarge;
        }
        for (String name : before.keySet()) {
            if (!captured.containsKey(name.substring(prefix.length()))) {
                entries.remove(name);
                changed++;
            }
        }
        known(captured);
        return Optional.of(changed);
    }

    @Override
    public void remove() {
        CurrentSession.entries(false).ifPresent(entries -> {
            if (entries.isValid()) {
                entries.getAll(prefix).keySet().forEach(entries::remove);
            }
        });
    }

    @Override
    public String allowList() {
        return CurrentSession.entries(false).map(SessionEntries::deserializationFilter).orElse("");
    }
}
