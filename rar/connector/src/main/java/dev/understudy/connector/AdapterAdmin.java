package dev.understudy.connector;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationAdmin;
import dev.understudy.api.ReplicationException;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.ReplicationSettings;
import dev.understudy.api.SessionKey;
import dev.understudy.core.engine.ReplicationEngine;
import dev.understudy.core.engine.RuntimeSettings;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.placement.Choice;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * The adapter's {@link ReplicationAdmin}: one per adapter, valid across stops and starts (it reaches the engine
 * of the moment). Validates every change here or in the engine, applies it to the running engine (which makes it
 * hold for everything committed afterwards), and logs it with its old and new value ({@code US-C050}) or the
 * refusal ({@code US-C051}). Thread-safe.
 */
final class AdapterAdmin implements ReplicationAdmin {
    static final String CHANGES = "admin_changes";
    static final String REFUSED = "admin_changes_refused";

    private final UnderstudyResourceAdapter adapter;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Object logLevelLock = new Object();

    AdapterAdmin(UnderstudyResourceAdapter adapter) {
        this.adapter = adapter;
    }

    @Override
    public ReplicationSettings settings() {
        return settings(running());
    }

    private static ReplicationSettings settings(AdapterRuntime rt) {
        RuntimeSettings s = rt.engine().settings();
        return new ReplicationSettings(s.mode(), s.batchSize(), s.batchDelay().toMillis(),
                s.preferredSecondary() == null ? null : s.preferredSecondary().value(), LogLevels.current());
    }

    @Override
    public NodeStatus status() {
        AdapterRuntime rt = adapter.runtimeOrNull();
        if (rt == null) {
            return StatusReport.notStarted(configuredNodeId(), null, adminCounters());
        }
        return StatusReport.of(rt, settings(rt), adminCounters());
    }

    @Override
    public ReplicationSettings setMode(ReplicationMode mode) {
        return change("mode", rt -> {
            if (mode == null) {
                throw new IllegalArgumentException(modeRefusal("null", rt));
            }
            return rt.engine().setMode(mode).mode().name();
        }, String.valueOf(mode));
    }

    /** {@link #setMode(ReplicationMode)} by name, in any case (JMX clients send text). */
    ReplicationSettings setMode(String name) {
        String text = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        return change("mode", rt -> {
            ReplicationMode mode = Arrays.stream(ReplicationMode.values()).filter(m -> m.name().equals(text))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            modeRefusal(name == null ? "null" : '"' + name + '"', rt)));
            return rt.engine().setMode(mode).mode().name();
        }, text);
    }

    private static String modeRefusal(String was, AdapterRuntime rt) {
        return "mode must be one of " + Arrays.toString(ReplicationMode.values()) + ", was " + was + "; it stays "
                + rt.engine().settings().mode();
    }

    @Override
    public ReplicationSettings setBatching(int size, long delayMillis) {
        return change("batching", rt -> {
            RuntimeSettings now = rt.engine().settings();
            String stays = "; batching stays " + batching(now.batchSize(), now.batchDelay().toMillis());
            if (size < 1 || size > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("batchSize must be in [1, " + MAX_BATCH_SIZE + "], was " + size
                        + stays);
            }
            if (delayMillis < 1 || delayMillis > MAX_BATCH_DELAY_MILLIS) {
                throw new IllegalArgumentException("batchDelayMillis must be in [1, " + MAX_BATCH_DELAY_MILLIS
                        + "], was " + delayMillis + stays);
            }
            RuntimeSettings before = rt.engine().setBatching(size, Duration.ofMillis(delayMillis));
            return batching(before.batchSize(), before.batchDelay().toMillis());
        }, batching(size, delayMillis));
    }

    @Override
    public ReplicationSettings setPreferredSecondary(String nodeId) {
        String text = nodeId == null ? "" : nodeId.strip();
        return change("preferredSecondary", rt -> {
            NodeId node = null;
            if (!text.isEmpty()) {
                if (!NodeId.isValid(text)) {
                    throw new IllegalArgumentException("preferredSecondary must be the id ([a-z0-9-]{1,32}) of a live"
                            + " member, or blank for the automatic choice; was \"" + text + "\"; it stays "
                            + StatusReport.nodeOrNone(rt.engine().settings().preferredSecondary()));
                }
                node = NodeId.of(text);
            }
            return StatusReport.nodeOrNone(rt.engine().setPreferredSecondary(node).preferredSecondary());
        }, text.isEmpty() ? "none" : text);
    }

    @Override
    public ReplicationSettings setLogLevel(String level) {
        return change("logLevel", rt -> {
            Level parsed = LogLevels.parse(level);
            synchronized (logLevelLock) {
                String before = LogLevels.current();
                LogLevels.set(parsed);
                return before;
            }
        }, level == null ? "null" : level.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public Optional<String> explain(SessionKey key) {
        AdapterRuntime rt = running();
        try {
            return rt.engine().explain(ApiMapping.key(key)).map(Choice::explain);
        } catch (RuntimeException e) {
            throw ApiMapping.translate(e);
        }
    }

    /**
     * Applies one change: {@code apply} validates it (an {@link IllegalArgumentException} refuses it), makes it and
     * returns the old value; the change is then logged and counted.
     */
    private ReplicationSettings change(String setting, Function<AdapterRuntime, String> apply, String newValue) {
        AdapterRuntime rt = running();
        NodeId node = rt.settings().nodeId();
        String before;
        try {
            before = apply.apply(rt);
        } catch (IllegalArgumentException e) {
            refused.incrementAndGet();
            AdapterLog.C051.log(UnderstudyResourceAdapter.LOG, node, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            throw ApiMapping.translate(e); // the engine stopped or did not answer: ReplicationException
        }
        changes.incrementAndGet();
        AdapterLog.C050.log(UnderstudyResourceAdapter.LOG, node, setting, before, newValue);
        return settings(rt);
    }

    private AdapterRuntime running() {
        AdapterRuntime rt = adapter.runtimeOrNull();
        if (rt == null) {
            throw new ReplicationException("The Understudy resource adapter is not started");
        }
        return rt;
    }

    private Map<String, Long> adminCounters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(CHANGES, changes.get());
        m.put(REFUSED, refused.get());
        return m;
    }

    private String configuredNodeId() {
        String override = System.getProperty(AdapterSettings.SYSTEM_PROPERTY_PREFIX + "nodeId");
        return override != null && !override.isBlank() ? override.strip() : adapter.getNodeId();
    }

    private static String batching(int size, long delayMillis) {
        return size + " messages / " + delayMillis + " ms";
    }
}
