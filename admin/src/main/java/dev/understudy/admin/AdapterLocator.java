package dev.understudy.admin;

import dev.understudy.api.ReplicationAdmin;
import dev.understudy.api.ReplicationConnectionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds this node's {@link ReplicationAdmin}: the adapter's connection factory in JNDI ({@value #APP_NAME}, where
 * an application defines it, then {@value #GLOBAL_NAME}, where the Payara Micro post-boot file binds it), and its
 * {@link ReplicationConnectionFactory#admin()}. Looks up afresh on every call: {@link StatusCache} keeps what it
 * found.
 */
class AdapterLocator {
    /** Where a {@code glassfish-resources.xml} or {@code @ConnectionFactoryDefinition} of the application binds it. */
    static final String APP_NAME = "java:app/understudy/ReplicationConnectionFactory";
    /** Where {@code server-configs/payara-micro/post-boot-commands.asadmin} binds it. */
    static final String GLOBAL_NAME = "understudy/ReplicationConnectionFactory";

    /** A JNDI lookup. */
    @FunctionalInterface
    interface Lookup {
        Object lookup(String name) throws NamingException;
    }

    /**
     * What a lookup found: the admin and the JNDI name it came from, or why there is none ({@code problem}).
     */
    record Located(ReplicationAdmin admin, String name, String problem) {
        static Located missing(String problem) {
            return new Located(null, null, problem);
        }

        boolean found() {
            return admin != null;
        }
    }

    private final Lookup lookup;

    AdapterLocator(Lookup lookup) {
        this.lookup = lookup;
    }

    /** The locator over the container's JNDI. */
    static AdapterLocator jndi() {
        return new AdapterLocator(name -> {
            InitialContext context = new InitialContext();
            try {
                return context.lookup(name);
            } finally {
                context.close();
            }
        });
    }

    Located locate() {
        List<String> misses = new ArrayList<>();
        for (String name : List.of(APP_NAME, GLOBAL_NAME)) {
            Object found;
            try {
                found = lookup.lookup(name);
            } catch (NamingException | RuntimeException e) {
                misses.add(name + ": " + e.getClass().getSimpleName());
                continue;
            }
            if (!(found instanceof ReplicationConnectionFactory factory)) {
                misses.add(name + " holds a " + (found == null ? "null" : found.getClass().getName())
                        + ", not the adapter's dev.understudy.api.ReplicationConnectionFactory"
                        + " (a copy of understudy-api in WEB-INF/lib?)");
                continue;
            }
            Optional<ReplicationAdmin> admin;
            try {
                admin = factory.admin();
            } catch (RuntimeException | LinkageError e) {
                misses.add(name + ": admin() failed: " + e);
                continue;
            }
            if (admin.isPresent()) {
                return new Located(admin.get(), name, null);
            }
            misses.add(name + ": the factory offers no administration");
        }
        return Located.missing("no Understudy resource adapter found (" + String.join("; ", misses) + ")");
    }
}
