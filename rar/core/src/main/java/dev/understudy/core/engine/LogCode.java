package dev.understudy.core.engine;

import dev.understudy.api.CodedMessage;
import java.util.logging.Level;

/**
 * Every message the engine logs, with a stable code ({@code US-Ennn}) and its level. Codes are never
 * reused; operators can alert on them. {@code LogCodeTest} renders each one.
 */
public enum LogCode implements CodedMessage {
    STARTED("US-E001", Level.INFO, "Node {0} started (mode {1}, topology {2})"),
    LEFT("US-E002", Level.INFO, "Node {0} left the cluster after handing over {1} sessions ({2} not acknowledged)"),
    STOPPED("US-E003", Level.INFO, "Node {0} stopped"),
    PEER_JOINED("US-E010", Level.INFO, "Node {0} joined (topology {1}); it is a candidate secondary now"),
    PEER_DEAD("US-E011", Level.WARNING, "Node {0} declared dead ({1}); promoting {2} sessions it owned, re-protecting {3} it backed"),
    PEER_LEFT("US-E012", Level.INFO, "Node {0} left gracefully; re-protecting {1} sessions it backed"),
    PEER_RETURNED("US-E013", Level.WARNING, "Node {0} declared dead earlier is alive again (new incarnation: {1})"),
    PEER_CAME_BACK("US-E017", Level.WARNING, "Node {0} declared dead earlier was alive all along (same incarnation); it is"
            + " told to drop any copy it kept of the {1} sessions of this node that it no longer backs"),
    LEASE_LAPSED("US-E014", Level.WARNING, "Own lease lapsed (no self-ping for {0} ms): {1} primary sessions must be revalidated before they are served"),
    BROKER_DOWN("US-E015", Level.WARNING, "Broker connection lost ({0}); serving local sessions degraded, no peer will be declared dead meanwhile"),
    BROKER_UP("US-E016", Level.INFO, "Broker connection up; {0} sessions scheduled for full resync"),
    CORRUPT_FRAME("US-E020", Level.WARNING, "Dropped a frame that could not be decoded: {0}"),
    STALE_INCARNATION("US-E021", Level.FINE, "Dropped a frame from {0} addressed to an earlier incarnation of this node"),
    UNDELIVERABLE("US-E022", Level.WARNING, "A frame for {0} could not be sent ({1}); {2} sessions marked for full resync"),
    FENCED("US-E030", Level.WARNING, "Rejected {0} for {1} from {2}: epoch {3} is superseded by {4}"),
    FENCED_LOCALLY("US-E031", Level.WARNING, "Session {0} was taken over by {1} at {2}; this node stops serving it"),
    GAP("US-E032", Level.INFO, "Gap for {0}: holding {1}, received {2} from {3}; asked for the full state"),
    UNKNOWN_SESSION("US-E033", Level.INFO, "{0} for unknown session {1} from {2}; asked for the full state"),
    DUPLICATE("US-E034", Level.FINE, "Dropped {0} {1} for {2}: holding {3}"),
    DIGEST_MISMATCH("US-E035", Level.INFO, "Version check: {0} holds {1} for {2}, primary {3} sent {4}; resyncing"),
    CLAIM_CONFLICT("US-E036", Level.INFO, "Claim of {0} by {1} refused: expected {2}, holding {3}"),
    IGNORED("US-E037", Level.FINE, "Ignored {0} for {1} from {2}: {3}"),
    TAKEOVER("US-E040", Level.INFO, "Took over {0} at {1} from {2} (arbiter {3}, newest copy from {4})"),
    TAKEOVER_FAILED("US-E041", Level.WARNING, "Could not take over {0}: {1}"),
    SECONDARY_CHOSEN("US-E042", Level.FINE, "Secondary for {0}: {1}"),
    NO_SECONDARY("US-E043", Level.WARNING, "Session {0} has no secondary: {1}"),
    SYNC_TIMEOUT("US-E044", Level.WARNING, "Secondary {0} did not acknowledge {1} at {2} within {3} ms"),
    LIMIT("US-E045", Level.WARNING, "Refused {0} for {1}: {2}"),
    EXPIRED("US-E050", Level.FINE, "Session {0} expired on this node as {1}"),
    HANDOFF_RECEIVED("US-E051", Level.INFO, "Took {0} sessions over from leaving node {1}"),
    LISTENER_FAILED("US-E060", Level.WARNING, "A session listener failed on {0}: {1}"),
    TASK_FAILED("US-E061", Level.SEVERE, "Engine task failed: {0}"),
    WIRE_LIMIT("US-E070", Level.WARNING, "Dropped {0} for {1} from {2}, the copy held here is kept: {3}");

    private final String code;
    private final Level level;
    private final String pattern;

    LogCode(String code, Level level, String pattern) {
        this.code = code;
        this.level = level;
        this.pattern = pattern;
    }

    @Override
    public String code() {
        return code;
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
