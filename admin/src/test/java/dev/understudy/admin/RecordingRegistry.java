package dev.understudy.admin;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * A {@link MetricRegistry} that records what is registered through the two methods {@link UnderstudyMetrics} uses —
 * {@code gauge(Metadata, Supplier, Tag...)} and {@code counter(Metadata, Tag...)} — keyed like a scrape line,
 * {@code name{tag="value",...}} with tags sorted. Any other method fails the test.
 */
final class RecordingRegistry {
    final Map<String, Supplier<?>> gauges = new LinkedHashMap<>();
    final Map<String, long[]> counters = new LinkedHashMap<>();
    final Map<String, Metadata> metadata = new LinkedHashMap<>();

    MetricRegistry registry() {
        return (MetricRegistry) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MetricRegistry.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("gauge") && args.length == 3 && args[0] instanceof Metadata m
                            && args[1] instanceof Supplier<?> supplier) {
                        String key = key(m.getName(), (Tag[]) args[2]);
                        if (gauges.putIfAbsent(key, supplier) != null) {
                            throw new IllegalArgumentException("registered twice: " + key);
                        }
                        metadata.put(m.getName(), m);
                        return null;
                    }
                    if (method.getName().equals("counter") && args.length == 2 && args[0] instanceof Metadata m) {
                        long[] count = counters.computeIfAbsent(key(m.getName(), (Tag[]) args[1]), k -> new long[1]);
                        metadata.put(m.getName(), m);
                        return counter(count);
                    }
                    throw new UnsupportedOperationException(method.toString());
                });
    }

    /** The gauge's value now. */
    Number gauge(String key) {
        Supplier<?> supplier = gauges.get(key);
        if (supplier == null) {
            throw new AssertionError("no gauge " + key + " among " + gauges.keySet());
        }
        return (Number) supplier.get();
    }

    long counter(String key) {
        long[] count = counters.get(key);
        if (count == null) {
            throw new AssertionError("no counter " + key + " among " + counters.keySet());
        }
        return count[0];
    }

    private static Counter counter(long[] count) {
        return (Counter) Proxy.newProxyInstance(RecordingRegistry.class.getClassLoader(), new Class<?>[] {Counter.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "inc" -> {
                        count[0] += args == null ? 1 : (Long) args[0];
                        yield null;
                    }
                    case "getCount" -> count[0];
                    default -> throw new UnsupportedOperationException(method.toString());
                });
    }

    static String key(String name, Tag... tags) {
        Map<String, String> sorted = new TreeMap<>();
        Arrays.stream(tags).forEach(t -> sorted.put(t.getTagName(), t.getTagValue()));
        StringBuilder key = new StringBuilder(name).append('{');
        sorted.forEach((k, v) -> key.append(key.charAt(key.length() - 1) == '{' ? "" : ",").append(k).append("=\"")
                .append(v).append('"'));
        return key.append('}').toString();
    }
}
