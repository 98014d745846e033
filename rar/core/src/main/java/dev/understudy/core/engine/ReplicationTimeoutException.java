package dev.understudy.core.engine;

/**
 * In SYNC mode, the secondary did not acknowledge a change in time. The change is applied on the primary
 * and will reach a secondary when one answers; whether the client may count on it is indeterminate.
 */
public class ReplicationTimeoutException extends RuntimeException {
    public ReplicationTimeoutException(String message) {
        super(message);
    }
}
