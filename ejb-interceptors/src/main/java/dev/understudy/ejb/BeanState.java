package dev.understudy.ejb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Captures a bean's replicated fields as bytes, one entry per field, and restores them into a fresh instance.
 * A capture is all or nothing: one field that cannot be serialized fails the whole capture (never a partial
 * replica). A restore is field by field: a field whose bytes cannot be read here keeps the fresh instance's
 * value, is reported, and the other fields are restored.
 */
final class BeanState {
    private static final Logger LOG = Logger.getLogger(BeanState.class.getName());

    /** A field that cannot be serialized: which, and why. */
    static final class CaptureFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final String field;

        CaptureFailure(String field, String reason, Throwable cause) {
            super(reason, cause);
            this.field = field;
        }
    }

    private BeanState() {
    }

    /** Every replicated field's bytes, by entry name. Container proxies found in plain fields are skipped. */
    static Map<String, byte[]> capture(BeanModel model, Object target) throws CaptureFailure {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (BeanModel.BeanField f : model.fields) {
            Object value;
            try {
                value = f.field().get(target);
            } catch (IllegalAccessException e) {
                throw new CaptureFailure(f.entry(), e.toString(), e);
            }
            if (BeanModel.isContainerProxy(value)) {
                BeanLog.B013.log(LOG, model.name, f.entry(), value.getClass().getName());
                continue;
            }
            try {
                entries.put(f.entry(), FieldCodec.write(value));
            } catch (FieldCodec.NotSerializable e) {
                throw new CaptureFailure(f.entry(), e.getMessage(), e.getCause());
            }
        }
        return entries;
    }

    /**
     * Sets every field that has an entry; fields without one keep their value.
     *
     * @return the entry names that could not be restored (reported with {@code US-B021})
     */
    static List<String> restore(BeanModel model, Object target, Map<String, byte[]> entries, ClassLoader loader,
            String allowList, BeanStats stats) {
        List<String> failed = new ArrayList<>();
        for (BeanModel.BeanField f : model.fields) {
            byte[] bytes = entries.get(f.entry());
            if (bytes == null) {
                continue;
            }
            try {
                Object value = FieldCodec.read(bytes, loader, allowList);
                f.field().set(target, value);
            } catch (FieldCodec.Unreadable | IllegalAccessException | IllegalArgumentException e) {
                failed.add(f.entry());
                BeanLog.B021.logCounted(LOG, e, stats.restoreFailures.incrementAndGet(), model.name, f.entry(),
                        e.getMessage());
            }
        }
        return failed;
    }
}
