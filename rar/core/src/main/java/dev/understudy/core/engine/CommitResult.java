package dev.understudy.core.engine;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.Stamp;

/**
 * The outcome of a change: the session's stamp and route after it, and how far the change got.
 */
public record CommitResult(Stamp stamp, NodeId primary, NodeId secondary, Protection protection) {

    /** How far a change got when the caller was released. */
    public enum Protection {
        /** The secondary applied it (SYNC). */
        ACKNOWLEDGED,
        /** It is on its way to the secondary (ASYNC, BATCH). */
        QUEUED,
        /** There is no secondary to send it to (a single node, or none alive). */
        UNPROTECTED
    }
}
