package dev.understudy.core.route;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The route MAC keys of a cluster: the <b>current</b> key, which signs every route this node issues, and the
 * <b>previous</b> keys, which only verify, until {@code previousUntil} (the end of the grace period of a
 * rotation). After that instant a route signed with a previous key is refused like a forged one.
 *
 * <p>A rotation without logging anyone out, in two rolling restarts: (1) every node gets the new key as a
 * previous key (it verifies but does not sign yet); (2) every node gets the new key as current and the old one as
 * previous, with a grace end at least one session lifetime away. Cookies signed with the old key keep working
 * and are re-issued with the current key on their next response; after the grace end the old key is dead, and
 * can be removed from the configuration at leisure.
 *
 * <p>Every key has an <b>id</b> ({@link #idOf}: four base64url characters, the first 3 bytes of
 * HMAC-SHA256 of a fixed label under the key — it reveals nothing of the key) that a route carries in front of
 * its MAC, so a node picks the one key that can verify it: a route whose id names no key it holds, or a previous
 * key past its grace end, is refused without any MAC computed. Two keys with the same id are refused at
 * configuration. A node holds at most {@link #MAX_PREVIOUS} previous keys.
 */
public final class RouteKeys {
    /** Least key length, in bytes. */
    public static final int MIN_KEY_BYTES = 16;
    /** Most previous keys: each costs one HMAC when a route signed with none of the others is presented. */
    public static final int MAX_PREVIOUS = 4;

    /** Length of a key id in a route, in characters. */
    public static final int ID_CHARS = 4;
    private static final byte[] ID_LABEL = "understudy route key id".getBytes(StandardCharsets.US_ASCII);

    private final byte[] current;
    private final String currentId;
    private final List<byte[]> previous;
    private final List<String> previousIds;
    private final Instant previousUntil;

    /**
     * @param current       the signing key
     * @param previous      keys still accepted for verification (may be empty)
     * @param previousUntil the end of their grace period; required when {@code previous} is not empty
     */
    public RouteKeys(byte[] current, List<byte[]> previous, Instant previousUntil) {
        this.current = checked(current, "current route key").clone();
        Objects.requireNonNull(previous, "previous");
        if (previous.size() > MAX_PREVIOUS) {
            throw new IllegalArgumentException("At most " + MAX_PREVIOUS + " previous route keys, got "
                    + previous.size());
        }
        this.currentId = idOf(this.current);
        List<byte[]> copies = new ArrayList<>(previous.size());
        List<String> ids = new ArrayList<>(previous.size());
        for (byte[] key : previous) {
            byte[] copy = checked(key, "previous route key").clone();
            if (java.util.Arrays.equals(copy, this.current)) {
                throw new IllegalArgumentException("A previous route key equals the current one");
            }
            String id = idOf(copy);
            if (id.equals(currentId) || ids.contains(id)) {
                throw new IllegalArgumentException("Two route keys have the same id " + id + ": use another key");
            }
            copies.add(copy);
            ids.add(id);
        }
        this.previousIds = List.copyOf(ids);
        if (!copies.isEmpty() && previousUntil == null) {
            throw new IllegalArgumentException("Previous route keys need the end of their grace period");
        }
        this.previous = List.copyOf(copies);
        this.previousUntil = previousUntil;
    }

    /** Only a current key: nothing else verifies. */
    public static RouteKeys of(byte[] current) {
        return new RouteKeys(current, List.of(), null);
    }

    /** The signing key (a copy). */
    public byte[] current() {
        return current.clone();
    }

    /** The id of the signing key. */
    public String currentId() {
        return currentId;
    }

    /**
     * The key with this id that verifies routes at {@code now}: the current key, or a previous key before its
     * grace end; {@code null} for any other id.
     */
    byte[] verifierFor(String id, Instant now) {
        if (currentId.equals(id)) {
            return current;
        }
        int index = previousIds.indexOf(id);
        boolean inGrace = previousUntil != null && now.isBefore(previousUntil);
        return index >= 0 && inGrace ? previous.get(index) : null;
    }

    /** The id of {@code key}: base64url of the first 3 bytes of HMAC-SHA256(key, a fixed label). */
    public static String idOf(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(ID_LABEL);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 3));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public int previousCount() {
        return previous.size();
    }

    /** The end of the grace period of the previous keys; {@code null} when there are none. */
    public Instant previousUntil() {
        return previousUntil;
    }

    private static byte[] checked(byte[] key, String what) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The " + what + " must be at least " + MIN_KEY_BYTES + " bytes");
        }
        return key;
    }

    @Override
    public String toString() {
        return "RouteKeys[current=" + currentId + ", previous=" + previous.size() + (previousUntil == null ? ""
                : " until " + previousUntil) + "]";
    }
}
