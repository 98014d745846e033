package dev.understudy.connector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.understudy.api.CommitReceipt.Protection;
import dev.understudy.api.ReplicationAdmin;
import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.ReplicationSettings;
import dev.understudy.api.SessionChanges;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionState;
import dev.understudy.api.StoredSession;
import dev.understudy.core.engine.LocalCopy;
import dev.understudy.transport.artemis.testing.EmbeddedBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every run-time change, through {@code ReplicationConnectionFactory.admin()} on real adapters over an embedded
 * broker, holds for the very next operation — and a refused one leaves the old setting working.
 */
class RuntimeChangesIT {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private static EmbeddedBroker broker;

    private final List<TestNode> nodes = new CopyOnWriteArrayList<>();
    private String cluster;
    private TestNode a;
    private TestNode b;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.create().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void startNodes() throws Exception {
        cluster = "changes-" + CLUSTERS.incrementAndGet();
        a = node("a");
        b = node("b");
        awaitMembers(a, "b");
        awaitMembers(b, "a");
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(TestNode::close);
    }

    private TestNode node(String id) throws Exception {
        TestNode n = TestNode.start(id, cluster, broker.url());
        nodes.add(n);
        return n;
    }

    private static void awaitMembers(TestNode node, String... peers) {
        await().atMost(WAIT).until(() -> node.adapter.health().healthy()
                && node.adapter.health().liveMembers().containsAll(List.of(peers)));
    }

    private static ReplicationAdmin admin(TestNode node) {
        return node.factory.admin().orElseThrow();
    }

    @Test
    void aModeChangeHoldsForTheNextCommitOfAnOpenHandle() throws Exception {
        try (ReplicationConnection onA = a.connect()) {
            SessionKey key = create(onA);
            assertThat(commit(onA, key, "1")).isEqualTo(Protection.ACKNOWLEDGED);

            ReplicationSettings after = admin(a).setMode(ReplicationMode.ASYNC);

            assertThat(after.mode()).isEqualTo(ReplicationMode.ASYNC);
            assertThat(onA.mode()).isEqualTo(ReplicationMode.ASYNC);
            assertThat(commit(onA, key, "2")).isEqualTo(Protection.QUEUED);
            awaitVersionOnB(key, 3);

            admin(a).setMode(ReplicationMode.SYNC);
            assertThat(commit(onA, key, "3")).isEqualTo(Protection.ACKNOWLEDGED);
            assertThat(versionOnB(key)).isEqualTo(4);
        }
    }

    @Test
    void newBatchBoundsHoldForTheNextCommits() throws Exception {
        admin(a).setMode(ReplicationMode.BATCH);
        admin(a).setBatching(3, 60_000);
        long forcedBefore = counter(a, "batch_flushes_forced");
        try (ReplicationConnection onA = a.connect()) {
            SessionKey key = create(onA);                                // held: 1 (the whole state)
            assertThat(commit(onA, key, "1")).isEqualTo(Protection.QUEUED); // held: 2
            int held = admin(a).status().replication().heldInBatch();
            boolean undisturbed = counter(a, "batch_flushes_forced") == forcedBefore;
            if (undisturbed) { // the 10 s version digest did not release the batch meanwhile
                assertThat(held).isEqualTo(2);
                assertThat(b.peek(key)).as("nothing left before the third update").isEmpty();
            }

            commit(onA, key, "2");                                       // held: 3 → the batch leaves

            awaitVersionOnB(key, 3);
            if (undisturbed) {
                assertThat(counter(a, "batch_flushes_by_count")).isEqualTo(1);
            }
            admin(a).setBatching(1, 60_000);
            commit(onA, key, "3");
            assertThat(admin(a).status().replication().heldInBatch()).isZero();
            awaitVersionOnB(key, 4);
            assertThat(admin(a).status().replication().meanBatchSize()).isPositive();
        }
    }

