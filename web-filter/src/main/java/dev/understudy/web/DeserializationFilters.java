package dev.understudy.web;

import java.io.ObjectInputFilter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Builds (and caches) the {@link ObjectInputFilter} attribute values are read through: the graph limits
 * ({@code maxdepth}, {@code maxrefs}, {@code maxbytes}, {@code maxarray}) followed by the adapter's class-name
 * patterns ({@code ReplicationConnection.deserializationFilter()}, {@link ObjectInputFilter.Config#createFilter}
 * syntax). The adapter's patterns can change at run time, so the cache is keyed by them.
 *
 * <p>Invalid patterns never widen what is accepted: the filter then rejects every class (each attribute read
 * is quarantined) and {@code US-W025} is logged once per pattern.
 *
 * <p>The JVM-wide filter ({@code jdk.serialFilter}) is replaced, not merged, on these streams: Java 17 has no
 * {@code ObjectInputFilter.merge}. The adapter's patterns are the allow-list.
 */
final class DeserializationFilters {

    private static final int MAX_CACHED = 16;
    private static final ObjectInputFilter REJECT_ALL = info -> ObjectInputFilter.Status.REJECTED;

    private final long maxDepth;
    private final long maxRefs;
    private final Logger logger;
    private final Map<String, ObjectInputFilter> cache = new ConcurrentHashMap<>();

    DeserializationFilters(long maxDepth, long maxRefs, Logger logger) {
        this.maxDepth = maxDepth;
        this.maxRefs = maxRefs;
        this.logger = logger;
    }

    /**
     * The filter for the adapter's {@code patterns} ({@code null} or blank: limits only) and values of at most
     * {@code maxBytes} ({@code <= 0}: no byte limit).
     */
    ObjectInputFilter get(String patterns, long maxBytes) {
        String spec = spec(patterns, maxBytes);
        ObjectInputFilter filter = cache.get(spec);
        if (filter == null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            filter = cache.computeIfAbsent(spec, s -> create(s, patterns));
        }
        return filter;
    }

    /** The {@link ObjectInputFilter.Config#createFilter} text: limits first, then the adapter's patterns. */
    String spec(String patterns, long maxBytes) {
        StringBuilder spec = new StringBuilder(64).append("maxdepth=").append(maxDepth).append(";maxrefs=")
                .append(maxRefs);
        if (maxBytes > 0) {
            // an array cannot have more elements than its value has bytes: stops a forged length early
            spec.append(";maxbytes=").append(maxBytes).append(";maxarray=").append(maxBytes);
        }
        if (patterns != null && !patterns.isBlank()) {
            spec.append(';').append(patterns.trim());
        }
        return spec.toString();
    }

    private ObjectInputFilter create(String spec, String patterns) {
        try {
            return ObjectInputFilter.Config.createFilter(spec);
        } catch (IllegalArgumentException e) {
            WebLog.W025.log(logger, patterns, e.getMessage());
            return REJECT_ALL;
        }
    }
}
