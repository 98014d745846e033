package dev.understudy.transport.artemis;

/**
 * The cause handed to {@code Listener.onUndeliverable} when the transport itself refused a frame (queue full,
 * no connection, too large, unconfirmed across a reconnection). The message starts with the log code. No
 * stack trace: it is an expected outcome, possibly thousands of times during an outage.
 */
public final class FrameNotSentException extends Exception {
    FrameNotSentException(String message) {
        super(message, null, false, false);
    }
}
