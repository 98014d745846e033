package dev.understudy.admin;

import dev.understudy.api.ReplicationAdmin;
import dev.understudy.api.ReplicationException;
import dev.understudy.api.ReplicationMode;
import dev.understudy.api.ReplicationSettings;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionKind;
import dev.understudy.admin.StatusCache.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the REST resource does, as {@link Reply}s: the status and settings as JSON, the four run-time changes and
 * "why this secondary". A change goes to the adapter, which validates it; a refusal ({@link IllegalArgumentException},
 * its message naming the setting, the allowed values and the value that stays) becomes 400 with that message, the
 * setting's name and the settings still in force. An input the adapter cannot even be asked with (a mode that is no
 * mode, a batch size that is no number) is refused here the same way. No adapter, or one that does not answer: 503.
 * Each change and refusal is logged with who asked ({@code US-A010}, {@code US-A011}).
 */
@ApplicationScoped
public class AdminOperations {
    private static final Pattern JSON_FIELD = Pattern.compile("\"(?:mode|value)\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern FORM_FIELD = Pattern.compile("mode=([A-Za-z]*)");

    private StatusCache cache;
    private History history;

    /** For CDI proxies only. */
    protected AdminOperations() {
    }

    @Inject
    public AdminOperations(StatusCache cache, History history) {
        this.cache = cache;
        this.history = history;
    }

    Reply status() {
        Snapshot snapshot = cache.current();
        return snapshot.available() ? Reply.ok(StatusJson.status(snapshot.status()))
                : Reply.error(Reply.UNAVAILABLE, snapshot.problem());
    }

    /** Recent events and lag samples ({@link History}), for the dashboard. */
    Reply history() {
        return Reply.ok(history.json());
    }

    Reply settings() {
        return withAdmin(admin -> Reply.ok(StatusJson.settings(admin.settings())));
    }

    /** {@code value}: {@code SYNC}, {@code ASYNC} or {@code BATCH} in any case, plain or as JSON. */
    Reply setMode(String value, String user) {
        String text = modeText(value);
        return change("mode", user, text, admin -> {
            ReplicationMode mode = Arrays.stream(ReplicationMode.values()).filter(m -> m.name().equals(text))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("mode must be one of "
                            + Arrays.toString(ReplicationMode.values()) + ", was \"" + (value == null ? "" : value.strip())
                            + "\"; it stays " + admin.settings().mode()));
            return admin.setMode(mode);
        });
    }

    /** Either bound may be left out ({@code null} or blank): it keeps its value. */
    Reply setBatching(String size, String delayMillis, String user) {
        return change("batching", user, "size=" + size + " delayMillis=" + delayMillis, admin -> {
            ReplicationSettings now = admin.settings();
            String stays = "; batching stays " + now.batchSize() + " messages / " + now.batchDelayMillis() + " ms";
            if (blank(size) && blank(delayMillis)) {
                throw new IllegalArgumentException("batching needs size or delayMillis (or both)" + stays);
            }
            long parsedSize = blank(size) ? now.batchSize() : number("batchSize", size, stays);
            if (parsedSize < Integer.MIN_VALUE || parsedSize > Integer.MAX_VALUE) {
                // cannot even be handed to the adapter; anything else it validates (and counts) itself
                throw new IllegalArgumentException("batchSize must be in [1, " + ReplicationAdmin.MAX_BATCH_SIZE
                        + "], was " + parsedSize + stays);
            }
            int newSize = (int) parsedSize;
            long newDelay = blank(delayMillis) ? now.batchDelayMillis() : number("batchDelayMillis", delayMillis, stays);
            return admin.setBatching(newSize, newDelay);
        });
    }

    /** {@code node}: a live member's id; {@code null} or blank clears the pairing. */
    Reply setPairing(String node, String user) {
        String text = node == null ? "" : node.strip();
        return change("preferredSecondary", user, text.isEmpty() ? "(automatic)" : text,
                admin -> admin.setPreferredSecondary(text.isEmpty() ? null : text));
    }

    Reply setLogLevel(String level, String user) {
        return change("logLevel", user, String.valueOf(level), admin -> admin.setLogLevel(level));
    }

    /** Why this node chose the secondary of a session it serves; 404 if it serves none by that key. */
    Reply explain(String kind, String scope, String session) {
        SessionKind sessionKind;
        try {
            sessionKind = blank(kind) ? SessionKind.WEB : SessionKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Reply.error(Reply.BAD_REQUEST, "kind must be one of " + Arrays.toString(SessionKind.values())
                    + ", was \"" + kind + "\"");
        }
        if (blank(scope) || blank(session)) {
            return Reply.error(Reply.BAD_REQUEST, "explain needs scope (the application, e.g. /sample) and session"
                    + " (the session id, the cookie's first part)");
        }
        SessionKey key = new SessionKey(sessionKind, scope.strip(), session.strip());
        return withAdmin(admin -> {
            Optional<String> why;
            try {
                why = admin.explain(key);
            } catch (IllegalArgumentException e) {
                return Reply.error(Reply.BAD_REQUEST, e.getMessage());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("kind", key.kind().name());
            body.put("scope", key.scope());
            body.put("session", key.id());
            if (why.isEmpty()) {
                return Reply.error(Reply.NOT_FOUND, "this node is not the primary of that session: ask the node its"
                        + " cookie names first", body);
            }
            body.put("explanation", why.get());
            return Reply.ok(body);
        });
    }

    private Reply change(String setting, String user, String value,
            Function<ReplicationAdmin, ReplicationSettings> apply) {
        return withAdmin(admin -> {
            ReplicationSettings after;
            try {
                after = apply.apply(admin);
            } catch (IllegalArgumentException e) {
                AdminLog.A011.log(user, setting, node(), e.getMessage());
                Map<String, Object> more = new LinkedHashMap<>();
                more.put("setting", setting);
                more.put("settings", StatusJson.settings(admin.settings()));
                return Reply.error(Reply.BAD_REQUEST, e.getMessage(), more);
            } finally {
                cache.invalidate();
            }
            AdminLog.A010.log(user, setting, node(), value);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("changed", setting);
            body.put("settings", StatusJson.settings(after));
            return Reply.ok(body);
        });
    }

    private Reply withAdmin(Function<ReplicationAdmin, Reply> action) {
        AdapterLocator.Located located = cache.admin();
        if (!located.found()) {
            return Reply.error(Reply.UNAVAILABLE, located.problem());
        }
        try {
            return action.apply(located.admin());
        } catch (ReplicationException e) {
            return Reply.error(Reply.UNAVAILABLE, "the Understudy adapter cannot do it now: " + e.getMessage());
        }
    }

    private String node() {
        Snapshot snapshot = cache.current();
        return snapshot.available() ? snapshot.status().self().nodeId() : "?";
    }

    private static long number(String name, String text, String stays) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was \"" + text.strip() + "\"" + stays);
        }
    }

    /**
     * The mode from a query value or a body: {@code ASYNC}, {@code "ASYNC"}, {@code {"mode":"ASYNC"}} or
     * {@code mode=ASYNC} (a form).
     */
    static String modeText(String value) {
        if (value == null) {
            return "";
        }
        String text = value.strip();
        Matcher field = JSON_FIELD.matcher(text);
        Matcher form = FORM_FIELD.matcher(text);
        if (text.startsWith("{") && field.find()) {
            text = field.group(1);
        } else if (form.matches()) {
            text = form.group(1);
        } else if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.strip().toUpperCase(Locale.ROOT);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
