package dev.understudy.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every coded message renders: its code first, every placeholder filled, nothing left to MessageFormat. */
class AdapterLogTest {

    @ParameterizedTest
    @EnumSource(AdapterLog.class)
    void renders(AdapterLog message) {
        Object[] args = IntStream.range(0, message.arity()).mapToObj(i -> "arg" + i).toArray();

        String line = message.render(args);

        assertThat(line).startsWith(message.code() + " ").doesNotContain("{", "}", "'");
        for (Object arg : args) {
            assertThat(line).contains(arg.toString());
        }
    }

    @Test
    void codesAreUniqueAndInTheConnectorRange() {
        assertThat(Arrays.stream(AdapterLog.values()).map(AdapterLog::code).distinct().count())
                .isEqualTo(AdapterLog.values().length);
        assertThat(AdapterLog.values()).allSatisfy(m -> assertThat(m.code()).matches("US-C0\\d\\d"));
    }
}
