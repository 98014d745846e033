package dev.understudy.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The filter's configuration: one validated, immutable object, read once at init (see {@link Setting} for each
 * parameter). An invalid value fails the filter's init, naming the parameter, so a misconfigured application
 * does not deploy.
 *
 * @param factoryNames JNDI names tried in order
 * @param exclude matched against the path within the application; {@code null}: nothing excluded
 * @param maxInactiveSeconds of new sessions; {@code <= 0}: never expire
 * @param listeners session listener class names named explicitly
 * @param discoverListeners also use the session listeners the application declares to the container
 * @param immutableClasses extra class names treated as immutable by dirty tracking
 */
record FilterSettings(List<String> factoryNames, SessionCookie cookie, Pattern exclude, int maxInactiveSeconds,
        List<String> listeners, boolean discoverListeners, Set<String> immutableClasses, long maxDepth,
        long maxRefs) {

    static final List<String> DEFAULT_FACTORY_NAMES = List.of("java:app/understudy/ReplicationConnectionFactory",
            "understudy/ReplicationConnectionFactory");
    static final String DEFAULT_COOKIE_NAME = "USSESSION";
    static final String DEFAULT_EXCLUDE =
            "(?i).*\\.(?:css|js|mjs|map|png|gif|jpe?g|webp|avif|bmp|svg|ico|woff2?|ttf|otf|eot)";
    static final int FALLBACK_MAX_INACTIVE_SECONDS = 1800;
    static final long DEFAULT_MAX_DEPTH = 100;
    static final long DEFAULT_MAX_REFS = 1_000_000;

    /**
     * What the container knows that serves as a default: the context path, the web.xml session timeout (minutes;
     * {@code null} if the container cannot tell) and the session-config cookie settings ({@code null}: unset).
     */
    record ContainerDefaults(String contextPath, Integer sessionTimeoutMinutes, String cookiePath,
            String cookieDomain, boolean cookieSecure, String cookieSameSite) {
    }

    FilterSettings {
        factoryNames = List.copyOf(factoryNames);
        listeners = List.copyOf(listeners);
        immutableClasses = Set.copyOf(immutableClasses);
    }

    /** Reads and validates every setting; throws {@link IllegalArgumentException} naming the bad one. */
    static FilterSettings read(Function<String, String> initParams, Function<String, String> contextParams,
            ContainerDefaults container) {
        Function<Setting, String> raw = setting -> setting.read(initParams, contextParams);

        String factory = raw.apply(Setting.CONNECTION_FACTORY);
        List<String> factoryNames = factory == null || factory.isEmpty() ? DEFAULT_FACTORY_NAMES : List.of(factory);

        SessionCookie cookie;
        try {
            cookie = new SessionCookie(
                    orDefault(raw.apply(Setting.COOKIE_NAME), DEFAULT_COOKIE_NAME),
                    orDefault(raw.apply(Setting.COOKIE_PATH), defaultCookiePath(container)),
                    orDefault(raw.apply(Setting.COOKIE_DOMAIN), emptyToNull(container.cookieDomain())),
                    secure(raw.apply(Setting.COOKIE_SECURE), container.cookieSecure()),
                    bool(Setting.COOKIE_HTTP_ONLY, raw.apply(Setting.COOKIE_HTTP_ONLY), true),
                    raw.apply(Setting.COOKIE_SAME_SITE) != null ? raw.apply(Setting.COOKIE_SAME_SITE)
                            : orDefault(container.cookieSameSite(), "Lax"),
                    (int) number(Setting.COOKIE_MAX_AGE, raw.apply(Setting.COOKIE_MAX_AGE), -1, Integer.MIN_VALUE,
                            Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid session cookie setting: " + e.getMessage(), e);
        }

        String excludeText = raw.apply(Setting.EXCLUDE);
        Pattern exclude;
        try {
            excludeText = excludeText == null ? DEFAULT_EXCLUDE : excludeText;
            exclude = excludeText.isEmpty() ? null : Pattern.compile(excludeText);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(Setting.EXCLUDE.paramName() + ": not a regular expression: "
                    + e.getDescription(), e);
        }

        int defaultMaxInactive = container.sessionTimeoutMinutes() == null ? FALLBACK_MAX_INACTIVE_SECONDS
                : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                        container.sessionTimeoutMinutes() * 60L));
        int maxInactive = (int) number(Setting.MAX_INACTIVE_INTERVAL, raw.apply(Setting.MAX_INACTIVE_INTERVAL),
                defaultMaxInactive, Integer.MIN_VALUE, Integer.MAX_VALUE);

        String discovery = orDefault(raw.apply(Setting.LISTENER_DISCOVERY), "auto").toLowerCase(Locale.ROOT);
        if (!discovery.equals("auto") && !discovery.equals("explicit")) {
            throw new IllegalArgumentException(Setting.LISTENER_DISCOVERY.paramName() + ": " + discovery
                    + " is not auto or explicit");
        }

        return new FilterSettings(factoryNames, cookie, exclude, maxInactive, names(raw.apply(Setting.LISTENERS)),
                discovery.equals("auto"), Set.copyOf(names(raw.apply(Setting.IMMUTABLE_CLASSES))),
                number(Setting.DESERIALIZATION_MAX_DEPTH, raw.apply(Setting.DESERIALIZATION_MAX_DEPTH),
                        DEFAULT_MAX_DEPTH, 1, Long.MAX_VALUE),
                number(Setting.DESERIALIZATION_MAX_REFS, raw.apply(Setting.DESERIALIZATION_MAX_REFS),
                        DEFAULT_MAX_REFS, 1, Long.MAX_VALUE));
    }

    /**
     * Whether a request for {@code path} (the request URI after the context path) passes through untouched.
     * Path parameters ({@code ;name=value}) are ignored.
     */
    boolean excluded(String path) {
        if (exclude == null || path == null) {
            return false;
        }
        return exclude.matcher(path.indexOf(';') < 0 ? path : withoutPathParameters(path)).matches();
    }

    private static String withoutPathParameters(String path) {
        StringBuilder clean = new StringBuilder(path.length());
        boolean inParameter = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ';') {
                inParameter = true;
            } else if (c == '/') {
                inParameter = false;
            }
            if (!inParameter) {
                clean.append(c);
            }
        }
        return clean.toString();
    }

    private static String defaultCookiePath(ContainerDefaults container) {
        if (container.cookiePath() != null && !container.cookiePath().isEmpty()) {
            return container.cookiePath();
        }
        String contextPath = container.contextPath();
        return contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
    }

    private static SessionCookie.Secure secure(String value, boolean containerSecure) {
        if (value == null || value.isEmpty()) {
            return containerSecure ? SessionCookie.Secure.ALWAYS : SessionCookie.Secure.AUTO;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
                return SessionCookie.Secure.ALWAYS;
            case "false":
                return SessionCookie.Secure.NEVER;
            case "auto":
                return SessionCookie.Secure.AUTO;
            default:
                throw new IllegalArgumentException(Setting.COOKIE_SECURE.paramName() + ": " + value
                        + " is not true, false or auto");
        }
    }

    private static boolean bool(Setting setting, String value, boolean defaultValue) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(setting.paramName() + ": " + value + " is not true or false");
    }

    private static long number(Setting setting, String value, long defaultValue, long min, long max) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting.paramName() + ": " + value + " is not a whole number", e);
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(setting.paramName() + ": " + value + " is out of range [" + min + ", "
                    + max + "]");
        }
        return parsed;
    }

    /** Comma- or whitespace-separated names, without empties or repeats, in order. */
    static List<String> names(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).distinct()
                .collect(Collectors.toUnmodifiableList());
    }

    private static String orDefault(String value, String defaultValue) {
        return value == null || value.isEmpty() ? defaultValue : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
