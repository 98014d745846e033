package dev.understudy.api;

/**
 * When a session's changes travel to its secondary, relative to the response.
 *
 * <p>Every mode coalesces: changes bound for the same secondary that are ready at the same moment travel
 * as one message, and acknowledgements come back batched. The modes differ in when the caller is released
 * and so in what a failure of the primary can lose.
 */
public enum ReplicationMode {
    /**
     * The caller is released only after the secondary has applied the change at the current epoch.
     * Nothing acknowledged is ever lost by a single server failure; costs one round trip through the broker
     * per request (shared with concurrent requests).
     */
    SYNC,
    /**
     * The change is queued for the secondary when the request ends; the caller is not held. A primary that
     * dies may lose the changes of the last few milliseconds (changes are sent in order per session).
     */
    ASYNC,
    /**
     * Changes are held until {@code batchSize} updates are queued or {@code batchDelay} has passed since the
     * oldest, whichever comes first (seed ¶67, boxcarring). Fewest messages; a dying primary loses at most
     * one batch window.
     */
    BATCH
}
