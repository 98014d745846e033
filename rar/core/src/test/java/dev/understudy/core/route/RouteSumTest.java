package dev.understudy.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RouteSumTest {
    @Test
    void theSecondaryIsTheSumMinusThePrimaryEvenWhenTheSumOverflows() {
        Random rnd = new Random(66);
        for (int i = 0; i < 10_000; i++) {
            long p = rnd.nextLong() >>> 1;
            long s = rnd.nextLong() >>> 1;
            long sum = RouteSum.encode(p, s);
            assertThat(RouteSum.secondaryOf(sum, p)).isEqualTo(s);
            assertThat(RouteSum.secondaryOf(sum, s)).isEqualTo(p);
        }
        long max = Long.MAX_VALUE;
        assertThat(RouteSum.secondaryOf(RouteSum.encode(max, max), max)).isEqualTo(max);
    }
}
