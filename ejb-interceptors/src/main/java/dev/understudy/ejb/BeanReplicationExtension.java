package dev.understudy.ejb;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Ends what the interceptors keep for the application when it stops (undeploy, redeploy, server stop): the JMX
 * registration of {@link BeanStats}, which would otherwise hold the application's class loader.
 */
public class BeanReplicationExtension implements Extension {
    void stop(@Observes BeforeShutdown event) {
        BeanStats.unregister();
    }
}
