package dev.understudy.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST resource under {@code <context root>/api} ({@link AdminResource}); web.xml secures it. */
@ApplicationPath("api")
public class AdminApplication extends Application {
}
