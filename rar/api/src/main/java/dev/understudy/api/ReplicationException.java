package dev.understudy.api;

/** Replication could not do what was asked: the adapter is stopped, the broker unreachable, a timeout. */
public class ReplicationException extends RuntimeException {
    public ReplicationException(String message) {
        super(message);
    }

    public ReplicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
