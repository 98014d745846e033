package dev.understudy.api;

/**
 * Told about sessions that changed without a request on this node, so that the application's listeners can
 * run (e.g. {@code HttpSessionListener.sessionDestroyed} on expiry). Called on the engine's thread: return
 * quickly, never block, never call back into the adapter.
 */
public interface SessionEventListener {
    /** {@code key} expired on this node, its primary; {@code lastState} is what it held. */
    default void expired(SessionKey key, SessionState lastState) {
    }

    /** This node became the primary of {@code key} without a request (its primary died or left). */
    default void promoted(SessionKey key) {
    }

    /** This node stopped serving {@code key}: another node took it over (the session lives on there). */
    default void lost(SessionKey key) {
    }
}
