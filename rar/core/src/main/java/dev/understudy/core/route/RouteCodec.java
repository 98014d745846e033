package dev.understudy.core.route;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionKey;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cookie form of a {@link Route}: {@code <sessionId>.<primary>.<secondary>.<epoch>.<mac>}.
 *
 * <p>{@code secondary} is empty while the session has none; {@code epoch} is decimal; {@code mac} is the id of
 * the signing key ({@link RouteKeys#idOf}, 4 characters) followed by the first 16 bytes of HMAC-SHA256 over
 * {@code sessionId.primary.secondary.epoch} with that key, base64url without padding (22 characters): 26
 * characters in all. Every segment is URL-safe, so the value needs no
 * quoting in a cookie. Load balancers may read the second and third segments (primary, secondary).
 *
 * <p>{@link #decode} never throws: a garbled, truncated or forged value (MAC compared in constant time),
 * an invalid node id or an invalid session id all give {@link Optional#empty()}, and the caller starts a
 * fresh session. Nothing in a value is used — no node id read, no number parsed — before its MAC verified.
 *
 * <p><b>Keys</b> ({@link RouteKeys}): routes are always signed with the current key; a route signed with a
 * previous key (found by the id it carries) verifies until the end of its grace period, so a key rotation logs
 * nobody out. Callers that
 * want such routes re-issued compare the presented value with {@link #encode} of the route it carries: they
 * differ exactly when another key signed it. Thread-safe.
 */
public final class RouteCodec {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 16;
    private static final int MAC_CHARS = 22;
    private static final int MAX_COOKIE_LENGTH = 128 + 4 + 32 + 32 + 20 + RouteKeys.ID_CHARS + MAC_CHARS;
    private final byte[] currentKey;
    private final ThreadLocal<Mac> currentMac;
    private final RouteKeys keys;
    private final Clock clock;

    /** @param secret the cluster's route secret, at least 16 bytes, the same on every node */
    public RouteCodec(byte[] secret) {
        this(RouteKeys.of(secret), Clock.systemUTC());
    }

    /**
     * @param keys  the current key and the previous ones still in their grace period
     * @param clock decides when that grace period ends
     */
    public RouteCodec(RouteKeys keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.currentKey = keys.current();
        SecretKeySpec spec = new SecretKeySpec(currentKey, ALGORITHM);
        newMac(spec); // fails here, not at the first request, if HmacSHA256 is missing
        this.currentMac = ThreadLocal.withInitial(() -> newMac(spec));
    }

    public String encode(Route route) {
        String secondary = route.secondary() == null ? "" : route.secondary().value();
        String body = route.sessionId() + '.' + route.primary().value() + '.' + secondary + '.' + route.epoch();
        return signed(body);
    }

    public Optional<Route> decode(String cookie) {
        String[] parts = verified(cookie);
        if (parts == null || !(parts[2].isEmpty() || NodeId.isValid(parts[2]))) {
            return Optional.empty();
        }
        NodeId secondary = parts[2].isEmpty() ? null : NodeId.of(parts[2]);
        return Optional.of(new Route(parts[0], NodeId.of(parts[1]), secondary, Long.parseLong(parts[3])));
    }

    /**
     * The summed form for Java clients (seed ¶66): {@code <sessionId>.<primary>._<sum>.<epoch>.<mac>}, where
     * {@code sum} is {@link RouteSum#encode} of the two node numbers as an unsigned decimal ({@code _} cannot
     * start a node id, so the two forms never read as each other) and the MAC covers this body.
     */
    public String encodeSummed(String sessionId, NodeId primary, long sum, long epoch) {
        String body = sessionId + '.' + primary.value() + "._" + Long.toUnsignedString(sum) + '.' + epoch;
        return signed(body);
    }

    /** A verified summed route; empty for anything garbled or forged (never throws). */
    public Optional<Summed> decodeSummed(String value) {
        String[] parts = verified(value);
        if (parts == null || !parts[2].matches("_[0-9]{1,20}")) {
            return Optional.empty();
        }
        long sum;
        try {
            sum = Long.parseUnsignedLong(parts[2].substring(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new Summed(parts[0], NodeId.of(parts[1]), sum, Long.parseLong(parts[3])));
    }

    /** A decoded summed route: the secondary is {@code RouteSum.secondaryOf(sum, number of primary)}. */
    public record Summed(String sessionId, NodeId primary, long sum, long epoch) {
    }

    /**
     * The five segments if the key id names a key that verifies now, its MAC verifies (constant time) and id,
     * primary and epoch are valid; else null.
     */
    private String[] verified(String value) {
        if (value == null || value.length() > MAX_COOKIE_LENGTH) {
            return null;
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 5) {
            return null;
        }
        String tag = parts[4];
        if (tag.length() != RouteKeys.ID_CHARS + MAC_CHARS) {
            return null;
        }
        byte[] verifier = keys.verifierFor(tag.substring(0, RouteKeys.ID_CHARS), clock.instant());
        if (verifier == null) {
            return null;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(tag.substring(RouteKeys.ID_CHARS));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String body = value.substring(0, value.length() - tag.length() - 1);
        if (!MessageDigest.isEqual(mac(verifier, body), presented)) {
            return null;
        }
        if (!SessionKey.isValidId(parts[0]) || !NodeId.isValid(parts[1]) || !parts[3].matches("[0-9]{1,18}")) {
            return null;
        }
        return parts;
    }

    /** {@code body.<key id><mac>} with the current key. */
    private String signed(String body) {
        return body + '.' + keys.currentId() + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(body));
    }

    /** The MAC with the current key, by this thread's own {@link Mac} (a lookup and key set-up per request cost ~5%). */
    private byte[] mac(String body) {
        return truncated(currentMac.get().doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    }

    private byte[] mac(byte[] verifier, String body) {
        if (MessageDigest.isEqual(verifier, currentKey)) {
            return mac(body);
        }
        return truncated(newMac(new SecretKeySpec(verifier, ALGORITHM)).doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] truncated(byte[] full) {
        byte[] truncated = new byte[MAC_BYTES];
        System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
        return truncated;
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
