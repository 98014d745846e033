package dev.understudy.admin;

import dev.understudy.api.NodeStatus;
import dev.understudy.api.ReplicationAdmin;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The node's {@link NodeStatus}, asked of the adapter at most once per {@link #MAX_AGE} whoever reads it: health
 * checks, every metric of a scrape and the REST resource share one snapshot, so a scrape of forty lines costs one
 * engine call, not forty. A change through the REST resource {@link #invalidate()}s it, so the next read shows the
 * change. Also keeps the {@link ReplicationAdmin} it found, looking it up again while there is none, after it
 * failed, or while the adapter reports itself stopped (it may have been redeployed). Thread-safe.
 */
@ApplicationScoped
public class StatusCache {
    /** How old a snapshot may be before a read takes a new one. */
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    /** A snapshot: the status, or why there is none ({@code problem}). */
    record Snapshot(NodeStatus status, String problem, long takenNanos) {
        boolean available() {
            return status != null;
        }
    }

    private Supplier<AdapterLocator.Located> locator;
    private LongSupplier nanoTime;
    private AdapterLocator.Located located;
    private Snapshot snapshot;
    private Boolean lastFound;

    /** For CDI: the container's JNDI and clock. */
    public StatusCache() {
        this(AdapterLocator.jndi()::locate, System::nanoTime);
    }

    StatusCache(Supplier<AdapterLocator.Located> locator, LongSupplier nanoTime) {
        this.locator = locator;
        this.nanoTime = nanoTime;
    }

    /** The latest snapshot, taken now if the last one is older than {@link #MAX_AGE}. */
    public synchronized Snapshot current() {
        if (snapshot == null || nanoTime.getAsLong() - snapshot.takenNanos() >= MAX_AGE.toNanos()) {
            snapshot = take();
        }
        return snapshot;
    }

    /** The next {@link #current()} asks the adapter afresh. */
    public synchronized void invalidate() {
        snapshot = null;
    }

    /** The adapter's administration, looked up if needed, or why there is none. */
    public synchronized AdapterLocator.Located admin() {
        if (located == null || !located.found()) {
            located = locate();
        }
        return located;
    }

    /** The adapter's administration if it was found, without looking it up. */
    synchronized Optional<ReplicationAdmin> known() {
        return located == null ? Optional.empty() : Optional.ofNullable(located.admin());
    }

    private Snapshot take() {
        AdapterLocator.Located found = admin();
        long now = nanoTime.getAsLong();
        if (!found.found()) {
            return new Snapshot(null, found.problem(), now);
        }
        try {
            NodeStatus status = found.admin().status();
            if (!status.started()) {
                located = null; // stopped, perhaps redeployed: look it up again next time
            }
            return new Snapshot(status, null, now);
        } catch (RuntimeException | LinkageError e) {
            AdminLog.A003.log(found.name(), e.toString());
            located = null;
            lastFound = null;
            return new Snapshot(null, "the Understudy adapter does not answer: " + e, now);
        }
    }

    private AdapterLocator.Located locate() {
        AdapterLocator.Located found = locator.get();
        if (!Boolean.valueOf(found.found()).equals(lastFound)) {
            lastFound = found.found();
            if (found.found()) {
                AdminLog.A001.log(nodeOf(found.admin()), found.name());
            } else {
                AdminLog.A002.log(found.problem());
            }
        }
        return found;
    }

    private static String nodeOf(ReplicationAdmin admin) {
        try {
            return admin.status().self().nodeId();
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
