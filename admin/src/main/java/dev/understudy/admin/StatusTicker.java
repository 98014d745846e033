package dev.understudy.admin;

import dev.understudy.admin.StatusCache.Snapshot;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads the node's status once a second from the WAR's start to its undeployment, whether anyone looks or not: the
 * metrics are registered as soon as the adapter answers and their counters keep up ({@link UnderstudyMetrics}),
 * and the {@link History} keeps what happened. One read per second through the {@link StatusCache}, shared with
 * scrapes, health checks and the REST resource.
 */
@ApplicationScoped
public class StatusTicker {
    static final long PERIOD_MILLIS = 1_000;

    private StatusCache cache;
    private UnderstudyMetrics metrics;
    private History history;

    @Resource
    ManagedScheduledExecutorService scheduler;
    private ScheduledFuture<?> ticks;

    /** For CDI proxies only. */
    protected StatusTicker() {
    }

    @Inject
    public StatusTicker(StatusCache cache, UnderstudyMetrics metrics, History history) {
        this.cache = cache;
        this.metrics = metrics;
        this.history = history;
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        tick();
        try {
            ticks = scheduler.scheduleWithFixedDelay(this::tickQuietly, PERIOD_MILLIS, PERIOD_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            AdminLog.A021.log(e.toString());
        }
    }

    @PreDestroy
    void stop() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }

    void tick() {
        Snapshot snapshot = cache.current();
        metrics.update(snapshot);
        if (snapshot.available()) {
            history.record(snapshot.status());
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            // the next tick tries again; the cache has logged what the adapter did
        }
    }
}
