package dev.understudy.ejb;

import dev.understudy.api.CodedMessage;
import java.util.logging.Level;

/**
 * Every log line of the bean interceptors, with its stable code ({@code US-B001}..{@code US-B099}: {@code B00x}
 * set-up, {@code B01x} capture, {@code B02x} restore, {@code B03x} handles and own sessions). Codes are never
 * reused. Patterns are {@link java.text.MessageFormat} patterns: no apostrophes.
 */
enum BeanLog implements CodedMessage {
    B001(Level.INFO, "Bean {0} is replicated {1}: {2} field(s) {3}, {4} left to the container {5}"),
    B002(Level.WARNING, "Bean {0} is session-scoped but this request has no replicated session (is the Understudy"
            + " web filter in the application?): it works locally, unreplicated; {1} so far"),
    B003(Level.SEVERE, "No Understudy connection factory under {0}: bean {1} works locally, unreplicated: {2};"
            + " {3} so far"),
    B004(Level.FINE, "No TransactionSynchronizationRegistry: bean changes are replicated after each call: {0}"),

    B010(Level.SEVERE, "Bean {0} field {1} cannot be serialized ({2}): the bean works locally but its state is NOT"
            + " replicated until the field is fixed (make it Serializable, transient or @NotReplicated); {3} so far"),
    B011(Level.WARNING, "Bean {0} state was not replicated: {1}; nothing of it changed in the replica; {2} so far"),
    B012(Level.FINE, "Bean {0} changes dropped: its transaction ended with status {1}; {2} so far"),
    B013(Level.FINE, "Bean {0} field {1} holds a container proxy ({2}): left to the container, not replicated"),

    B020(Level.INFO, "Bean {0} restored from its replica on this node: {1} field(s) {2}"),
    B021(Level.WARNING, "Bean {0} field {1} could not be restored (class gone, changed or refused): {2}; it keeps"
            + " the value of a new instance; {3} so far"),

    B030(Level.WARNING, "Bean handle refused (garbled or forged): {0}; {1} so far"),
    B031(Level.WARNING, "Bean session {0} no longer exists anywhere; {1} so far"),
    B032(Level.INFO, "Bean session {0} was taken over by another node; this instance no longer replicates");

    private final Level level;
    private final String pattern;

    BeanLog(Level level, String pattern) {
        this.level = level;
        this.pattern = pattern;
    }

    @Override
    public Level level() {
        return level;
    }

    @Override
    public String pattern() {
        return pattern;
    }

}
