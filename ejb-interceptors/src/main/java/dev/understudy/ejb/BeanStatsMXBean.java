package dev.understudy.ejb;

/** The bean interceptors' counters, as JMX shows them ({@code dev.understudy:type=BeanReplication,app=<app>}). */
public interface BeanStatsMXBean {
    long getCaptures();

    long getFieldsSent();

    long getBytesSent();

    long getUnchangedCaptures();

    long getNotSerializable();

    long getTooLarge();

    long getReplicationFailures();

    long getRolledBack();

    long getRestores();

    long getRestoreFailures();

    long getUnbound();

    long getRemoved();

    long getRefusedHandles();
}
