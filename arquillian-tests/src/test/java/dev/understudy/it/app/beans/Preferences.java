package dev.understudy.it.app.beans;

import dev.understudy.ejb.Replicated;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain CDI {@code @SessionScoped} bean (no EJB), as JSF applications keep state: replicated the same way. */
@SessionScoped
@Replicated("preferences")
public class Preferences implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> values = new LinkedHashMap<>();
    @Inject
    Greeter greeter;

    public Map<String, String> set(String key, String value) {
        values.put(key, value);
        return Map.copyOf(values);
    }

    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    public boolean greeterInjected() {
        return greeter != null;
    }
}
