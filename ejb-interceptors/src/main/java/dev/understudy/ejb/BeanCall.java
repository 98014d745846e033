package dev.understudy.ejb;

import dev.understudy.api.StoredSession;

/**
 * One call made through {@link ReplicatedBeans} on this thread: the bean session a fresh instance must continue
 * (restored from {@code opened}) or {@code null} for a new bean, and which store served the call.
 */
final class BeanCall {
    private static final ThreadLocal<BeanCall> CURRENT = new ThreadLocal<>();

    final StoredSession opened;
    /** The adapter's deserialization allow-list, read when the call opened its bean session. */
    final String allowList;
    private boolean claimed;
    private OwnSessionStore served;

    BeanCall(StoredSession opened, String allowList) {
        this.opened = opened;
        this.allowList = allowList;
    }

    static BeanCall current() {
        return CURRENT.get();
    }

    /** Runs {@code body} with this call bound to the thread. */
    <T> T run(java.util.function.Supplier<T> body) {
        BeanCall previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The first fresh instance invoked during the call takes the call's bean session; true for that one. */
    boolean claim() {
        if (claimed) {
            return false;
        }
        claimed = true;
        return true;
    }

    void served(OwnSessionStore store) {
        if (served == null) {
            served = store;
        }
    }

    OwnSessionStore served() {
        return served;
    }
}
