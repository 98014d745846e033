package dev.understudy.it.app.beans;

import dev.understudy.ejb.Replicated;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateful;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * A session-scoped {@code @Stateful} cart, replicated through the interceptor (when the WAR's beans.xml enables
 * it): its items follow the user's replicated HTTP session. {@code greeter} and {@code context} are the
 * container's: left out of the replica and re-injected where the cart is restored. (No {@code @Remove}: CDI forbids
 * calling it on a session-scoped bean; the cart ends with its session.)
 */
@Stateful
@SessionScoped
@Replicated("cart")
public class Cart {
    private final List<String> items = new ArrayList<>();
    private int changes;
    @Inject
    Greeter greeter;
    @Resource
    SessionContext context;

    public List<String> add(String item) {
        items.add(item);
        changes++;
        return List.copyOf(items);
    }

    public List<String> items() {
        return List.copyOf(items);
    }

    public int changes() {
        return changes;
    }

    /** Adds, then rolls the (container-managed) transaction back: the replica must not see it. */
    public List<String> addThenRollback(String item) {
        items.add(item);
        changes++;
        context.setRollbackOnly();
        return List.copyOf(items);
    }

    /** Where the injected greeter lives: proves it was injected on this node. */
    public String greeterNode() {
        return greeter == null ? "null" : greeter.node() + "/" + greeter.instance();
    }
}
