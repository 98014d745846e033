package dev.understudy.it.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The Payara Server test's paths from {@code it.properties} (filtered by Maven): the unpacked server, the EAR and the
 * shipped asadmin files of {@code server-configs/payara-server}. The other paths come from {@code ItSettings}.
 */
final class ServerSettings {
    private static final Properties PROPERTIES = load();

    private ServerSettings() {
    }

    /** {@code target/payara-server/payara6}, unpacked by maven-dependency-plugin in pre-integration-test. */
    static Path payaraServerHome() {
        return path("payara.server.home");
    }

    /** {@code target/payara/shop.ear} (ear-sample/shop-ear), copied by maven-dependency-plugin. */
    static Path shopEar() {
        Path ear = path("understudy.shopEar");
        if (!Files.isRegularFile(ear)) {
            throw new IllegalStateException("Missing " + ear + ": maven-dependency-plugin copies it in"
                    + " process-test-resources; install ear-sample first when building this module alone");
        }
        return ear;
    }

    /** A file of {@code server-configs/payara-server}, shipped to users and run unchanged by the test. */
    static Path shipped(String name) {
        Path file = path("understudy.serverConfigs.payaraServer").resolve(name).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Missing " + file + " (the Payara Server asadmin files of server-configs)");
        }
        return file;
    }

    private static Path path(String key) {
        String value = PROPERTIES.getProperty(key);
        if (value == null || value.contains("${")) {
            throw new IllegalStateException("it.properties has no filtered value for " + key + ": " + value);
        }
        return Path.of(value);
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ServerSettings.class.getResourceAsStream("/it.properties")) {
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
