package dev.understudy.core.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The engine's counters; safe to read from any thread. */
public final class EngineMetrics {
    private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);

    EngineMetrics() {
        for (Counter c : Counter.values()) {
            counters.put(c, new LongAdder());
        }
    }

    void increment(Counter c) {
        counters.get(c).increment();
    }

    void add(Counter c, long n) {
        counters.get(c).add(n);
    }

    public long get(Counter c) {
        return counters.get(c).sum();
    }

    /** Every counter with its value, in declaration order. */
    public Map<Counter, Long> snapshot() {
        Map<Counter, Long> copy = new EnumMap<>(Counter.class);
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        snapshot().forEach((k, v) -> {
            if (v != 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k.name().toLowerCase()).append('=').append(v);
            }
        });
        return sb.toString();
    }
}
