package dev.understudy.it.shop;

import dev.understudy.demo.client.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A reply of the sample shop (ear-sample README, ARCHITECTURE §9), every field the failover tests read: where the
 * session stands ({@code session}, {@code node}, {@code primary}, {@code secondary}, {@code epoch},
 * {@code version}, {@code protection}, {@code takenOver}), the endpoint's own field ({@code count} of the counter,
 * {@code items} of the cart, {@code beanCount} of the bean) and {@code error}. A body that is not the shop's JSON
 * (HAProxy's 502/503 page, a container error page) gives a reply with the status only.
 */
public record ShopReply(int status, String session, String node, String primary, String secondary, Long epoch,
        Long version, String protection, boolean takenOver, Integer count, List<String> items, Integer beanCount,
        String error, String body) {

    /** Parses {@code body}; never throws (an unreadable body leaves every field {@code null}). */
    public static ShopReply parse(int status, String body) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(body == null ? "" : body.strip());
        } catch (IllegalArgumentException e) {
            return new ShopReply(status, null, null, null, null, null, null, null, false, null, null, null, null,
                    body);
        }
        return new ShopReply(status, text(json.get("session")), text(json.get("node")), text(json.get("primary")),
                text(json.get("secondary")), number(json.get("epoch")), number(json.get("version")),
                text(json.get("protection")), Boolean.TRUE.equals(json.get("takenOver")), integer(json.get("count")),
                strings(json.get("items")), integer(json.get("beanCount")), text(json.get("error")), body);
    }

    /** True for a 200 with the shop's JSON and a session. */
    public boolean served() {
        return status == 200 && session != null;
    }

    /** {@code node-2 s=abc… e3 v7 count 5}: for messages. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(status);
        if (session != null) {
            text.append(" session ").append(session.length() > 8 ? session.substring(0, 8) + "…" : session);
        }
        text.append(" node ").append(node).append(" route ").append(primary).append('/').append(secondary)
                .append(" stamp ").append(epoch).append('/').append(version).append(' ').append(protection);
        if (takenOver) {
            text.append(" takenOver");
        }
        if (count != null) {
            text.append(" count ").append(count);
        }
        if (items != null) {
            text.append(" items ").append(items.size());
        }
        if (beanCount != null) {
            text.append(" beanCount ").append(beanCount);
        }
        if (error != null) {
            text.append(" error ").append(error);
        } else if (session == null && body != null) {
            text.append(" body ").append(body.length() > 120 ? body.substring(0, 120) + "…" : body.strip());
        }
        return text.toString();
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
        return null;
    }

    private static Integer integer(Object value) {
        Long n = number(value);
        return n == null || n > Integer.MAX_VALUE || n < Integer.MIN_VALUE ? null : n.intValue();
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (Object item : list) {
            strings.add(item == null ? null : item.toString());
        }
        return Collections.unmodifiableList(strings);
    }
}
