package dev.understudy.admin;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the adapter's running totals into increments for MicroProfile counters, which only go up by
 * {@code inc(n)}: each call returns how much every total grew since the previous call. A total that went down
 * means the adapter restarted and counts from zero again: all of it is growth. Thread-safe.
 */
final class CounterSync {
    private final Map<String, Long> seen = new HashMap<>();

    synchronized Map<String, Long> growth(Map<String, Long> totals) {
        Map<String, Long> growth = new LinkedHashMap<>();
        totals.forEach((name, total) -> {
            Long before = seen.put(name, total);
            long delta = before == null || total < before ? total : total - before;
            if (delta > 0) {
                growth.put(name, delta);
            }
        });
        return growth;
    }
}
