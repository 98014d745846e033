package dev.understudy.core.model;

/**
 * A session's metadata: creation and last-access times (epoch milliseconds) and its maximum inactive
 * interval in seconds ({@code <= 0}: never expires).
 */
public record Metadata(long creationTime, long lastAccessedTime, int maxInactiveSeconds) {

    public Metadata withLastAccessed(long time) {
        return new Metadata(creationTime, Math.max(lastAccessedTime, time), maxInactiveSeconds);
    }

    /** True when the session has been idle longer than its maximum inactive interval plus {@code graceMillis}. */
    public boolean isExpired(long nowMillis, long graceMillis) {
        return maxInactiveSeconds > 0 && nowMillis - lastAccessedTime > maxInactiveSeconds * 1000L + graceMillis;
    }
}
