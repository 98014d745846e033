package dev.understudy.it.server;

import dev.understudy.it.support.ItSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Payara Server test's paths from {@code it.properties} (filtered by Maven): the unpacked server, the EAR and the
 * shipped asadmin files of {@code server-configs/payara-server}. The other paths come from {@code ItSettings}.
 */
final class ServerSettings {
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
        return ItSettings.path(key);
    }
}
