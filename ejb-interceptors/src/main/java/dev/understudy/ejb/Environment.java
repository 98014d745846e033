package dev.understudy.ejb;

import dev.understudy.api.ReplicationConnectionFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * What the interceptors look up in the container (JNDI): the application's name (the scope of bean sessions),
 * the adapter's connection factory and the {@link TransactionSynchronizationRegistry}. Outside a container
 * (unit tests) every lookup comes back empty.
 */
final class Environment {
    /** Where the connection factory is looked for, in order (the web filter's defaults). */
    static final List<String> FACTORY_NAMES = List.of("java:app/understudy/ReplicationConnectionFactory",
            "understudy/ReplicationConnectionFactory");
    static final String FACTORY_PROPERTY = "dev.understudy.ejb.connectionFactory";

    private Environment() {
    }

    /** The application's name ({@code java:app/AppName}), else {@code "default"}. */
    static String applicationName() {
        return lookup("java:app/AppName", String.class).orElse("default");
    }

    /** The names tried for the connection factory: the system property if set, else the defaults. */
    static List<String> factoryNames() {
        String configured = System.getProperty(FACTORY_PROPERTY);
        return configured == null || configured.isBlank() ? FACTORY_NAMES : List.of(configured.trim());
    }

    static Optional<ReplicationConnectionFactory> connectionFactory() {
        for (String name : factoryNames()) {
            Optional<ReplicationConnectionFactory> found = lookup(name, ReplicationConnectionFactory.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    static Optional<TransactionSynchronizationRegistry> transactions() {
        return lookup("java:comp/TransactionSynchronizationRegistry", TransactionSynchronizationRegistry.class);
    }

    private static <T> Optional<T> lookup(String name, Class<T> type) {
        try {
            Object found = new InitialContext().lookup(name);
            return type.isInstance(found) ? Optional.of(type.cast(found)) : Optional.empty();
        } catch (NamingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
