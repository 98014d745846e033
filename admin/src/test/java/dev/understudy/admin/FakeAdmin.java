package dev.understudy.admin;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationAdmin;
import dev.understudy.api.ReplicationException;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.ReplicationSettings;
import dev.understudy.api.SessionKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link ReplicationAdmin} that validates like the adapter (rar/connector/README.md, "Run-time changes"): refusals
 * are {@link IllegalArgumentException}s naming the setting and the value that stays, and nothing changes then.
 * Counts status calls; {@link #failWith} makes every call throw.
 */
final class FakeAdmin implements ReplicationAdmin {
    ReplicationSettings settings = Statuses.SETTINGS;
    Supplier<NodeStatus> status = Statuses::ready;
    List<String> liveMembers = List.of("b");
    final Map<SessionKey, String> explanations = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    int statusCalls;
    RuntimeException failure;

    FakeAdmin failWith(RuntimeException e) {
        failure = e;
        return this;
    }

    @Override
    public ReplicationSettings settings() {
        fail();
        return settings;
    }

    @Override
    public NodeStatus status() {
        statusCalls++;
        fail();
        return withSettings(status.get()); // the settings in force, as the adapter reports them
    }

    private NodeStatus withSettings(NodeStatus s) {
        return new NodeStatus(s.takenAtMillis(), s.self(), s.started(), s.brokerConnected(), s.leaseValid(),
                s.leaving(), s.ready(), s.readinessReason(), settings, s.members(), s.unprotected(), s.distribution(),
                s.replication(), s.counters());
    }

    @Override
    public ReplicationSettings setMode(ReplicationMode mode) {
        calls.add("setMode " + mode);
        fail();
        if (mode == null) {
            throw new IllegalArgumentException("mode must be one of [SYNC, ASYNC, BATCH], was null; it stays "
                    + settings.mode());
        }
        return settings = new ReplicationSettings(mode, settings.batchSize(), settings.batchDelayMillis(),
                settings.preferredSecondary(), settings.logLevel());
    }

    @Override
    public ReplicationSettings setBatching(int size, long delayMillis) {
        calls.add("setBatching " + size + " " + delayMillis);
        fail();
        String stays = "; batching stays " + settings.batchSize() + " messages / " + settings.batchDelayMillis() + " ms";
        if (size < 1 || size > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must be in [1, 100000], was " + size + stays);
        }
        if (delayMillis < 1 || delayMillis > MAX_BATCH_DELAY_MILLIS) {
            throw new IllegalArgumentException("batchDelayMillis must be in [1, 60000], was " + delayMillis + stays);
        }
        return settings = new ReplicationSettings(settings.mode(), size, delayMillis, settings.preferredSecondary(),
                settings.logLevel());
    }

    @Override
    public ReplicationSettings setPreferredSecondary(String nodeId) {
        calls.add("setPreferredSecondary " + nodeId);
        fail();
        if (nodeId != null && !liveMembers.contains(nodeId)) {
            throw new IllegalArgumentException("preferredSecondary must be a live member of the cluster "
                    + liveMembers + " (or none, for the automatic choice), was " + nodeId + "; it stays "
                    + (settings.preferredSecondary() == null ? "none" : settings.preferredSecondary()));
        }
        return settings = new ReplicationSettings(settings.mode(), settings.batchSize(), settings.batchDelayMillis(),
                nodeId, settings.logLevel());
    }

    @Override
    public ReplicationSettings setLogLevel(String level) {
        calls.add("setLogLevel " + level);
        fail();
        String upper = level == null ? "" : level.strip().toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(upper)) {
            throw new IllegalArgumentException("logLevel must be one of " + LOG_LEVELS + ", was \"" + level
                    + "\"; it stays " + settings.logLevel());
        }
        return settings = new ReplicationSettings(settings.mode(), settings.batchSize(), settings.batchDelayMillis(),
                settings.preferredSecondary(), upper);
    }

    @Override
    public Optional<String> explain(SessionKey key) {
        fail();
        if (!key.id().matches("[A-Za-z0-9_-]{1,128}")) {
            throw new IllegalArgumentException("Invalid session id: expected [A-Za-z0-9_-]{1,128}");
        }
        return Optional.ofNullable(explanations.get(key));
    }

    private void fail() {
        if (failure != null) {
            throw failure;
        }
    }

    static ReplicationException stopped() {
        return new ReplicationException("The Understudy resource adapter is not started");
    }
}
