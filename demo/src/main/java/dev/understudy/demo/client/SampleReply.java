package dev.understudy.demo.client;

import java.util.Map;

/**
 * A reply of the sample shop (ARCHITECTURE §9): every response is a JSON object with where the session stands,
 * {@code {"session": id, "node": servingNode, "primary": p, "secondary": s, "epoch": e, "version": v, ...}}, plus
 * the resource's own field, e.g. {@code "count"} for {@code /sample/api/counter}. Fields the reply lacks are
 * {@code null}.
 */
public record SampleReply(String session, String node, String primary, String secondary, Long epoch, Long version,
        Integer count) {

    /** Parses a reply body; throws {@link IllegalArgumentException} if it is not a JSON object. */
    public static SampleReply parse(String body) {
        Map<String, Object> json = Json.parseObject(body.strip());
        return new SampleReply(text(json.get("session")), text(json.get("node")), text(json.get("primary")),
                text(json.get("secondary")), number(json.get("epoch")), number(json.get("version")),
                integer(json.get("count")));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Long number(Object value) {
        if (value instanceof Long n) {
            return n;
        }
        if (value instanceof Double d && d == Math.rint(d)) {
            return d.longValue();
        }
        if (value instanceof String s && s.matches("-?\\d{1,18}")) {
            return Long.parseLong(s);
        }
        return null;
    }

    private static Integer integer(Object value) {
        Long n = number(value);
        return n == null || n > Integer.MAX_VALUE || n < Integer.MIN_VALUE ? null : n.intValue();
    }
}
