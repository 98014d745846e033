package dev.understudy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogCodeTest {
    @Test
    void everyCodeIsUniqueAndRendersWithItsArguments() {
        Set<String> codes = new HashSet<>();
        for (LogCode code : LogCode.values()) {
            assertThat(codes.add(code.code())).as("duplicate " + code.code()).isTrue();
            assertThat(code.code()).matches("US-E\\d{3}");
            Object[] args = Arrays.stream(new Object[] {"arg0", "arg1", "arg2", "arg3", "arg4"}).toArray();
            String rendered = code.render(args);
            assertThat(rendered).startsWith(code.code() + " ").doesNotContain("{0}").doesNotContain("{1}");
        }
    }
}
