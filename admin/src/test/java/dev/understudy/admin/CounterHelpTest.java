package dev.understudy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HELP text of the counter metrics ({@code counters.properties}) is the meaning column of the adapter's Counters
 * table (rar/connector/README.md, which the connector's own test keeps equal to the engine's code): one cannot go
 * stale without this failing.
 */
class CounterHelpTest {
    private static final Path CONNECTOR_README = Path.of("..", "rar", "connector", "README.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+)` \\| (.*) \\|$", Pattern.MULTILINE);

    @Test
    void helpTextIsTheConnectorReadmeTable() {
        Map<String, String> documented = documentedCounters();
        Properties help = MetricCatalog.counterHelp();

        assertThat(documented).hasSizeGreaterThan(40);
        assertThat(help.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(documented.keySet());
        documented.forEach((name, meaning) -> assertThat(help.getProperty(name)).as(name)
                .isEqualTo(meaning.replace("`", "")));
    }

    @Test
    void derivedCountersSumDocumentedOnes() {
        assertThat(MetricCatalog.DERIVED.values()).allSatisfy(parts ->
                assertThat(documentedCounters().keySet()).containsAll(parts));
    }

    /** Counter name to meaning, in the table's order. */
    static Map<String, String> documentedCounters() {
        String readme;
        try {
            readme = Files.readString(CONNECTOR_README);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CONNECTOR_README.toAbsolutePath(), e);
        }
        String table = readme.substring(readme.indexOf("<!-- counters:begin -->"),
                readme.indexOf("<!-- counters:end -->"));
        Map<String, String> counters = new LinkedHashMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            counters.put(row.group(1), row.group(2));
        }
        return counters;
    }
}
