package dev.understudy.core.engine;

/**
 * What an engine counts, since it started. Every drop, rejection, resync and fallback has a counter (invariant
 * I5). Operators see them by name in lower case ({@code deltas_sent}); {@code rar/connector/README.md} explains
 * each one, so a new counter is documented there too.
 */
public enum Counter {
    /** Sessions created on this node (it is their first primary). */
    SESSIONS_CREATED,
    /** Deltas (changed attributes and metadata) sent to secondaries. */
    DELTAS_SENT,
    /** Whole states sent to secondaries: new sessions, new secondaries, resyncs. */
    STATES_SENT,
    /** Compact touches (an access without other change) sent to secondaries. */
    TOUCHES_SENT,
    /** BATCH: batches released because {@code batchSize} messages were held. */
    BATCH_FLUSHES_BY_COUNT,
    /** BATCH: batches released because the oldest held message was {@code batchDelay} old. */
    BATCH_FLUSHES_BY_TIME,
    /** BATCH: batches released early (mode or batching changed, version digest, leave). */
    BATCH_FLUSHES_FORCED,
    /** BATCH: messages released in batches; divided by the three flush counts, the mean batch size. */
    BATCHED_MESSAGES,
    /** Frames (broker messages) sent, broadcasts and self-pings included. */
    FRAMES_SENT,
    /** Protocol messages sent inside those frames. */
    MESSAGES_SENT,
    /** Bytes of every frame sent. */
    BYTES_SENT,
    /** Bytes of the frames sent to other nodes (replication, acknowledgements, fetches, digests; no heartbeats). */
    REPLICATION_BYTES,
    /** Deltas applied as secondary. */
    DELTAS_APPLIED,
    /** Whole states applied as secondary. */
    STATES_APPLIED,
    /** Acknowledgements received from secondaries. */
    ACKS_RECEIVED,
    /** Changes whose acknowledgement time was measured (from queued to acknowledged). */
    ACK_LATENCY_SAMPLES,
    /** Sum of those times, in microseconds; divided by {@link #ACK_LATENCY_SAMPLES}, the mean. */
    ACK_LATENCY_MICROS,
    /** Deltas or states already held (same version), dropped. */
    DUPLICATES_DROPPED,
    /** Deltas or states older than the held copy, dropped. */
    STALE_DROPPED,
    /** Deltas that skipped a version: the whole state was asked for. */
    GAPS,
    /** Changes for a session this node did not hold: the whole state was asked for. */
    UNKNOWN_SESSION,
    /** Whole states asked for by this node as secondary. */
    RESYNC_REQUESTS_SENT,
    /** Whole states re-sent by this node as primary (asked for, after an outage, after a version mismatch). */
    RESYNCS_SENT,
    /** Periodic version comparisons that found a difference. */
    DIGEST_MISMATCHES,
    /** Changes refused as arbiter because their epoch is superseded (invariant I3). */
    FENCED_REJECTIONS,
    /** Sessions this node stopped serving because another node owns them now. */
    FENCED_LOCALLY,
    /** Takeover claims refused by the arbiter (retried from a fresh fetch). */
    CLAIM_CONFLICTS,
    /** Fetch rounds of a takeover (copies asked for). */
    FETCHES,
    /** Fetch rounds that asked every live member because the nodes the route named had no copy. */
    WIDE_SEARCHES,
    /** Sessions taken over on a request for a session served elsewhere (fetch and claim). */
    TAKEOVERS,
    /** Sessions promoted by this node, their secondary, when their primary was declared dead. */
    PROACTIVE_TAKEOVERS,
    /** Sessions moved to another secondary because theirs was lost. */
    SECONDARY_CHANGES,
    /** Sessions handed over by a leaving node (counted on both sides). */
    HANDOFFS,
    /** Sessions expired (as primary or as secondary). */
    EXPIRED,
    /** Sessions invalidated. */
    INVALIDATIONS,
    /** Session id changes. */
    ID_CHANGES,
    /** Frames that could not be decoded, dropped. */
    CORRUPT_FRAMES,
    /** Frames addressed to an earlier incarnation of this node, dropped. */
    STALE_INCARNATION_FRAMES,
    /** Messages that no longer applied (late answers, acknowledgements from a former secondary), ignored. */
    IGNORED_MESSAGES,
    /** Frames the broker did not accept; their sessions are resynced. */
    UNDELIVERABLE_FRAMES,
    /** Calls that waited longer than the sync (or fetch) timeout. */
    SYNC_TIMEOUTS,
    /** Sessions or attributes refused for their size. */
    LIMIT_REJECTIONS,
    /** Times this node's own lease lapsed (e.g. a long pause). */
    LEASE_LAPSES,
    /** Peers that joined (or restarted). */
    PEERS_JOINED,
    /** Peers declared dead. */
    PEERS_DECLARED_DEAD,
    /**
     * Peers the broker reported gone (consumer closed, this node's own path proven by a ping) before their verdict:
     * takeovers stopped waiting for their answers.
     */
    PEERS_UNREACHABLE,
    /** Copies a peer declared dead by mistake was told to drop when it was heard again (sessions it no longer backs). */
    STALE_COPIES_RELEASED,
    /** Peers that left gracefully. */
    PEERS_LEFT,
    /** Requests served while the broker was unreachable (unprotected). */
    DEGRADED_REQUESTS
}
