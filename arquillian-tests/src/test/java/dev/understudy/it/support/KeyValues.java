package dev.understudy.it.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code key=value} lines (the test servlets' answers): split at the first {@code =}, order kept. */
public final class KeyValues {
    private KeyValues() {
    }

    public static Map<String, String> parse(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }
}
