package dev.understudy.core.engine;

import dev.understudy.core.model.SessionKey;

/**
 * This node does not (or no longer) own the session: it was taken over, handed off, invalidated or never
 * opened here. The caller should {@link ReplicationEngine#open open} it again, which fetches the newest copy.
 */
public class NotOwnerException extends IllegalStateException {
    private final transient SessionKey key;

    public NotOwnerException(SessionKey key, String why) {
        super("Not the owner of " + key + ": " + why);
        this.key = key;
    }

    public SessionKey key() {
        return key;
    }
}
