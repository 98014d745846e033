package dev.understudy.core.engine;

/**
 * Releases SYNC callers whose change no secondary can acknowledge: the broker is unreachable, or no live node
 * is left to back the session. The change stays on the primary; callers get {@code Protection.UNPROTECTED}.
 */
final class UnprotectedException extends RuntimeException {
    UnprotectedException(String why) {
        super(why, null, false, false);
    }
}
