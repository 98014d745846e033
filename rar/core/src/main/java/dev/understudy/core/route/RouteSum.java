package dev.understudy.core.route;

/**
 * The sum encoding of a (primary, secondary) pair for Java clients (seed ¶66): the pair travels as one
 * number, the sum of the two nodes' random 63-bit numbers. A receiver that knows the primary subtracts to
 * find the secondary. The arithmetic wraps (two's complement), so the sum of two 63-bit numbers always
 * decodes exactly even where it overflows a signed {@code long}.
 */
public final class RouteSum {
    private RouteSum() {
    }

    public static long encode(long primaryNumber, long secondaryNumber) {
        return primaryNumber + secondaryNumber;
    }

    public static long secondaryOf(long sum, long primaryNumber) {
        return sum - primaryNumber;
    }
}
