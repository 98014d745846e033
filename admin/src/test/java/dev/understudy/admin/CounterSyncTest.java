package dev.understudy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterSyncTest {
    private final CounterSync sync = new CounterSync();

    @Test
    void firstTotalsAreAllGrowthThenOnlyTheDifference() {
        assertThat(sync.growth(Map.of("a", 5L, "b", 0L))).isEqualTo(Map.of("a", 5L));
        assertThat(sync.growth(Map.of("a", 7L, "b", 0L))).isEqualTo(Map.of("a", 2L));
        assertThat(sync.growth(Map.of("a", 7L, "b", 3L))).isEqualTo(Map.of("b", 3L));
    }

    @Test
    void aTotalThatWentDownRestartedFromZero() {
        sync.growth(Map.of("a", 100L));

        assertThat(sync.growth(Map.of("a", 4L))).isEqualTo(Map.of("a", 4L));
        assertThat(sync.growth(Map.of("a", 6L))).isEqualTo(Map.of("a", 2L));
    }
}
