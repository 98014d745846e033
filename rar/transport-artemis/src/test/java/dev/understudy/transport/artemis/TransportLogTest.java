package dev.understudy.transport.artemis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every coded message renders: its code first, every placeholder filled, nothing left to MessageFormat. */
class TransportLogTest {

    @ParameterizedTest
    @EnumSource(TransportLog.class)
    void renders(TransportLog message) {
        Object[] args = IntStream.range(0, message.arity()).mapToObj(i -> "arg" + i).toArray();

        String line = message.render(args);

        assertThat(line).startsWith(message.code() + " ").doesNotContain("{", "}", "'");
        for (Object arg : args) {
            assertThat(line).contains(arg.toString());
        }
    }

    @Test
    void codesAreUniqueAndInTheirRange() {
        assertThat(Arrays.stream(TransportLog.values()).map(TransportLog::code).distinct().count())
                .isEqualTo(TransportLog.values().length);
        assertThat(TransportLog.values()).allSatisfy(m -> assertThat(m.code()).matches("US-T[1-5]\\d\\d"));
    }

    @Test
    void countedDropsAreLoggedAtTheirLevelOnlyTheFirstAndEveryThousandthTime() {
        Logger logger = Logger.getLogger("test.transport-log");
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);

        for (long n = 1; n <= 2000; n++) {
            TransportLog.T202.logCounted(logger, n, "b", 3, n);
        }

        assertThat(records).hasSize(2000);
        assertThat(records.stream().filter(r -> r.getLevel() == Level.WARNING).map(LogRecord::getMessage))
                .containsExactly(TransportLog.T202.render("b", 3, 1L), TransportLog.T202.render("b", 3, 1000L),
                        TransportLog.T202.render("b", 3, 2000L));
        logger.removeHandler(handler);
    }
}
