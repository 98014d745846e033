package dev.understudy.ejb;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.logging.Logger;

/**
 * Makes a bean's changes follow its JTA transaction (STYLE §10): inside an active transaction the capture waits
 * for the end of the transaction — one per transaction and bean instance, whatever the number of calls — and
 * runs only after a commit; a rollback drops it (and the bean's {@link OnRollback} applies). Outside a
 * transaction it runs at once.
 */
final class Transactions {
    private static final Logger LOG = Logger.getLogger(Transactions.class.getName());
    private static volatile Optional<TransactionSynchronizationRegistry> registry;

    /** What to do with a capture now. */
    enum Decision { NOW, DEFERRED, DROP }

    private Transactions() {
    }

    /**
     * Decides for the calling thread's transaction; when deferred, {@code atEnd} is told the transaction's
     * final status once, for {@code owner} (one registration per transaction and owner).
     */
    static Decision decide(Object owner, IntConsumer atEnd) {
        int status = status();
        if (status == Status.STATUS_NO_TRANSACTION) {
            return Decision.NOW;
        }
        if (status == Status.STATUS_ROLLING_BACK || status == Status.STATUS_ROLLEDBACK) {
            return Decision.DROP;
        }
        if (status != Status.STATUS_ACTIVE && status != Status.STATUS_MARKED_ROLLBACK) {
            return Decision.NOW;
        }
        TransactionSynchronizationRegistry tsr = registry().orElseThrow();
        if (tsr.getResource(owner) != null) {
            return Decision.DEFERRED;
        }
        try {
            tsr.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing: bean state is read after the outcome is known
                }

                @Override
                public void afterCompletion(int finalStatus) {
                    atEnd.accept(finalStatus);
                }
            });
            tsr.putResource(owner, Boolean.TRUE);
            return Decision.DEFERRED;
        } catch (IllegalStateException e) {
            return status == Status.STATUS_MARKED_ROLLBACK ? Decision.DROP : Decision.NOW;
        }
    }

    /** Whether the calling thread is inside a transaction that may still commit. */
    static boolean active() {
        return status() == Status.STATUS_ACTIVE;
    }

    private static int status() {
        TransactionSynchronizationRegistry tsr = registry().orElse(null);
        if (tsr == null) {
            return Status.STATUS_NO_TRANSACTION;
        }
        try {
            return tsr.getTransactionStatus();
        } catch (RuntimeException e) {
            return Status.STATUS_NO_TRANSACTION;
        }
    }

    /** For tests: the registry to use ({@code null}: look it up again). */
    static void use(TransactionSynchronizationRegistry tsr) {
        registry = tsr == null ? null : Optional.of(tsr);
    }

    private static Optional<TransactionSynchronizationRegistry> registry() {
        Optional<TransactionSynchronizationRegistry> r = registry;
        if (r == null) {
            r = Environment.transactions();
            if (r.isEmpty()) {
                BeanLog.B004.log(LOG, "java:comp/TransactionSynchronizationRegistry not found");
            }
            registry = r;
        }
        return r;
    }
}
