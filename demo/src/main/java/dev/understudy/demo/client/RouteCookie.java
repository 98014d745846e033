package dev.understudy.demo.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The value of the filter's session cookie, decoded by the clients themselves from its documented layout (rar/core
 * {@code RouteCodec}): {@code <sessionId>.<primary>.<secondary>.<epoch>.<mac>}, {@code secondary} empty while the
 * session has none, {@code mac} the signing key's id (4 characters: base64url of the first 3 bytes of HMAC-SHA256 of
 * the label {@code understudy route key id} under the key) followed by the first 16 bytes of HMAC-SHA256 over
 * {@code sessionId.primary.secondary.epoch} keyed with the cluster's route secret (its UTF-8 bytes), base64url
 * without padding.
 *
 * <p>Written independently of the adapter on purpose: the demo and the tests read the format the load balancers
 * read; the tests verify the MAC with the secret they gave the nodes, and forge values (other key, altered fields)
 * for negative cases.
 */
public record RouteCookie(String sessionId, String primary, String secondary, long epoch, String mac) {

    /** Parses {@code value}; throws {@link IllegalArgumentException} if it does not have the five segments. */
    public static RouteCookie parse(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 5 || !parts[3].matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("Not a route cookie <id>.<primary>.<secondary>.<epoch>.<mac>: " + value);
        }
        return new RouteCookie(parts[0], parts[1], parts[2], Long.parseLong(parts[3]), parts[4]);
    }

    /** A cookie value for these fields, signed with {@code secret} (the right one, or a forger's). */
    public static String sign(String secret, String sessionId, String primary, String secondary, long epoch) {
        String body = body(sessionId, primary, secondary, epoch);
        return body + "." + keyId(secret) + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(secret, body));
    }

    /** A random hex secret of 32 bytes, like {@code openssl rand -hex 32}. */
    public static String randomSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** True if the MAC is the one {@code secret} gives for the other fields. */
    public boolean verifies(String secret) {
        if (mac.length() != 26 || !mac.startsWith(keyId(secret))) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(mac.substring(4));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, body(sessionId, primary, secondary, epoch)), presented);
    }

    /** The value with this record's fields and its (unchanged) MAC: a forgery when a field was changed. */
    public String value() {
        return body(sessionId, primary, secondary, epoch) + "." + mac;
    }

    /** This cookie with another primary, keeping the MAC (a forged route). */
    public RouteCookie withPrimary(String newPrimary) {
        return new RouteCookie(sessionId, newPrimary, secondary, epoch, mac);
    }

    /** This cookie with another epoch, keeping the MAC (a forged route). */
    public RouteCookie withEpoch(long newEpoch) {
        return new RouteCookie(sessionId, primary, secondary, newEpoch, mac);
    }

    private static String body(String sessionId, String primary, String secondary, long epoch) {
        return sessionId + "." + primary + "." + (secondary == null ? "" : secondary) + "." + epoch;
    }

    /** The id a route carries for the key {@code secret}. */
    public static String keyId(String secret) {
        byte[] full = hmac(secret, "understudy route key id");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 3));
    }

    private static byte[] mac(String secret, String body) {
        return Arrays.copyOf(hmac(secret, body), 16);
    }

    private static byte[] hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
