package dev.understudy.sample.ejb;

import dev.understudy.ejb.Replicated;
import jakarta.ejb.Stateful;
import jakarta.enterprise.context.SessionScoped;

/**
 * The shop's replicated stateful bean: one per user session ({@code @SessionScoped}), its {@code count} replicated
 * by the Understudy interceptor after each call. The interceptor is enabled by this jar's {@code META-INF/beans.xml}
 * (one line); the state travels inside the user's replicated HTTP session and follows it to whichever node serves it
 * next (ejb-interceptors README).
 */
@Stateful
@SessionScoped
@Replicated("bean-counter")
public class BeanCounter {
    private int count;

    /** Adds one and returns the new count. */
    public int increment() {
        return ++count;
    }

    /** The count, unchanged. */
    public int count() {
        return count;
    }
}
