package dev.understudy.sample.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** An in-memory {@link HttpSession} that counts setAttribute calls and can refuse values as the adapter would. */
final class FakeSession implements HttpSession {
    String id;
    boolean valid = true;
    final Map<String, Object> attributes = new LinkedHashMap<>();
    int setAttributeCalls;
    /** Values the "adapter" refuses with IllegalArgumentException (above its limits). */
    Predicate<Object> refuses = value -> false;

    FakeSession(String id) {
        this.id = id;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public Object getAttribute(String name) {
        checkValid();
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        checkValid();
        if (refuses.test(value)) {
            throw new IllegalArgumentException("Attribute '" + name + "' is above maxAttributeBytes");
        }
        setAttributeCalls++;
        attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        checkValid();
        attributes.remove(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid();
        return Collections.enumeration(attributes.keySet());
    }

    @Override
    public void invalidate() {
        checkValid();
        valid = false;
        attributes.clear();
    }

    @Override
    public boolean isNew() {
        return false;
    }

    @Override
    public long getCreationTime() {
        return 0;
    }

    @Override
    public long getLastAccessedTime() {
        return 0;
    }

    @Override
    public ServletContext getServletContext() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
    }

    @Override
    public int getMaxInactiveInterval() {
        return 1800;
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("invalidated");
        }
    }
}
