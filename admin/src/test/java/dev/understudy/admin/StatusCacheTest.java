package dev.understudy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One engine call per second at most, whoever reads; a change shows at once; a lost adapter is looked up again. */
class StatusCacheTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger lookups = new AtomicInteger();
    private FakeAdmin admin = new FakeAdmin();
    private final StatusCache cache = new StatusCache(() -> {
        lookups.incrementAndGet();
        return admin == null ? AdapterLocator.Located.missing("nothing bound")
                : new AdapterLocator.Located(admin, AdapterLocator.GLOBAL_NAME, null);
    }, nanos::get);

    @Test
    void readsWithinASecondShareOneSnapshot() {
        StatusCache.Snapshot first = cache.current();
        for (int i = 0; i < 40; i++) {
            assertThat(cache.current()).isSameAs(first);
        }
        advance(Duration.ofMillis(999));
        assertThat(cache.current()).isSameAs(first);

        assertThat(first.available()).isTrue();
        assertThat(admin.statusCalls).isEqualTo(2); // one at the lookup (logged node), one for the snapshot
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aSecondLaterTheAdapterIsAskedAgain() {
        StatusCache.Snapshot first = cache.current();
        int calls = admin.statusCalls;

        advance(Duration.ofSeconds(1));

        assertThat(cache.current()).isNotSameAs(first);
        assertThat(admin.statusCalls).isEqualTo(calls + 1);
        assertThat(lookups).as("the admin found is kept").hasValue(1);
    }

    @Test
    void invalidateMakesTheNextReadFresh() {
        StatusCache.Snapshot first = cache.current();

        cache.invalidate();

        assertThat(cache.current()).isNotSameAs(first);
    }

    @Test
    void noAdapterIsAProblemAndIsLookedUpAgain() {
        admin = null;

        StatusCache.Snapshot snapshot = cache.current();

        assertThat(snapshot.available()).isFalse();
        assertThat(snapshot.problem()).isEqualTo("nothing bound");
        assertThat(cache.admin().found()).isFalse();

        admin = new FakeAdmin();
        advance(Duration.ofSeconds(1));
        assertThat(cache.current().available()).isTrue();
        assertThat(cache.admin().admin()).isSameAs(admin);
    }

    @Test
    void anAdapterThatFailsIsForgottenAndFoundAgain() {
        cache.current();
        admin.failWith(new IllegalStateException("engine gone"));
        advance(Duration.ofSeconds(1));

        StatusCache.Snapshot snapshot = cache.current();

        assertThat(snapshot.available()).isFalse();
        assertThat(snapshot.problem()).contains("does not answer", "engine gone");
        assertThat(cache.known()).isEmpty();
        admin = new FakeAdmin();
        advance(Duration.ofSeconds(1));
        assertThat(cache.current().available()).isTrue();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aStoppedAdapterIsReportedAndLookedUpAgainNextTime() {
        admin.status = Statuses::notStarted;

        StatusCache.Snapshot snapshot = cache.current();

        assertThat(snapshot.available()).isTrue();
        assertThat(snapshot.status().started()).isFalse();
        assertThat(cache.known()).isEmpty();
        advance(Duration.ofSeconds(1));
        cache.current();
        assertThat(lookups).hasValue(2);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
