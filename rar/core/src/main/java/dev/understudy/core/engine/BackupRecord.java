package dev.understudy.core.engine;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.Stamp;

/** A copy this node keeps for another node's session. Loop thread only. */
final class BackupRecord {
    final SessionKey key;
    Stamp stamp;
    SessionData data;
    NodeId primary;
    /**
     * This node's own lease lapsed while it held the copy (a long pause, a cut-off connection): meanwhile the
     * primary may have declared it dead and moved the session to another secondary, so the copy may be outdated.
     * A promotion of a suspect copy is verified before it is served. Cleared by the next change from the primary.
     */
    boolean suspect;
    /** When this node last asked the primary for the full state ({@code Long.MIN_VALUE}: never). */
    long resyncAskedAt = Long.MIN_VALUE;

    BackupRecord(SessionKey key, Stamp stamp, SessionData data, NodeId primary) {
        this.key = key;
        this.stamp = stamp;
        this.data = data;
        this.primary = primary;
    }
}
