package dev.understudy.core.engine;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.placement.Candidate;
import dev.understudy.core.placement.Choice;
import dev.understudy.core.placement.SecondaryChooser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The state one engine's parts share: who this node is, its stores, its view of the cluster, and the way
 * out. Everything here belongs to the loop thread.
 */
final class EngineContext {
    static final Logger LOG = Logger.getLogger("dev.understudy.core.engine");

    final NodeInfo self;
    final EngineConfig config;
    final EngineMetrics metrics;
    final Membership members;
    final NodeDirectory directory;
    final SecondaryChooser chooser = new SecondaryChooser();
    final Map<SessionKey, PrimaryRecord> primaries = new HashMap<>();
    final Map<SessionKey, BackupRecord> backups = new HashMap<>();
    final SessionEvents events;
    Outbox outbox;
    Batcher batcher;
    EventLoop loop;
    /** The settings an operator may change; written on the loop thread only, read from any thread. */
    volatile RuntimeSettings settings;
    /** How long the last measured change waited for its acknowledgement (nanoseconds; -1: none yet). */
    long lastAckLatency = -1;

    EngineContext(NodeInfo self, EngineConfig config, EngineMetrics metrics, SessionEvents events) {
        this.self = self;
        this.directory = new NodeDirectory(self);
        this.config = config;
        this.metrics = metrics;
        this.events = events;
        this.members = new Membership(config.failureTimeout().toNanos(), config.heartbeatInterval().toNanos());
        this.settings = RuntimeSettings.of(config);
    }

    NodeId selfId() {
        return self.id();
    }

    Choice chooseSecondary() {
        return chooseSecondary(Set.of());
    }

    /** The secondary choice among live members other than {@code avoid}. */
    Choice chooseSecondary(Set<NodeId> avoid) {
        List<Candidate> candidates = new ArrayList<>(members.candidates());
        candidates.removeIf(c -> avoid.contains(c.node().id()));
        return chooser.choose(self, candidates, settings.preferredSecondary());
    }

    static long now() {
        return System.nanoTime();
    }

    static long wallClock() {
        return System.currentTimeMillis();
    }

    void count(Counter c) {
        metrics.increment(c);
    }
}
