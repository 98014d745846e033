package dev.understudy.api;

/** What a replicated session holds: an HTTP session or the state of a replicated stateful bean. */
public enum SessionKind {
    /** An HTTP session, replicated by the web filter. */
    WEB,
    /** A {@code @Stateful} (or session-scoped CDI) bean, replicated by the interceptors. */
    EJB
}
