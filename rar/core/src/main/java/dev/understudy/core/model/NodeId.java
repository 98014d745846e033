package dev.understudy.core.model;

/**
 * A node's short id, {@code [a-z0-9-]{1,32}}. Validated here, so that every broker address built from a
 * {@code NodeId} is safe: no wildcard ({@code # *}), separator ({@code .}) or filter characters can appear.
 */
public record NodeId(String value) implements Comparable<NodeId> {
    private static final int MAX_LENGTH = 32;

    public NodeId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("Invalid node id " + quote(value) + ": expected [a-z0-9-]{1,32}");
        }
    }

    public static NodeId of(String value) {
        return new NodeId(value);
    }

    /** True when {@code value} would be accepted as a node id. */
    public static boolean isValid(String value) {
        // a loop, not a regex: every route and frame builds several (the regex was ~2 % of a request's CPU)
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String v) {
        if (v == null) {
            return "null";
        }
        String shown = v.length() > 40 ? v.substring(0, 40) + "…" : v;
        return '"' + shown.replaceAll("[^\\x20-\\x7e]", "?") + '"';
    }

    @Override
    public int compareTo(NodeId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
