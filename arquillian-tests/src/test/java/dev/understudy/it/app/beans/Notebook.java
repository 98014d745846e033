package dev.understudy.it.app.beans;

import dev.understudy.ejb.Replicated;
import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;

/**
 * A session-scoped bean with a field that cannot be serialized: it must keep working locally and never be half
 * replicated. A CDI bean, not a {@code @Stateful} one: Payara Micro checkpoints stateful beans after every
 * transaction (SFSB availability) and itself discards one whose fields cannot be serialized.
 */
@SessionScoped
@Replicated("notebook")
public class Notebook implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Not Serializable. */
    public static final class Pen {
        private final String colour = "blue";

        @Override
        public String toString() {
            return colour;
        }
    }

    private int pages;
    private Pen pen = new Pen();

    public int write() {
        return ++pages;
    }

    public String pen() {
        return String.valueOf(pen);
    }
}
