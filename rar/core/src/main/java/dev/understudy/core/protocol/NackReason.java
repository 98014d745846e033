package dev.understudy.core.protocol;

/** Why a node refused a message about a session. */
public enum NackReason {
    /** The sender's epoch is superseded: another node owns the session now. The sender must stop serving it. */
    FENCED,
    /** A conditional claim found a different stamp than expected: fetch again and retry. */
    CONFLICT,
    /** The receiver holds no copy of the session. */
    UNKNOWN_SESSION,
    /** The message broke a limit (size, count) and was dropped. */
    REJECTED
}
