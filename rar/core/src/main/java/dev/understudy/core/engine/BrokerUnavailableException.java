package dev.understudy.core.engine;

/** The broker connection is down; changes stay on the primary and resync when it returns. */
final class BrokerUnavailableException extends RuntimeException {
    BrokerUnavailableException() {
        super("The broker is unreachable", null, false, false);
    }
}
