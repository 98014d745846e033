package dev.understudy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every coded message renders: its code first, every placeholder filled, nothing left to MessageFormat. */
class AdminLogTest {

    @ParameterizedTest
    @EnumSource(AdminLog.class)
    void renders(AdminLog message) {
        Object[] args = IntStream.range(0, message.arity()).mapToObj(i -> "arg" + i).toArray();

        String line = message.render(args);

        assertThat(line).startsWith(message.code() + " ").doesNotContain("{", "}", "'");
        for (Object arg : args) {
            assertThat(line).contains(arg.toString());
        }
    }

    @Test
    void codesAreUniqueAndInTheAdminRange() {
        assertThat(Arrays.stream(AdminLog.values()).map(AdminLog::code).distinct().count())
                .isEqualTo(AdminLog.values().length);
        assertThat(AdminLog.values()).allSatisfy(m -> assertThat(m.code()).matches("US-A0\\d\\d"));
    }
}
