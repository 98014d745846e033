package dev.understudy.it.support;

import dev.understudy.demo.process.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Paths of the integration tests, from {@code it.properties} (filtered by Maven, so they point under this
 * module's {@code target/}). Fails with a clear message when an artifact is missing, e.g. the RAR before
 * {@code rar/packaging} exists.
 */
public final class ItSettings {
    private static final Properties PROPERTIES = load();

    private ItSettings() {
    }

    /** {@code target/} of this module. */
    public static Path buildDirectory() {
        return path("it.buildDirectory");
    }

    /** {@code target/test-classes}. */
    public static Path testClassesDirectory() {
        return path("it.testClassesDirectory");
    }

    /** The test class path (written by maven-dependency-plugin), for child JVMs such as the broker. */
    public static String testClasspath() {
        Path file = path("it.testClasspathFile");
        try {
            return testClassesDirectory() + java.io.File.pathSeparator + Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the test class path file " + file
                    + " (written by maven-dependency-plugin:build-classpath)", e);
        }
    }

    /** The java.io.tmpdir of test JVMs and their children: {@code target/tmp}. */
    public static Path tmpDirectory() {
        return path("it.tmpdir");
    }

    /** Unique per Maven build (a timestamp): part of cluster names so that two builds never meet. */
    public static String buildId() {
        return PROPERTIES.getProperty("it.buildId");
    }

    /**
     * Where the multi-process tests' children live: a directory per start under
     * {@code target/cluster/<buildId>-<test JVM pid>/}, PID files under {@code target/it-processes/} (so that a later
     * test JVM ends what a killed one left behind), children in the test JVM's session.
     */
    public static Workspace workspace() {
        return new Workspace(buildDirectory().resolve("cluster").resolve(buildId() + "-" + ProcessHandle.current().pid()),
                buildDirectory().resolve("it-processes"), false);
    }

    /** {@code target/payara/payara-micro.jar}. */
    public static Path payaraMicroJar() {
        return existing("payara.microJar", "maven-dependency-plugin copies it in process-test-resources");
    }

    /** {@code target/payara/understudy-rar.rar} (copied by maven-dependency-plugin). */
    public static Path resourceAdapterArchive() {
        return existing("understudy.rar", "maven-dependency-plugin copies it in process-test-resources;"
                + " install rar/packaging first when building this module alone");
    }

    /** {@code target/payara/understudy-web-filter.jar} (copied by maven-dependency-plugin). */
    public static Path webFilterJar() {
        return existing("understudy.webFilterJar",
                "maven-dependency-plugin copies it in process-test-resources;"
                        + " install web-filter first when building this module alone");
    }

    public static Path ejbInterceptorsJar() {
        return existing("understudy.ejbInterceptorsJar",
                "maven-dependency-plugin copies it in process-test-resources;"
                        + " install ejb-interceptors first when building this module alone");
    }

    /** {@code target/payara/sample.war}, the sample shop (ear-sample/shop-web), copied by maven-dependency-plugin. */
    public static Path sampleWar() {
        return existing("understudy.sampleWar", "maven-dependency-plugin copies it in process-test-resources;"
                + " install ear-sample first when building this module alone (mvn install -DskipTests -pl demo -am)");
    }

    /**
     * {@code server-configs/payara-micro/post-boot-commands.asadmin}: the post-boot file shipped to users, which
     * the multi-process tests run unchanged.
     */
    public static Path shippedPostBootCommands() {
        Path file = path("understudy.serverConfigs").resolve("post-boot-commands.asadmin").normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Missing " + file + " (the Payara Micro command files of server-configs)");
        }
        return file;
    }

    /** The Arquillian post-boot template (filtered test resource), rendered with the broker port before a boot. */
    public static Path arquillianPostBootTemplate() {
        return existing("it.arquillian.postBootTemplate", "src/test/resources/payara/post-boot-commands.txt");
    }

    private static Path existing(String key, String hint) {
        Path file = path(key);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Missing " + file + " (" + key + "): " + hint);
        }
        return file;
    }

    /** The filtered path {@code key} of {@code it.properties}; throws if it is missing or was not filtered. */
    public static Path path(String key) {
        String value = PROPERTIES.getProperty(key);
        if (value == null || value.contains("${")) {
            throw new IllegalStateException("it.properties has no filtered value for " + key + ": " + value);
        }
        return Path.of(value);
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ItSettings.class.getResourceAsStream("/it.properties")) {
            if (in == null) {
                throw new IllegalStateException("it.properties is not on the test class path");
            }
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
