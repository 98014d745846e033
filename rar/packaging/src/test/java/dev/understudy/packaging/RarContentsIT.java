package dev.understudy.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built {@code understudy-rar.rar} is what Payara needs (NOTES-PAYARA "Resource adapter packaging"): the
 * connector with its classes, the API, the engine, the transport and the Artemis client with Netty; no Jakarta
 * API jar or class (the server provides them; a second copy breaks class identity), no JGroups, no test code,
 * and no stale {@code ra.xml} (the adapter is described by its annotations).
 */
class RarContentsIT {
    private static Path rar;
    /** Each bundled jar's entries, by jar name. */
    private static final Map<String, List<String>> JARS = new TreeMap<>();
    private static final List<String> TOP = new ArrayList<>();

    @BeforeAll
    static void open() throws IOException {
        rar = Path.of(System.getProperty("understudy.rar", "target/understudy-rar.rar"));
        assertThat(rar).as("the .rar is built before integration-test").isRegularFile();
        try (ZipFile zip = new ZipFile(rar.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                TOP.add(e.getName());
                if (e.getName().endsWith(".jar")) {
                    JARS.put(e.getName(), entries(zip.getInputStream(e)));
                }
            }
        }
    }

    private static List<String> entries(InputStream in) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream jar = new ZipInputStream(in)) {
            for (ZipEntry e = jar.getNextEntry(); e != null; e = jar.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private static List<String> jar(String prefix) {
        return JARS.entrySet().stream().filter(e -> e.getKey().startsWith(prefix + "-")).findFirst()
                .map(Map.Entry::getValue)
                .orElseThrow(() -> new AssertionError("no " + prefix + "-*.jar in " + rar + ": " + JARS.keySet()));
    }

    @Test
    void itBundlesTheConnectorWithItsClassesAndEveryLayerUnderIt() {
        assertThat(jar("understudy-connector")).contains(
                "dev/understudy/connector/UnderstudyResourceAdapter.class",
                "dev/understudy/connector/UnderstudyManagedConnectionFactory.class",
                "dev/understudy/connector/UnderstudyConnectionHandle.class");
        assertThat(jar("understudy-api")).contains("dev/understudy/api/ReplicationConnectionFactory.class");
        assertThat(jar("understudy-core")).contains("dev/understudy/core/engine/ReplicationEngine.class");
        assertThat(jar("understudy-transport-artemis"))
                .contains("dev/understudy/transport/artemis/ArtemisTransport.class");
        assertThat(jar("artemis-core-client")).isNotEmpty();
        assertThat(jar("artemis-commons")).isNotEmpty();
        assertThat(jar("netty-transport")).isNotEmpty();
        assertThat(jar("slf4j-api")).isNotEmpty();
    }

    @Test
    void itHoldsNoJakartaApiNoJGroupsAndNoTestCode() {
        assertThat(JARS.keySet()).noneMatch(n -> n.startsWith("jakarta.") || n.startsWith("javax.")
                || n.startsWith("jgroups-") || n.contains("-tests") || n.startsWith("junit")
                || n.startsWith("artemis-server-") || n.startsWith("artemis-jakarta"));
        JARS.forEach((name, entries) -> assertThat(entries).as(name + " carries Jakarta API classes")
                .noneMatch(e -> e.startsWith("jakarta/") || e.startsWith("javax/resource/")
                        || e.startsWith("javax/jms/")));
        assertThat(jar("understudy-connector")).noneMatch(e -> e.contains("Test") || e.contains("IT.class"));
    }

    @Test
    void theAdapterIsDescribedByItsAnnotationsAlone() {
        assertThat(TOP).doesNotContain("META-INF/ra.xml");
        assertThat(TOP).allMatch(n -> n.startsWith("META-INF/") || n.endsWith(".jar"),
                "only jars and META-INF at the top");
    }

    @Test
    void itStaysSmall() throws IOException {
        assertThat(Files.size(rar)).as("bytes").isBetween(1_000_000L, 12_000_000L);
    }
}
