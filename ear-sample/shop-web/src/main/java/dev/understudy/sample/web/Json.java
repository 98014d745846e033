package dev.understudy.sample.web;

import java.util.Collection;
import java.util.Map;

/**
 * The shop's JSON writer: a few lines instead of JSON-P, so that the servlets and their unit tests need no JSON-P
 * implementation (Payara has one; a plain test class path has none). Writes objects, arrays, strings, numbers,
 * booleans, enums (by name) and {@code null}.
 *
 * <p>Strings are escaped per RFC 8259: {@code "} and {@code \}, every control character below U+0020 (the short
 * forms {@code \b \f \n \r \t}, else {@code \}{@code u00XX}), and beyond the RFC, U+2028 / U+2029 (line breaks to
 * JavaScript) and unpaired surrogates (written as escapes instead of being replaced by {@code ?} when encoded to
 * UTF-8). Everything else is written as is, the response being UTF-8.
 */
final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** The JSON text of {@code fields}, in their iteration order. */
    static String object(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder(64 + 16 * fields.size());
        value(out, fields);
        return out.toString();
    }

    /**
     * Appends {@code value} as JSON.
     *
     * @throws IllegalArgumentException a type this writer does not know, or a non-finite number
     */
    static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence s) {
            string(out, s);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Number n) {
            number(out, n);
        } else if (value instanceof Enum<?> e) {
            string(out, e.name());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, String.valueOf(entry.getKey()));
                out.append(':');
                value(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(out, item);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    /** Appends {@code s} as a JSON string, quoted and escaped. */
    static void string(StringBuilder out, CharSequence s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || unpaired(s, i)) {
                        unicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void number(StringBuilder out, Number n) {
        if ((n instanceof Double d && !Double.isFinite(d)) || (n instanceof Float f && !Float.isFinite(f))) {
            throw new IllegalArgumentException("JSON has no " + n);
        }
        out.append(n);
    }

    /** Whether the char at {@code i} is a surrogate without its other half. */
    private static boolean unpaired(CharSequence s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
    }
}
