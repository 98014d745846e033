package dev.understudy.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code @ConfigProperty} annotations are the one source of each property's name, default and description
 * (STYLE §12): the JavaBean's initial values equal the declared defaults, every property is described, and the
 * table in {@code rar/connector/README.md} is exactly what the annotations say.
 */
class PropertyDocumentationTest {
    private static final String BEGIN = "<!-- properties:begin (generated from the annotations;"
            + " PropertyDocumentationTest keeps it equal) -->";
    private static final String END = "<!-- properties:end -->";

    @Test
    void initialValuesAreTheDeclaredDefaultsAndEveryPropertyIsDescribed() {
        check(new UnderstudyResourceAdapter());
        check(new UnderstudyManagedConnectionFactory());
    }

    private static void check(Object bean) {
        Map<String, String> values = ConfigProperties.values(bean);
        for (ConfigProperties.Described p : ConfigProperties.describe(bean.getClass())) {
            assertThat(values.get(p.name())).as(p.name()).isEqualTo(p.defaultValue());
            assertThat(p.description()).as(p.name()).isNotBlank().doesNotContain("|");
        }
    }

    @Test
    void theResourceAdapterHasEveryPropertyOfTheBrief() {
        assertThat(ConfigProperties.describe(UnderstudyResourceAdapter.class)).extracting(ConfigProperties.Described::name)
                .containsExactly("brokerUrl", "user", "password", "clusterName", "nodeId", "machine", "rack", "zone",
                        "mode", "batchSize", "batchDelayMillis", "syncTimeoutMillis", "heartbeatIntervalMillis",
                        "failureTimeoutMillis", "fetchTimeoutMillis", "preferredSecondary", "routeSecret",
                        "previousRouteSecrets", "previousRouteSecretsUntil", "maxSessionBytes", "maxAttributeBytes", "deserializationAllowList");
        assertThat(ConfigProperties.describe(UnderstudyResourceAdapter.class))
                .filteredOn(ConfigProperties.Described::confidential).extracting(ConfigProperties.Described::name)
                .containsExactly("password", "routeSecret", "previousRouteSecrets");
    }

    @Test
    void theReadmeTableIsTheAnnotations() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md has the marker " + BEGIN).isNotNegative();
        String documented = readme.substring(begin + BEGIN.length(), end).strip();

        assertThat(documented).as("README.md property table; expected:%n%s", table()).isEqualTo(table());
    }

    /** The table, as Markdown: adapter properties, then the connection pool's. */
    static String table() {
        return Stream.of(rows("resource adapter", UnderstudyResourceAdapter.class),
                        rows("connection pool", UnderstudyManagedConnectionFactory.class))
                .flatMap(List::stream)
                .collect(Collectors.joining("\n", "| Property | Set on | Type | Default | Meaning |\n|---|---|---|---|---|\n",
                        ""));
    }

    private static List<String> rows(String where, Class<?> bean) {
        return ConfigProperties.describe(bean).stream()
                .map(p -> "| `" + p.name() + "` | " + where + " | " + p.type().getSimpleName() + " | "
                        + (p.defaultValue().isEmpty() ? "—" : "`" + p.defaultValue() + "`") + " | "
                        + p.description() + (p.confidential() ? " *Confidential.*" : "") + " |")
                .toList();
    }
}
