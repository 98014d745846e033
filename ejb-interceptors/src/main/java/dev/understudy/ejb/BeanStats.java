package dev.understudy.ejb;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the interceptors of one application did, counted (issue 6 exports these as metrics). One instance per
 * application (this jar lives in the application), registered with the platform MBean server under
 * {@code dev.understudy:type=BeanReplication,app=<app>} when first used, unregistered when the application stops
 * ({@link BeanReplicationExtension}).
 */
public final class BeanStats implements BeanStatsMXBean {
    private static final Logger LOG = Logger.getLogger(BeanStats.class.getName());
    private static volatile BeanStats instance;
    private volatile ObjectName registeredAs;

    final AtomicLong captures = new AtomicLong();
    final AtomicLong fieldsSent = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong unchangedCaptures = new AtomicLong();
    final AtomicLong notSerializable = new AtomicLong();
    final AtomicLong tooLarge = new AtomicLong();
    final AtomicLong replicationFailures = new AtomicLong();
    final AtomicLong rolledBack = new AtomicLong();
    final AtomicLong restores = new AtomicLong();
    final AtomicLong restoreFailures = new AtomicLong();
    final AtomicLong unbound = new AtomicLong();
    final AtomicLong removed = new AtomicLong();
    final AtomicLong refusedHandles = new AtomicLong();

    /** This application's counters. */
    public static BeanStats get() {
        BeanStats s = instance;
        if (s == null) {
            synchronized (BeanStats.class) {
                s = instance;
                if (s == null) {
                    s = new BeanStats();
                    s.register(Environment.applicationName());
                    instance = s;
                }
            }
        }
        return s;
    }

    private void register(String app) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("dev.understudy:type=BeanReplication,app=" + ObjectName.quote(app));
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // a redeployed application replaces its predecessor's counters
            }
            server.registerMBean(this, name);
            registeredAs = name;
        } catch (JMException | SecurityException e) {
            LOG.log(Level.FINE, "BeanStats not registered with JMX", e);
        }
    }

    /** Removes this application's counters from JMX (the application stops); counting starts afresh after. */
    static synchronized void unregister() {
        BeanStats s = instance;
        instance = null;
        if (s != null && s.registeredAs != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(s.registeredAs);
            } catch (JMException | SecurityException e) {
                LOG.log(Level.FINE, "BeanStats not unregistered from JMX", e);
            }
        }
    }

    @Override public long getCaptures() { return captures.get(); }
    @Override public long getFieldsSent() { return fieldsSent.get(); }
    @Override public long getBytesSent() { return bytesSent.get(); }
    @Override public long getUnchangedCaptures() { return unchangedCaptures.get(); }
    @Override public long getNotSerializable() { return notSerializable.get(); }
    @Override public long getTooLarge() { return tooLarge.get(); }
    @Override public long getReplicationFailures() { return replicationFailures.get(); }
    @Override public long getRolledBack() { return rolledBack.get(); }
    @Override public long getRestores() { return restores.get(); }
    @Override public long getRestoreFailures() { return restoreFailures.get(); }
    @Override public long getUnbound() { return unbound.get(); }
    @Override public long getRemoved() { return removed.get(); }
    @Override public long getRefusedHandles() { return refusedHandles.get(); }

    @Override
    public String toString() {
        return "BeanStats[captures=" + captures + ", fieldsSent=" + fieldsSent + ", bytesSent=" + bytesSent
                + ", unchanged=" + unchangedCaptures + ", notSerializable=" + notSerializable + ", tooLarge="
                + tooLarge + ", failures=" + replicationFailures + ", rolledBack=" + rolledBack + ", restores="
                + restores + ", restoreFailures=" + restoreFailures + ", unbound=" + unbound + ", removed=" + removed
                + ", refusedHandles=" + refusedHandles + "]";
    }
}
