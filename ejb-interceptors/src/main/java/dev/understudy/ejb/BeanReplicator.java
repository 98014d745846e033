package dev.understudy.ejb;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The replication of one bean instance (the interceptor holds one per instance, as the container gives each
 * instance its own interceptor):
 * <ol>
 * <li><b>Before a call</b>: find the store at the first call; a fresh instance whose state exists (failover,
 *     handle call) is restored; a session-scoped instance whose stored state changed elsewhere since it last
 *     wrote (its session was served by another node meanwhile) is restored again — never serve stale.</li>
 * <li><b>After a call</b>: capture and write, at once or after the JTA transaction commits
 *     ({@link Transactions}); on rollback nothing is written and the fields go back to their last replicated
 *     values ({@link OnRollback}); a {@code @Remove} method that completes removes the replica instead.</li>
 * </ol>
 * Problems never fail the call: the bean keeps working locally; each is logged with its code and counted.
 * Serialized with its bean (passivation, Payara's SFSB checkpoints): everything it needs later is serializable.
 */
final class BeanReplicator implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(BeanReplicator.class.getName());

    private final String scope;
    private BeanStore store;
    private boolean removed;
    private transient Object target;
    private transient BeanModel model;
    private transient boolean announced;
    /** The fields at the start of the current transaction, for a bean that has no replicated state yet. */
    private transient Map<String, byte[]> baseline;

    BeanReplicator(String scope) {
        this.scope = scope;
    }

    void before(Object instance) {
        target = instance;
        BeanModel m = model();
        if (removed) {
            return;
        }
        if (store == null) {
            store = chooseStore(m);
        }
        if (store.followsSession()) {
            Map<String, byte[]> stored = store.stored();
            Map<String, byte[]> known = store.lastKnown();
            if (!stored.isEmpty() && (known == null || !sameBytes(stored, known))) {
                restore(m, stored, store.allowList());
                ((SessionEntriesStore) store).known(stored);
            }
        }
        if (m.onRollback == OnRollback.RESTORE && store.lastKnown() == null && baseline == null
                && Transactions.active()) {
            try {
                baseline = BeanState.capture(m, target);
            } catch (BeanState.CaptureFailure e) {
                baseline = null; // reported by the capture after the call
            }
        }
    }

    /** After a call that returned normally. */
    void after(Method method) {
        after(method, null);
    }

    /**
     * After a call; {@code failure} is what it threw, if anything. A {@code @Remove} method removes the replica
     * when it completes, or when it throws without {@code retainIfException} (the container removes the bean).
     */
    void after(Method method, Throwable failure) {
        if (removed || store == null) {
            return;
        }
        BeanModel m = model();
        if (m.isRemove(method) && (failure == null || !m.retainsIfException(method))) {
            remove(m);
            return;
        }
        switch (Transactions.decide(this, this::transactionEnded)) {
            case NOW -> capture();
            case DROP -> rolledBack("MARKED_ROLLBACK");
            case DEFERRED -> { }
        }
    }

    /** The container read this instance back from its passivated form: nothing to reset, its state travelled. */
    void activated() {
        // lastKnown and the store travelled with the instance
    }

    /** The bean session this instance writes to, if it has one of its own (for {@link ReplicatedBeans}). */
    Optional<OwnSessionStore> ownSession() {
        return store instanceof OwnSessionStore own ? Optional.of(own) : Optional.empty();
    }

    private void remove(BeanModel m) {
        removed = true;
        try {
            store.remove();
            BeanStats.get().removed.incrementAndGet();
        } catch (RuntimeException e) {
            BeanLog.B011.logCounted(LOG, e, BeanStats.get().replicationFailures.incrementAndGet(), m.name,
                    "removing its replica failed: " + e);
        }
    }

    private void transactionEnded(int status) {
        if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
            baseline = null;
            capture();
        } else {
            rolledBack(String.valueOf(status));
        }
    }

    private void rolledBack(String status) {
        BeanModel m = model();
        BeanLog.B012.logCounted(LOG, null, BeanStats.get().rolledBack.incrementAndGet(), m.name, status);
        Map<String, byte[]> committed = store.lastKnown() != null ? store.lastKnown() : baseline;
        baseline = null;
        if (m.onRollback == OnRollback.RESTORE && committed != null && target != null) {
            BeanState.restore(m, target, committed, m.beanClass.getClassLoader(), store.allowList(),
                    BeanStats.get());
        }
    }

    private BeanStore chooseStore(BeanModel m) {
        BeanStore chosen;
        if (m.sessionScoped) {
            chosen = new SessionEntriesStore(m.name);
        } else {
            BeanCall call = BeanCall.current();
            if (call != null && call.opened != null && call.claim()) {
                OwnSessionStore own = OwnSessionStore.continuing(scope, m.timeoutSeconds, call.opened,
                        call.allowList);
                restore(m, call.opened.state().attributes(), own.allowList());
                chosen = own;
            } else {
                if (call != null) {
                    call.claim();
                }
                chosen = new OwnSessionStore(scope, m.timeoutSeconds);
            }
        }
        if (!announced) {
            announced = true;
            BeanLog.B001.log(LOG, m.name, chosen.describe(), m.fields.size(),
                    m.fields.stream().map(BeanModel.BeanField::entry).toList(), m.containerFields.size(),
                    m.containerFields);
        }
        return chosen;
    }

    private void capture() {
        BeanModel m = model();
        BeanStats stats = BeanStats.get();
        Map<String, byte[]> captured;
        try {
            captured = BeanState.capture(m, target);
        } catch (BeanState.CaptureFailure e) {
            BeanLog.B010.logCounted(LOG, e.getCause(), stats.notSerializable.incrementAndGet(), m.beanClass.getName(),
                    e.field, e.getMessage());
            return;
        }
        try {
            Optional<Integer> changed = store.write(captured);
            if (changed.isEmpty()) {
                if (store.followsSession()) {
                    BeanLog.B002.logCounted(LOG, null, stats.unbound.incrementAndGet(), m.name);
                }
                return;
            }
            stats.captures.incrementAndGet();
            if (changed.get() == 0) {
                stats.unchangedCaptures.incrementAndGet();
            } else {
                stats.fieldsSent.addAndGet(changed.get());
                stats.bytesSent.addAndGet(captured.values().stream().mapToLong(b -> b.length).sum());
            }
            if (store instanceof OwnSessionStore own) {
                BeanCall call = BeanCall.current();
                if (call != null) {
                    call.served(own);
                }
            }
        } catch (IllegalArgumentException tooLarge) {
            BeanLog.B011.logCounted(LOG, null, stats.tooLarge.incrementAndGet(), m.name, tooLarge.getMessage());
        } catch (RuntimeException e) {
            BeanLog.B011.logCounted(LOG, e, stats.replicationFailures.incrementAndGet(), m.name, e.toString());
        }
    }

    private void restore(BeanModel m, Map<String, byte[]> entries, String allowList) {
        ClassLoader loader = m.beanClass.getClassLoader();
        List<String> failed = BeanState.restore(m, target, entries, loader, allowList, BeanStats.get());
        BeanStats.get().restores.incrementAndGet();
        BeanLog.B020.log(LOG, m.name, entries.size() - failed.size(), entries.keySet());
    }

    private BeanModel model() {
        if (model == null) {
            model = BeanModel.of(target.getClass());
        }
        return model;
    }

    private static boolean sameBytes(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
