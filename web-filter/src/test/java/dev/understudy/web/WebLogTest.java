package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
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
class WebLogTest {

    @ParameterizedTest
    @EnumSource(WebLog.class)
    void renders(WebLog message) {
        Object[] args = IntStream.range(0, message.arity()).mapToObj(i -> "arg" + i).toArray();

        String line = message.render(args);

        assertThat(line).startsWith(message.code() + " ").doesNotContain("{", "}", "'");
        for (Object arg : args) {
            assertThat(line).contains(arg.toString());
        }
    }

    @Test
    void codesAreUniqueAndInTheirRange() {
        assertThat(Arrays.stream(WebLog.values()).map(WebLog::code).distinct().count())
                .isEqualTo(WebLog.values().length);
        assertThat(WebLog.values()).allSatisfy(m -> assertThat(m.code()).matches("US-W0\\d\\d"));
    }

    @Test
    void countedMessagesEndWithTheirCount() {
        assertThat(Arrays.stream(WebLog.values()).filter(WebLog::counted).map(WebLog::name))
                .containsExactlyInAnyOrder("W004", "W010", "W011", "W012", "W020", "W021", "W022", "W023", "W024",
                        "W030", "W031", "W040");
        assertThat(WebLog.W030.render("a", "s", "why", 7L)).endsWith("why; 7 so far");
    }

    @Test
    void countedProblemsAreLoggedAtTheirLevelOnlyTheFirstAndEveryThousandthTime() {
        Logger logger = Logger.getLogger("test.web-log");
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
            WebLog.W010.logCounted(logger, n, "USSESSION");
        }

        assertThat(records).hasSize(2000);
        assertThat(records.stream().filter(r -> r.getLevel() == Level.WARNING).map(LogRecord::getMessage))
                .containsExactly(WebLog.W010.render("USSESSION", 1L), WebLog.W010.render("USSESSION", 1000L),
                        WebLog.W010.render("USSESSION", 2000L));
        logger.removeHandler(handler);
    }
}
