package dev.understudy.core.engine;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import java.util.Map;

/** The size limits of ARCHITECTURE §8, checked before anything is stored. */
final class Limits {
    private Limits() {
    }

    /** Throws {@link IllegalArgumentException} naming the attribute or the session that is too large. */
    static void check(EngineContext ctx, SessionKey key, SessionData data) {
        long maxAttribute = ctx.config.maxAttributeBytes();
        for (Map.Entry<String, byte[]> e : data.attributes().entrySet()) {
            if (e.getValue().length > maxAttribute) {
                reject(ctx, key, "attribute '" + e.getKey() + "' is " + e.getValue().length
                        + " bytes, over the limit of " + maxAttribute);
            }
        }
        long size = data.byteSize();
        if (size > ctx.config.maxSessionBytes()) {
            reject(ctx, key, "session is " + size + " bytes, over the limit of " + ctx.config.maxSessionBytes());
        }
    }

    /**
     * The same limits on what arrives from the wire (a peer configured otherwise, or a forged frame): false,
     * counted ({@code limit_rejections}) and logged ({@code US-E070}), when {@code data} is over a limit; the
     * caller then drops the message and keeps what it holds.
     */
    static boolean acceptsFromWire(EngineContext ctx, NodeId from, String what, SessionKey key, SessionData data) {
        long maxAttribute = ctx.config.maxAttributeBytes();
        String why = null;
        for (Map.Entry<String, byte[]> e : data.attributes().entrySet()) {
            if (e.getValue().length > maxAttribute) {
                why = "attribute '" + e.getKey() + "' is " + e.getValue().length + " bytes, over the limit of "
                        + maxAttribute;
                break;
            }
        }
        long size = data.byteSize();
        if (why == null && size > ctx.config.maxSessionBytes()) {
            why = "session is " + size + " bytes, over the limit of " + ctx.config.maxSessionBytes();
        }
        if (why == null) {
            return true;
        }
        ctx.count(Counter.LIMIT_REJECTIONS);
        LogCode.WIRE_LIMIT.log(EngineContext.LOG, what, key, from, why);
        return false;
    }

    private static void reject(EngineContext ctx, SessionKey key, String why) {
        ctx.count(Counter.LIMIT_REJECTIONS);
        LogCode.LIMIT.log(EngineContext.LOG, "state", key, why);
        throw new IllegalArgumentException(why);
    }
}
