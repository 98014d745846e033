package dev.understudy.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Attribute values and listeners for the tests. Events land in {@link #EVENTS}; tests clear it first. */
final class TestValues {

    static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

    private TestValues() {
    }

    static final class Holder implements Serializable {
        private static final long serialVersionUID = 1L;
        Object inner;

        Holder(Object inner) {
            this.inner = inner;
        }
    }

    static final class NotSerializable {
    }

    static final class Deep implements Serializable {
        private static final long serialVersionUID = 1L;
        Deep next;

        static Deep chain(int length) {
            Deep head = new Deep();
            Deep at = head;
            for (int i = 1; i < length; i++) {
                at.next = new Deep();
                at = at.next;
            }
            return head;
        }
    }

    /** A value that listens to its own binding; {@code valueBound} records what the session held at that moment. */
    static final class Bound implements Serializable, HttpSessionBindingListener {
        private static final long serialVersionUID = 1L;
        final String label;

        Bound(String label) {
            this.label = label;
        }

        @Override
        public void valueBound(HttpSessionBindingEvent event) {
            Object held = event.getSession().getAttribute(event.getName());
            EVENTS.add("valueBound " + label + " while " + event.getName() + "="
                    + (held instanceof Bound ? ((Bound) held).label : held));
        }

        @Override
        public void valueUnbound(HttpSessionBindingEvent event) {
            EVENTS.add("valueUnbound " + label);
        }
    }

    static final class Activated implements Serializable, HttpSessionActivationListener {
        private static final long serialVersionUID = 1L;

        @Override
        public void sessionDidActivate(HttpSessionEvent se) {
            EVENTS.add("sessionDidActivate " + se.getSession().getId());
        }
    }

    /** Every session event, in order. Also the {@code @WebListener} found by discovery. */
    @WebListener
    public static final class Recorder implements HttpSessionListener, HttpSessionAttributeListener,
            HttpSessionIdListener {
        static volatile CountDownLatch destroyed = new CountDownLatch(1);

        @Override
        public void sessionCreated(HttpSessionEvent se) {
            EVENTS.add("created " + se.getSession().getId());
        }

        @Override
        public void sessionDestroyed(HttpSessionEvent se) {
            EVENTS.add("destroyed " + se.getSession().getId() + " " + Collections.list(se.getSession()
                    .getAttributeNames()));
            destroyed.countDown();
        }

        @Override
        public void attributeAdded(HttpSessionBindingEvent event) {
            EVENTS.add("added " + event.getName() + "=" + label(event.getValue()));
        }

        @Override
        public void attributeRemoved(HttpSessionBindingEvent event) {
            EVENTS.add("removed " + event.getName() + "=" + label(event.getValue()));
        }

        @Override
        public void attributeReplaced(HttpSessionBindingEvent event) {
            EVENTS.add("replaced " + event.getName() + " was " + label(event.getValue()));
        }

        @Override
        public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
            EVENTS.add("idChanged " + oldSessionId + " -> " + event.getSession().getId());
        }

        private static Object label(Object value) {
            return value instanceof Bound ? ((Bound) value).label : value;
        }
    }

    /** A second lifecycle listener: destruction must run in reverse declaration order. */
    public static final class Second implements HttpSessionListener {
        @Override
        public void sessionCreated(HttpSessionEvent se) {
            EVENTS.add("second created");
        }

        @Override
        public void sessionDestroyed(HttpSessionEvent se) {
            EVENTS.add("second destroyed");
        }
    }

    public static final class Failing implements HttpSessionListener {
        @Override
        public void sessionCreated(HttpSessionEvent se) {
            throw new IllegalStateException("listener bug");
        }
    }

    /** Also a context listener: discovery must not pick it up by itself. */
    @WebListener
    public static final class ContextAndSession implements ServletContextListener, HttpSessionListener {
        @Override
        public void contextInitialized(ServletContextEvent sce) {
        }
    }

    /** Annotated, but not a session listener. */
    @WebListener
    public static final class ContextOnly implements ServletContextListener {
    }
}
