package dev.understudy.web;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Set;

/**
 * Learns, portably, which classes of the application implement a session listener interface: the container
 * passes them to {@code onStartup} because of {@link HandlesTypes} (Servlet 6 §8.2.4; it scans
 * {@code WEB-INF/classes} and {@code WEB-INF/lib} whatever the {@code metadata-complete} setting). The filter
 * keeps those annotated {@code @WebListener} ({@link ListenerDiscovery}). Registered through
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}; it registers nothing with the container.
 */
@HandlesTypes({HttpSessionListener.class, HttpSessionAttributeListener.class, HttpSessionIdListener.class})
public final class ListenerDiscoveryInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.setAttribute(ListenerDiscovery.HANDLES_TYPES_ATTRIBUTE, classes == null ? Set.of() : Set.copyOf(classes));
    }
}
