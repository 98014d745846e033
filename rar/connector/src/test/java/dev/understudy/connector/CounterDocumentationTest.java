package dev.understudy.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.engine.Counter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The counters table of {@code rar/connector/README.md} names every counter operators see, in order, and no other. */
class CounterDocumentationTest {
    private static final String BEGIN = "<!-- counters:begin -->";
    private static final String END = "<!-- counters:end -->";

    @Test
    void theReadmeDocumentsEveryCounterInOrder() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md has the marker " + BEGIN).isNotNegative();
        List<String> documented = readme.substring(begin + BEGIN.length(), end).lines()
                .filter(l -> l.startsWith("| `"))
                .map(l -> l.substring(3, l.indexOf('`', 3)))
                .toList();

        List<String> expected = Stream.concat(Arrays.stream(Counter.values()).map(StatusReport::name),
                Stream.of(AdapterAdmin.CHANGES, AdapterAdmin.REFUSED)).toList();
        assertThat(documented).containsExactlyElementsOf(expected);
    }
}
