package dev.understudy.api;

import java.util.Objects;

/**
 * What the web filter tells the application about its request's replicated session, as the request attribute
 * {@link #ATTRIBUTE}: set when the session is opened or created and renewed at every commit point. To report the
 * state a request's own change reached (version, and in SYNC mode the secondary's acknowledgement), commit first
 * — {@code response.flushBuffer()} is a commit point — then read the attribute.
 *
 * @param node       the node serving the request
 * @param secondary  {@code null} while the session has none
 * @param version    the session's version after the last commit point of this request
 * @param protection how far this request's last change got; {@code null} if it changed nothing (yet)
 * @param takenOver  this request took the session over from another node (false when this node already served
 *                   it, e.g. after promoting it by itself when its primary died)
 */
public record SessionStatus(String sessionId, String node, String primary, String secondary, long epoch,
        long version, CommitReceipt.Protection protection, boolean takenOver) {
    /** The request attribute's name. */
    public static final String ATTRIBUTE = "dev.understudy.api.SessionStatus";

    public SessionStatus {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(primary, "primary");
    }
}
