package dev.understudy.it.app.session;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/**
 * Every session listener interface, declared the ordinary way ({@code @WebListener}): the filter discovers it
 * ({@code @HandlesTypes}) and fires the events of replicated sessions itself. Records into {@link EventLog}:
 * {@code created}, {@code destroyed}, {@code added name=value}, {@code replaced name=old},
 * {@code removed name=value}, {@code idChanged old->new} (under the new id and the old one).
 */
@WebListener
public class RecordingListener implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        EventLog.record(event.getSession().getId(), "created");
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        // attributes are still readable while sessionDestroyed runs (Servlet spec): record what it held
        EventLog.record(event.getSession().getId(),
                "destroyed names=" + String.join(",", SessionProbeServlet.names(event.getSession())));
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        EventLog.record(event.getSession().getId(), "added " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        EventLog.record(event.getSession().getId(), "replaced " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent event) {
        EventLog.record(event.getSession().getId(), "removed " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        String change = "idChanged " + oldSessionId + "->" + event.getSession().getId();
        EventLog.record(event.getSession().getId(), change);
        EventLog.record(oldSessionId, change);
    }
}
