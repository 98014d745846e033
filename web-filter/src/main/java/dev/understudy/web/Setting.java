package dev.understudy.web;

import java.util.function.Function;

/**
 * The filter's parameters, each documented once (here, and in the README table, which a test keeps equal).
 * A value comes from the filter's {@code init-param} of that name, else from the context parameter
 * {@code dev.understudy.web.<name>} (handy because the filter is declared in the jar's web-fragment.xml),
 * else the default.
 */
enum Setting {
    CONNECTION_FACTORY("connectionFactory",
            "`java:app/understudy/ReplicationConnectionFactory`, then `understudy/ReplicationConnectionFactory`",
            "JNDI name of the adapter's connection factory. When set, only this name is looked up."),
    COOKIE_NAME("cookieName", "`USSESSION`",
            "Name of the session cookie; distinct from the container's `JSESSIONID`."),
    COOKIE_PATH("cookiePath", "the session-config cookie path, else the context path (`/` for the root)",
            "Path attribute of the cookie."),
    COOKIE_DOMAIN("cookieDomain", "the session-config cookie domain, else none (host-only)",
            "Domain attribute of the cookie."),
    COOKIE_SECURE("cookieSecure", "`auto` (`true` if session-config says secure)",
            "`true`, `false`, or `auto`: Secure when the request arrived over HTTPS (`request.isSecure()`)."),
    COOKIE_HTTP_ONLY("cookieHttpOnly", "`true`", "HttpOnly attribute of the cookie."),
    COOKIE_SAME_SITE("cookieSameSite", "`Lax`",
            "`Strict`, `Lax`, `None` (needs Secure) or empty for no SameSite attribute."),
    COOKIE_MAX_AGE("cookieMaxAge", "`-1`",
            "Max-Age of the cookie in seconds; `-1`: until the browser closes."),
    EXCLUDE("exclude", "common static resources (css, js, images, fonts, source maps)",
            "Java regex matched against the path within the application (without `;` parameters); a matching"
                    + " request passes through untouched. Empty: nothing excluded."),
    MAX_INACTIVE_INTERVAL("maxInactiveInterval", "web.xml `session-timeout` × 60, else `1800`",
            "Max inactive interval of new sessions, in seconds; `0` or less: never expires."),
    LISTENERS("listeners", "none",
            "Comma-separated class names of session listeners for the replicated sessions (see Listeners)."),
    LISTENER_DISCOVERY("listenerDiscovery", "`auto`",
            "`auto`: also use the session listeners the application declares (`@WebListener`, web.xml);"
                    + " `explicit`: only those named in `listeners`."),
    IMMUTABLE_CLASSES("immutableClasses", "none",
            "Comma-separated class names whose instances never change once built: read values of these"
                    + " classes are not re-serialized at commit."),
    DESERIALIZATION_MAX_DEPTH("deserializationMaxDepth", "`100`",
            "Deepest object graph an attribute value may have when deserialized."),
    DESERIALIZATION_MAX_REFS("deserializationMaxRefs", "`1000000`",
            "Most object references an attribute value may have when deserialized.");

    /** The prefix of the context parameters that stand in for missing filter init-params. */
    static final String CONTEXT_PREFIX = "dev.understudy.web.";

    private final String paramName;
    private final String defaultText;
    private final String description;

    Setting(String paramName, String defaultText, String description) {
        this.paramName = paramName;
        this.defaultText = defaultText;
        this.description = description;
    }

    String paramName() {
        return paramName;
    }

    /** The default, as the README states it. */
    String defaultText() {
        return defaultText;
    }

    String description() {
        return description;
    }

    /**
     * This setting's raw value, trimmed: the filter init-param, else the context parameter, else {@code null}.
     */
    String read(Function<String, String> initParams, Function<String, String> contextParams) {
        String value = initParams.apply(paramName);
        if (value == null) {
            value = contextParams.apply(CONTEXT_PREFIX + paramName);
        }
        return value == null ? null : value.trim();
    }
}
