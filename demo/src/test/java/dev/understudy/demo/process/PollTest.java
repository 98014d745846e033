package dev.understudy.demo.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {
    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger calls = new AtomicInteger();

        Poll.until("third call", Duration.ofSeconds(5), Duration.ofMillis(1), () -> calls.incrementAndGet() == 3);

        assertThat(calls).hasValue(3);
    }

    @Test
    void timesOutNamingWhatItAwaited() {
        assertThatThrownBy(() -> Poll.until("the impossible", Duration.ofMillis(50), Duration.ofMillis(10), () -> false))
                .isInstanceOf(Poll.ConditionTimeoutException.class)
                .hasMessage("the impossible not within 50 ms");
    }

    @Test
    void anExceptionOfTheConditionEndsTheWaitAtOnce() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> Poll.until("x", Duration.ofSeconds(30), Duration.ofMillis(1), () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("exited with 1");
        })).isInstanceOf(IllegalStateException.class).hasMessage("exited with 1");
        assertThat(calls).hasValue(1);
    }
}
