package dev.understudy.api;

/** The outcome of a change: the session's route and version after it, and how far the change got. */
public record CommitReceipt(SessionRoute route, long version, Protection protection) {

    /** How far a change got when the caller was released. */
    public enum Protection {
        /** The secondary applied it (SYNC). */
        ACKNOWLEDGED,
        /** It is on its way to the secondary (ASYNC, BATCH). */
        QUEUED,
        /** No secondary holds it: a single node, none alive, or the broker is unreachable (degraded). */
        UNPROTECTED
    }
}