    @Test
    void aPairingHoldsForTheNextNewSessionAndExplainSaysWhy() throws Exception {
        TestNode c = node("c");
        awaitMembers(a, "b", "c");
        try (ReplicationConnection onA = a.connect()) {
            admin(a).setPreferredSecondary("c");
            SessionKey first = create(onA);
            assertThat(b.peek(first)).isEmpty();
            assertThat(admin(a).explain(first)).hasValueSatisfying(why -> assertThat(why).startsWith("c: admin pairing"));

            ReplicationSettings after = admin(a).setPreferredSecondary("b");

            assertThat(after.preferredSecondary()).isEqualTo("b");
            SessionKey second = create(onA);
            assertThat(onA.explain(second)).hasValueSatisfying(why -> assertThat(why).startsWith("b: admin pairing"));
            assertThat(onA.explain(first)).as("existing sessions keep theirs")
                    .hasValueSatisfying(why -> assertThat(why).startsWith("c:"));
            assertThat(admin(a).status().distribution()).containsEntry("b", 1).containsEntry("c", 1);

            assertThat(admin(a).setPreferredSecondary("").preferredSecondary()).isNull();
            assertThat(admin(a).explain(create(onA))).hasValueSatisfying(why -> assertThat(why)
                    .doesNotContain("admin pairing"));

            c.close();
            await().atMost(WAIT).until(() -> !a.adapter.health().liveMembers().contains("c"));
            assertThatThrownBy(() -> admin(a).setPreferredSecondary("c")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be a live member of the cluster [b]").hasMessageContaining("was c");
        }
    }

    @Test
    void aLogLevelChangeHoldsForTheNextLineOfTheEngine() throws Exception {
        String before = LogLevels.current();
        Logger engineLog = Logger.getLogger("dev.understudy.core.engine");
        List<String> fine = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.FINE) {
                    fine.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        engineLog.addHandler(capture);
        try (ReplicationConnection onA = a.connect()) {
            admin(a).setLogLevel("WARNING");
            create(onA);
            assertThat(fine).isEmpty();

            ReplicationSettings after = admin(a).setLogLevel("fine");

            assertThat(after.logLevel()).isEqualTo("FINE");
            assertThat(engineLog.isLoggable(Level.FINE)).isTrue();
            SessionKey key = create(onA);
            assertThat(fine).anySatisfy(line -> assertThat(line).startsWith("US-E042 Secondary for")
                    .contains(key.id()));
        } finally {
            engineLog.removeHandler(capture);
            LogLevels.set(Level.parse(before));
        }
    }

    @Test
    void aRefusedChangeLeavesTheOldSettingWorking() throws Exception {
        admin(a).setPreferredSecondary("b");
        ReplicationSettings before = admin(a).settings();

        assertThatThrownBy(() -> admin(a).setMode(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mode must be one of [SYNC, ASYNC, BATCH]");
        assertThatThrownBy(() -> admin(a).setBatching(-5, 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize must be in [1, 100000], was -5");
        assertThatThrownBy(() -> admin(a).setPreferredSecondary("nobody")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("preferredSecondary must be a live member of the cluster [b]")
                .hasMessageContaining("it stays b");
        assertThatThrownBy(() -> admin(a).setLogLevel("VERBOSE")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logLevel must be one of");

        assertThat(admin(a).settings()).isEqualTo(before);
        try (ReplicationConnection onA = a.connect()) {
            SessionKey key = create(onA);
            assertThat(commit(onA, key, "1")).as("still SYNC").isEqualTo(Protection.ACKNOWLEDGED);
            assertThat(onA.explain(key)).hasValueSatisfying(why -> assertThat(why).startsWith("b: admin pairing"));
        }
        assertThat(admin(a).status().counters()).containsEntry("admin_changes_refused", 4L)
                .containsEntry("admin_changes", 1L);
    }

    private static SessionKey create(ReplicationConnection c) {
        SessionKey key = SessionKey.web("/shop", c.newSessionId());
        long now = System.currentTimeMillis();
        StoredSession s = c.create(key, new SessionState(now, now, 600, Map.of("counter", "0".getBytes(UTF_8))));
        assertThat(s.route().primary()).isEqualTo(c.nodeId());
        return key;
    }

    private static Protection commit(ReplicationConnection c, SessionKey key, String value) {
        return c.commit(key, new SessionChanges(Map.of("counter", value.getBytes(UTF_8)), Set.of(),
                System.currentTimeMillis(), null)).protection();
    }

    private long versionOnB(SessionKey key) throws Exception {
        return b.peek(key).map(LocalCopy::snapshot).map(s -> s.stamp().version()).orElse(0L);
    }

    private void awaitVersionOnB(SessionKey key, long version) {
        await().atMost(WAIT).until(() -> versionOnB(key) == version);
    }

    private static long counter(TestNode node, String name) {
        return admin(node).status().counters().get(name);
    }
}
