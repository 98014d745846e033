package dev.understudy.api;

/** This node does not own the session (any longer): it was taken over, invalidated or never opened here. */
public class SessionMovedException extends ReplicationException {
    public SessionMovedException(String message) {
        super(message);
    }
}
