package dev.understudy.sample.web;

import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationConnectionFactory;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Whether this node's replication works: the adapter's connection factory is bound (looked up as the web filter
 * does: {@value #APP_NAME}, then {@value #GLOBAL_NAME}) and gives a connection that names the node. Never touches a
 * session.
 */
final class AdapterProbe {
    /** Where the EAR's {@code glassfish-resources.xml} (or a {@code @ConnectionFactoryDefinition}) binds it. */
    static final String APP_NAME = "java:app/understudy/ReplicationConnectionFactory";
    /** Where the Payara Micro post-boot file binds it. */
    static final String GLOBAL_NAME = "understudy/ReplicationConnectionFactory";

    /** A JNDI lookup. */
    @FunctionalInterface
    interface Lookup {
        Object lookup(String name) throws NamingException;
    }

    /** The outcome: {@code reason} is {@code null} when replication is up. */
    record Health(String node, String reason) {
        boolean up() {
            return reason == null;
        }
    }

    private final Lookup lookup;

    AdapterProbe(Lookup lookup) {
        this.lookup = lookup;
    }

    /** The probe over the container's JNDI. */
    static AdapterProbe jndi() {
        return new AdapterProbe(name -> {
            InitialContext context = new InitialContext();
            try {
                return context.lookup(name);
            } finally {
                context.close();
            }
        });
    }

    Health check() {
        Object found = null;
        String foundAt = null;
        List<String> misses = new ArrayList<>();
        for (String name : List.of(APP_NAME, GLOBAL_NAME)) {
            try {
                found = lookup.lookup(name);
                foundAt = name;
                break;
            } catch (NamingException | RuntimeException e) {
                misses.add(name + " (" + e + ")");
            }
        }
        if (found == null) {
            return new Health(null, "no replication connection factory bound: " + String.join(", ", misses));
        }
        if (!(found instanceof ReplicationConnectionFactory factory)) {
            return new Health(null, foundAt + " is a " + found.getClass().getName()
                    + ", not a dev.understudy.api.ReplicationConnectionFactory of the adapter's class loader"
                    + " (a copy of understudy-api in WEB-INF/lib?)");
        }
        try (ReplicationConnection connection = factory.getConnection()) {
            return new Health(connection.nodeId(), null);
        } catch (RuntimeException | LinkageError e) {
            return new Health(null, "the adapter gives no connection: " + e);
        }
    }
}
