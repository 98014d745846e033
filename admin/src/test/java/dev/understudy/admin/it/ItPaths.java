package dev.understudy.admin.it;

import dev.understudy.demo.process.Workspace;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Paths of the integration test from {@code admin-it.properties} (filtered by Maven: under this module's target/). */
final class ItPaths {
    private static final Properties PROPERTIES = load();

    private ItPaths() {
    }

    static Path buildDirectory() {
        return path("it.buildDirectory");
    }

    /** The test class path, for the broker's JVM. */
    static String testClasspath() {
        Path file = path("it.testClasspathFile");
        try {
            return path("it.testClassesDirectory") + File.pathSeparator + Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (maven-dependency-plugin:build-classpath)", e);
        }
    }

    /** Unique per Maven build: part of the cluster name. */
    static String buildId() {
        return PROPERTIES.getProperty("it.buildId");
    }

    /** Processes under {@code target/admin-it/<build>-<pid>/}, PID files under {@code target/it-processes/}. */
    static Workspace workspace() {
        return new Workspace(buildDirectory().resolve("admin-it").resolve(buildId() + "-" + ProcessHandle.current().pid()),
                buildDirectory().resolve("it-processes"), false);
    }

    static Path payaraMicroJar() {
        return existing("payara.microJar");
    }

    static Path resourceAdapter() {
        return existing("understudy.rar");
    }

    static Path sampleWar() {
        return existing("understudy.sampleWar");
    }

    static Path adminWar() {
        return existing("understudy.adminWar");
    }

    static Path shippedCommandFile(String name) {
        Path file = path("understudy.serverConfigs").resolve(name).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Missing " + file + " (server-configs/payara-micro)");
        }
        return file;
    }

    private static Path existing(String key) {
        Path file = path(key);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Missing " + file + " (" + key + "): build with"
                    + " mvn -B -ntp install -DskipTests -pl admin -am, then mvn verify -pl admin");
        }
        return file;
    }

    private static Path path(String key) {
        String value = PROPERTIES.getProperty(key);
        if (value == null || value.contains("${")) {
            throw new IllegalStateException("admin-it.properties has no filtered value for " + key + ": " + value);
        }
        return Path.of(value);
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ItPaths.class.getResourceAsStream("/admin-it.properties")) {
            if (in == null) {
                throw new IllegalStateException("admin-it.properties is not on the test class path");
            }
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
