package dev.understudy.it.security;

import java.io.Serializable;

/** An application value class; {@link PlantServlet} forges its bytes as a redeploy would leave them. */
public class Profile implements Serializable {
    private static final long serialVersionUID = 1L;
    final String name;

    public Profile(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return "Profile " + name;
    }
}
