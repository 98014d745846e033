package dev.understudy.it.app.beans;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * An application-scoped bean injected into the replicated beans: after a restoration the bean must hold the
 * new node's instance (re-injected), never a copy from the old node.
 */
@ApplicationScoped
public class Greeter {
    private final String instance = UUID.randomUUID().toString();

    /** The node this Payara runs as ({@code understudy.nodeId}), {@code arquillian} for the Arquillian Micro. */
    public String node() {
        return System.getProperty("understudy.nodeId", "arquillian");
    }

    /** Unique per application start on a node. */
    public String instance() {
        return instance;
    }
}
