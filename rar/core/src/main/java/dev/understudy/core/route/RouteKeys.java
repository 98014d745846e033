package dev.understudy.core.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 * <p>Which key signed a route is found by trial — current first, then each previous one, every comparison in
 * constant time — rather than by a key id in the value: the cookie's documented five-segment layout is read by
 * load balancers and clients, and stays as it is. A node holds at most {@link #MAX_PREVIOUS} previous keys.
 */
public final class RouteKeys {
    /** Least key length, in bytes. */
    public static final int MIN_KEY_BYTES = 16;
    /** Most previous keys: each costs one HMAC when a route signed with none of the others is presented. */
    public static final int MAX_PREVIOUS = 4;

    private final byte[] current;
    private final List<byte[]> previous;
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
        List<byte[]> copies = new ArrayList<>(previous.size());
        for (byte[] key : previous) {
            byte[] copy = checked(key, "previous route key").clone();
            if (java.util.Arrays.equals(copy, this.current)) {
                throw new IllegalArgumentException("A previous route key equals the current one");
            }
            copies.add(copy);
        }
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

    /** The previous keys still in their grace period at {@code now}; empty once it ended. */
    List<byte[]> previousAt(Instant now) {
        return previousUntil == null || !now.isBefore(previousUntil) ? List.of() : previous;
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
        return "RouteKeys[current=****, previous=" + previous.size() + (previousUntil == null ? ""
                : " until " + previousUntil) + "]";
    }
}
