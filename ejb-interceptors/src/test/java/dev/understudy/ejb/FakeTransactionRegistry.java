package dev.understudy.ejb;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A TransactionSynchronizationRegistry for one thread and one transaction at a time: {@link #begin()} starts a
 * transaction, {@link #complete(int)} ends it, telling every registered synchronization its outcome.
 */
final class FakeTransactionRegistry implements TransactionSynchronizationRegistry {
    int status = Status.STATUS_NO_TRANSACTION;
    final Map<Object, Object> resources = new HashMap<>();
    final List<Synchronization> synchronizations = new ArrayList<>();
    private int transaction;

    void begin() {
        transaction++;
        status = Status.STATUS_ACTIVE;
        resources.clear();
        synchronizations.clear();
    }

    /** Ends the transaction with {@code finalStatus} (STATUS_COMMITTED, STATUS_ROLLEDBACK). */
    void complete(int finalStatus) {
        List<Synchronization> registered = List.copyOf(synchronizations);
        if (finalStatus == Status.STATUS_COMMITTED) {
            registered.forEach(Synchronization::beforeCompletion);
        }
        status = finalStatus;
        registered.forEach(s -> s.afterCompletion(finalStatus));
        status = Status.STATUS_NO_TRANSACTION;
        resources.clear();
        synchronizations.clear();
    }

    @Override
    public Object getTransactionKey() {
        return status == Status.STATUS_NO_TRANSACTION ? null : transaction;
    }

    @Override
    public void putResource(Object key, Object value) {
        requireTransaction();
        resources.put(key, value);
    }

    @Override
    public Object getResource(Object key) {
        requireTransaction();
        return resources.get(key);
    }

    @Override
    public void registerInterposedSynchronization(Synchronization sync) {
        requireTransaction();
        synchronizations.add(sync);
    }

    @Override
    public int getTransactionStatus() {
        return status;
    }

    @Override
    public void setRollbackOnly() {
        requireTransaction();
        status = Status.STATUS_MARKED_ROLLBACK;
    }

    @Override
    public boolean getRollbackOnly() {
        requireTransaction();
        return status == Status.STATUS_MARKED_ROLLBACK;
    }

    private void requireTransaction() {
        if (status == Status.STATUS_NO_TRANSACTION) {
            throw new IllegalStateException("no transaction");
        }
    }
}
