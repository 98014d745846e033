package dev.understudy.web;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EventListener;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The application's session listeners for replicated sessions, and the dispatch of every session event the
 * Servlet specification defines (the container never fires them for these sessions: it does not know them).
 *
 * <p>Order as the specification says: declaration order, except {@code sessionDestroyed}, which runs in reverse.
 * A listener that throws is logged ({@code US-W040}) and counted; the others still run and the request goes on,
 * as containers do.
 */
final class SessionListeners {

    private final List<HttpSessionListener> lifecycle = new ArrayList<>();
    private final List<HttpSessionListener> lifecycleReversed;
    private final List<HttpSessionAttributeListener> attributes = new ArrayList<>();
    private final List<HttpSessionIdListener> ids = new ArrayList<>();
    private final WebStats stats;
    private final Logger logger;

    /** @param listeners instances implementing any of the session listener interfaces, in declaration order */
    SessionListeners(List<? extends EventListener> listeners, WebStats stats, Logger logger) {
        this.stats = stats;
        this.logger = logger;
        for (EventListener listener : listeners) {
            if (listener instanceof HttpSessionListener) {
                lifecycle.add((HttpSessionListener) listener);
            }
            if (listener instanceof HttpSessionAttributeListener) {
                attributes.add((HttpSessionAttributeListener) listener);
            }
            if (listener instanceof HttpSessionIdListener) {
                ids.add((HttpSessionIdListener) listener);
            }
        }
        List<HttpSessionListener> reversed = new ArrayList<>(lifecycle);
        Collections.reverse(reversed);
        lifecycleReversed = List.copyOf(reversed);
    }

    /** How many distinct listener instances are registered. */
    int size() {
        List<Object> all = new ArrayList<>(lifecycle);
        attributes.stream().filter(l -> !all.contains(l)).forEach(all::add);
        ids.stream().filter(l -> !all.contains(l)).forEach(all::add);
        return all.size();
    }

    void created(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        each(lifecycle, session, "sessionCreated", l -> l.sessionCreated(event));
    }

    void destroyed(HttpSession session) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        each(lifecycleReversed, session, "sessionDestroyed", l -> l.sessionDestroyed(event));
    }

    void idChanged(HttpSession session, String oldId) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        each(ids, session, "sessionIdChanged", l -> l.sessionIdChanged(event, oldId));
    }

    /**
     * After {@code setAttribute}: {@code valueUnbound} on a replaced value that is a binding listener (not the
     * same object), then {@code attributeAdded} or {@code attributeReplaced} (whose event carries the old value).
     * {@link #bound} ran before the value was stored.
     */
    void set(HttpSession session, String name, Object value, Object previous) {
        if (previous != null && previous != value && previous instanceof HttpSessionBindingListener) {
            HttpSessionBindingEvent unbound = new HttpSessionBindingEvent(session, name, previous);
            one(previous, session, "valueUnbound", () -> ((HttpSessionBindingListener) previous).valueUnbound(unbound));
        }
        if (attributes.isEmpty()) {
            return;
        }
        if (previous == null) {
            HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, value);
            each(attributes, session, "attributeAdded", l -> l.attributeAdded(event));
        } else {
            HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, previous);
            each(attributes, session, "attributeReplaced", l -> l.attributeReplaced(event));
        }
    }

    /** Before a value is stored: {@code valueBound}, unless it replaces itself. */
    void bound(HttpSession session, String name, Object value, Object current) {
        if (value instanceof HttpSessionBindingListener && value != current) {
            HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, value);
            one(value, session, "valueBound", () -> ((HttpSessionBindingListener) value).valueBound(event));
        }
    }

    /** After a removal: {@code valueUnbound} on the value, then {@code attributeRemoved}. */
    void removed(HttpSession session, String name, Object previous) {
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, previous);
        if (previous instanceof HttpSessionBindingListener) {
            one(previous, session, "valueUnbound", () -> ((HttpSessionBindingListener) previous).valueUnbound(event));
        }
        each(attributes, session, "attributeRemoved", l -> l.attributeRemoved(event));
    }

    /**
     * A session arrived on this node by takeover: {@code sessionDidActivate} on each value that listens.
     * ({@code sessionWillPassivate} has no moment here: the state is already on the secondary, as bytes, before
     * the primary fails.)
     *
     * @return how many values were told
     */
    int activated(HttpSession session, Map<String, Object> values) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        int told = 0;
        for (Object value : values.values()) {
            if (value instanceof HttpSessionActivationListener) {
                told++;
                one(value, session, "sessionDidActivate",
                        () -> ((HttpSessionActivationListener) value).sessionDidActivate(event));
            }
        }
        return told;
    }

    private <L> void each(List<L> listeners, HttpSession session, String what, Consumer<L> call) {
        for (L listener : listeners) {
            one(listener, session, what, () -> call.accept(listener));
        }
    }

    private void one(Object listener, HttpSession session, String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | LinkageError e) {
            WebLog.W040.logCounted(logger, e, stats.listenerFailures.incrementAndGet(),
                    listener.getClass().getName(), what, session.getId());
        }
    }
}
