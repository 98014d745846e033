package dev.understudy.it.app;

import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionEvent;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session value that counts, per JVM, the sessions that arrived on this node by takeover while holding it
 * ({@code sessionDidActivate}, fired by the filter). Needs the test packages in the adapter's
 * {@code deserializationAllowList} (else it is quarantined on the node it arrives at).
 */
public class ActivationProbe implements HttpSessionActivationListener, Serializable {
    private static final long serialVersionUID = 1L;
    private static final AtomicInteger ACTIVATIONS = new AtomicInteger();

    @Override
    public void sessionDidActivate(HttpSessionEvent event) {
        ACTIVATIONS.incrementAndGet();
    }

    static int activations() {
        return ACTIVATIONS.get();
    }

    @Override
    public String toString() {
        return "ActivationProbe";
    }
}
