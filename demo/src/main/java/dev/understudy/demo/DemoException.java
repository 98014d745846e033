package dev.understudy.demo;

/**
 * An expected problem (a port taken, a missing artifact, a node that does not get ready, no HAProxy): the demo
 * prints its message, which says what to do, stops what it started and exits with status 1, without a stack trace.
 */
public final class DemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DemoException(String message) {
        super(message);
    }
}
