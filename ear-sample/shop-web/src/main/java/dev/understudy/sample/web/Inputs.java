package dev.understudy.sample.web;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** The checks of the shop's query parameters: each returns the value or throws a 400 {@link ShopError}. */
final class Inputs {
    /** The largest blob a client may ask for: 10 MiB (the adapter's own default limit is lower: 4 MiB, 413). */
    static final int MAX_BLOB_BYTES = 10 * 1024 * 1024;
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    /** How much of a bad value an error message repeats. */
    private static final int ECHO = 40;

    private Inputs() {
    }

    /** {@code item}: required, not blank; kept exactly as sent. */
    static String item(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ShopError.badRequest("the query parameter 'item' is required and must not be empty");
        }
        return raw;
    }

    /** {@code bytes}: a whole number from 0 to {@value #MAX_BLOB_BYTES}. */
    static int bytes(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw ShopError.badRequest("the query parameter 'bytes' is required (0 to " + MAX_BLOB_BYTES + ")");
        }
        if (!INTEGER.matcher(raw).matches()) {
            throw ShopError.badRequest("'bytes' must be a whole number, not '" + echo(raw) + "'");
        }
        BigInteger value = new BigInteger(raw);
        if (value.signum() < 0) {
            throw ShopError.badRequest("'bytes' must not be negative: " + echo(raw));
        }
        if (value.compareTo(BigInteger.valueOf(MAX_BLOB_BYTES)) > 0) {
            throw ShopError.badRequest("'bytes' must be at most " + MAX_BLOB_BYTES + " (10 MiB): " + echo(raw));
        }
        return value.intValue();
    }

    private static String echo(String raw) {
        return raw.length() <= ECHO ? raw : raw.substring(0, ECHO) + "...";
    }
}
