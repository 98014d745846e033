package dev.understudy.transport.artemis;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Settings of one {@link ArtemisTransport}: immutable, validated on construction, built with {@link #builder()}.
 *
 * <table>
 * <caption>Properties</caption>
 * <tr><th>Property</th><th>Default</th><th>Meaning</th></tr>
 * <tr><td>brokerUrl</td><td>{@code tcp://127.0.0.1:61616}</td><td>Artemis core-client URL. Query parameters
 * reach the client (e.g. {@code ?connectionTTL=10000}), except those this record owns (retry interval,
 * reconnect attempts, call timeout), which it overrides.</td></tr>
 * <tr><td>user / password</td><td>none</td><td>Broker credentials; {@code null} for an unsecured broker.</td></tr>
 * <tr><td>clusterName</td><td>{@code understudy}</td><td>{@code [a-z0-9-]{1,32}}; the middle part of every
 * address, so clusters sharing a broker never see each other.</td></tr>
 * <tr><td>retryInterval</td><td>500 ms</td><td>Pause between two connection attempts.</td></tr>
 * <tr><td>reconnectAttempts</td><td>-1</td><td>Attempts of the client's own reconnection after a failure
 * (-1: forever). When they run out, the transport starts over from a fresh connection, so it never gives
 * up.</td></tr>
 * <tr><td>sendQueueCapacity</td><td>10 000</td><td>Frames waiting for the sender thread; a frame offered to a
 * full queue is reported undeliverable at once.</td></tr>
 * <tr><td>callTimeout</td><td>10 s</td><td>Longest wait for a blocking broker call (session and queue
 * creation), and for a send caught in a reconnection.</td></tr>
 * <tr><td>maxFrameBytes</td><td>16 MiB</td><td>Largest frame sent or accepted; larger frames are reported
 * undeliverable (sending) or dropped with a log line (receiving).</td></tr>
 * </table>
 */
public record ArtemisTransportConfig(
        String brokerUrl,
        String user,
        String password,
        String clusterName,
        Duration retryInterval,
        int reconnectAttempts,
        int sendQueueCapacity,
        Duration callTimeout,
        int maxFrameBytes) {

    public static final String DEFAULT_BROKER_URL = "tcp://127.0.0.1:61616";
    public static final String DEFAULT_CLUSTER_NAME = "understudy";
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMillis(500);
    public static final int DEFAULT_RECONNECT_ATTEMPTS = -1;
    public static final int DEFAULT_SEND_QUEUE_CAPACITY = 10_000;
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private static final Pattern CLUSTER_NAME = Pattern.compile("[a-z0-9-]{1,32}");
    /** A URL parameter whose name ends in "password" (keyStorePassword, trustStorePassword, ...) and its value. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;][a-z.]*password=)[^&;]*");

    public ArtemisTransportConfig {
        if (brokerUrl == null || brokerUrl.isBlank()) {
            throw invalid("brokerUrl", "must not be blank");
        }
        brokerUrl = brokerUrl.strip();
        try {
            ClientLocators.validateUrl(brokerUrl);
        } catch (IllegalArgumentException e) {
            throw invalid("brokerUrl", printable(redact(brokerUrl)) + " is not an Artemis core-client URL: "
                    + redact(String.valueOf(e.getMessage())));
        }
        if (user != null && user.isEmpty()) {
            user = null;
        }
        if (password != null && user == null) {
            throw invalid("password", "is set without a user");
        }
        if (clusterName == null || !CLUSTER_NAME.matcher(clusterName).matches()) {
            throw invalid("clusterName", "must match [a-z0-9-]{1,32}, was " + printable(clusterName));
        }
        requirePositive("retryInterval", retryInterval);
        requirePositive("callTimeout", callTimeout);
        if (reconnectAttempts < -1) {
            throw invalid("reconnectAttempts", "must be -1 (forever) or >= 0, was " + reconnectAttempts);
        }
        if (sendQueueCapacity < 1) {
            throw invalid("sendQueueCapacity", "must be >= 1, was " + sendQueueCapacity);
        }
        if (maxFrameBytes < 1) {
            throw invalid("maxFrameBytes", "must be >= 1, was " + maxFrameBytes);
        }
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder()
                .brokerUrl(brokerUrl)
                .credentials(user, password)
                .clusterName(clusterName)
                .retryInterval(retryInterval)
                .reconnectAttempts(reconnectAttempts)
                .sendQueueCapacity(sendQueueCapacity)
                .callTimeout(callTimeout)
                .maxFrameBytes(maxFrameBytes);
    }

    /**
     * The broker URL for logs: the value of every parameter whose name ends in {@code password} (e.g. the TLS
     * {@code keyStorePassword} and {@code trustStorePassword}) shown as {@code ****}.
     */
    public String redactedBrokerUrl() {
        return redact(brokerUrl);
    }

    /** {@code url} with the value of every {@code ...password=} parameter replaced by {@code ****}. */
    public static String redact(String url) {
        return url == null ? null : PASSWORD_PARAMETER.matcher(url).replaceAll("$1****");
    }

    /** Never shows a password. */
    @Override
    public String toString() {
        return "ArtemisTransportConfig[brokerUrl=" + redactedBrokerUrl() + ", user=" + user
                + ", password=" + (password == null ? "none" : "****") + ", clusterName=" + clusterName
                + ", retryInterval=" + retryInterval.toMillis() + "ms, reconnectAttempts=" + reconnectAttempts
                + ", sendQueueCapacity=" + sendQueueCapacity + ", callTimeout=" + callTimeout.toMillis()
                + "ms, maxFrameBytes=" + maxFrameBytes + "]";
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(name, "must be a positive duration, was " + value);
        }
        if (value.toMillis() > Integer.MAX_VALUE) {
            throw invalid(name, "must be below " + Integer.MAX_VALUE + " ms, was " + value);
        }
    }

    private static IllegalArgumentException invalid(String property, String problem) {
        return new IllegalArgumentException("Invalid Artemis transport setting " + property + ": " + problem);
    }

    private static String printable(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return '"' + shown.replaceAll("[^\\x20-\\x7e]", "?") + '"';
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String brokerUrl = DEFAULT_BROKER_URL;
        private String user;
        private String password;
        private String clusterName = DEFAULT_CLUSTER_NAME;
        private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
        private int reconnectAttempts = DEFAULT_RECONNECT_ATTEMPTS;
        private int sendQueueCapacity = DEFAULT_SEND_QUEUE_CAPACITY;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;

        private Builder() {
        }

        public Builder brokerUrl(String brokerUrl) {
            this.brokerUrl = brokerUrl;
            return this;
        }

        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        public Builder clusterName(String clusterName) {
            this.clusterName = clusterName;
            return this;
        }

        public Builder retryInterval(Duration retryInterval) {
            this.retryInterval = retryInterval;
            return this;
        }

        public Builder reconnectAttempts(int reconnectAttempts) {
            this.reconnectAttempts = reconnectAttempts;
            return this;
        }

        public Builder sendQueueCapacity(int sendQueueCapacity) {
            this.sendQueueCapacity = sendQueueCapacity;
            return this;
        }

        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        public Builder maxFrameBytes(int maxFrameBytes) {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        public ArtemisTransportConfig build() {
            return new ArtemisTransportConfig(brokerUrl, user, password, clusterName, retryInterval,
                    reconnectAttempts, sendQueueCapacity, callTimeout, maxFrameBytes);
        }
    }
}
