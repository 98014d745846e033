package dev.understudy.it.app.session;

import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.io.Serializable;

/**
 * A session value that listens to its own binding: records {@code bound name=label} and
 * {@code unbound name=label}. Serializable, and in a package the adapter's allow-list admits
 * ({@code dev.understudy.it.**}, set in the post-boot template), so it is read back on later requests.
 */
public class BoundValue implements HttpSessionBindingListener, Serializable {
    private static final long serialVersionUID = 1L;

    private final String label;

    public BoundValue(String label) {
        this.label = label;
    }

    @Override
    public void valueBound(HttpSessionBindingEvent event) {
        EventLog.record(event.getSession().getId(), "bound " + event.getName() + "=" + label);
    }

    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
        EventLog.record(event.getSession().getId(), "unbound " + event.getName() + "=" + label);
    }

    @Override
    public String toString() {
        return "BoundValue(" + label + ")";
    }
}
