package dev.understudy.core.engine;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import dev.understudy.core.placement.Candidate;
import dev.understudy.core.protocol.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who is alive, as this node sees it, and whether this node itself may still serve (its lease).
 *
 * <p>Peers announce themselves by heartbeats; a peer unheard of for {@code failureTimeout} is declared dead,
 * but only while this node's own broker connection is up and its own lease is valid: losing the broker, or
 * being paused, is no evidence about peers and must never trigger mass takeovers (ARCHITECTURE §5).
 *
 * <p>The lease: every heartbeat, the node also sends a ping to its own queue. A ping sent at {@code t} that
 * came back shows that everything queued for this node before {@code t} was processed and that peers heard
 * the heartbeat of {@code t}; peers will not declare this node dead before {@code t + failureTimeout}. So the
 * node may serve its sessions without asking anyone until {@code t + failureTimeout - heartbeatInterval}.
 * Loop thread only.
 */
final class Membership {
    /** What a heartbeat meant. */
    enum Arrival { JOINED, RESTARTED, KNOWN }

    static final class Member {
        NodeInfo info;
        long lastSeen;
        /** When the broker said its consumer closed (confirmed by this node's own ping); MIN_VALUE if not. */
        long unreachableSince = Long.MIN_VALUE;
        int primaries;
        int backups;
        long assignedSinceHeartbeat;

        Member(NodeInfo info, long lastSeen) {
            this.info = info;
            this.lastSeen = lastSeen;
        }

        /** Not reported gone by the broker since its last heartbeat. */
        boolean reachable() {
            return lastSeen > unreachableSince;
        }
    }

    private final long failureTimeout;
    private final long leaseLength;
    private final Map<NodeId, Member> live = new TreeMap<>();
    private boolean connected;
    private long connectedSince;
    private long lastPingSent = Long.MIN_VALUE;
    private long leaseLapsedAt = Long.MIN_VALUE;

    Membership(long failureTimeoutNanos, long heartbeatNanos) {
        this.failureTimeout = failureTimeoutNanos;
        this.leaseLength = failureTimeoutNanos - heartbeatNanos;
    }

    Arrival onHeartbeat(Message.Heartbeat hb, long now) {
        NodeId id = hb.node().id();
        Member m = live.get(id);
        Arrival arrival = Arrival.KNOWN;
        if (m == null) {
            m = new Member(hb.node(), now);
            live.put(id, m);
            arrival = Arrival.JOINED;
        } else if (m.info.number() != hb.node().number()) {
            m.info = hb.node();
            arrival = Arrival.RESTARTED;
        }
        m.lastSeen = now;
        m.primaries = hb.primaries();
        m.backups = hb.backups();
        m.assignedSinceHeartbeat = 0;
        return arrival;
    }

    /** A peer left gracefully or was declared dead by a hint; returns whether it was live. */
    boolean remove(NodeId id) {
        return live.remove(id) != null;
    }

    /** Peers silent for longer than the failure timeout (id and incarnation), removed from the live set. Empty when unsure. */
    List<NodeInfo> detectFailures(long now) {
        List<NodeInfo> dead = new ArrayList<>();
        if (!mayJudgePeers(now)) {
            return dead;
        }
        for (Member m : List.copyOf(live.values())) {
            long heardOrWatching = Math.max(m.lastSeen, Math.max(connectedSince, leaseLapsedAt));
            if (now - heardOrWatching > failureTimeout) {
                live.remove(m.info.id());
                dead.add(m.info);
            }
        }
        return dead;
    }

    /** Whether this node's own view is trustworthy: connected and its lease valid. */
    boolean mayJudgePeers(long now) {
        return connected && leaseValid(now);
    }

    /** When {@code id}'s last heartbeat arrived ({@code Long.MIN_VALUE} if it is not live). */
    long lastSeen(NodeId id) {
        Member m = live.get(id);
        return m == null ? Long.MIN_VALUE : m.lastSeen;
    }

    boolean isLive(NodeId id) {
        return live.containsKey(id);
    }

    /**
     * Notes that the broker reported {@code id}'s consumer closed at {@code since} (and this node's own path was
     * proven afterwards): frames to it reach nobody until it is heard from again.
     *
     * @return whether it was reachable until now
     */
    boolean markUnreachable(NodeId id, long since) {
        Member m = live.get(id);
        if (m == null || !m.reachable()) {
            return false;
        }
        m.unreachableSince = since;
        return true;
    }

    /** Live, and not reported gone by the broker since its last heartbeat: worth waiting for an answer from. */
    boolean isReachable(NodeId id) {
        Member m = live.get(id);
        return m != null && m.reachable();
    }

    /** The incarnation number frames to {@code id} are addressed to, {@code 0} if unknown. */
    long incarnation(NodeId id) {
        Member m = live.get(id);
        return m == null ? 0 : m.info.number();
    }

    Collection<Candidate> candidates() {
        List<Candidate> list = new ArrayList<>();
        for (Member m : live.values()) {
            if (m.reachable()) { // a peer reported gone would never acknowledge
                list.add(new Candidate(m.info, (long) m.backups + m.assignedSinceHeartbeat));
            }
        }
        return list;
    }

    /** Counts an assignment until the peer's next heartbeat reports its real load. */
    void noteAssigned(NodeId id) {
        Member m = live.get(id);
        if (m != null) {
            m.assignedSinceHeartbeat++;
        }
    }

    boolean hasLivePeers() {
        return !live.isEmpty();
    }

    Collection<NodeInfo> liveNodes() {
        return live.values().stream().map(m -> m.info).toList();
    }

    /** The live peers as the status shows them, by id. */
    List<EngineStatus.Peer> peers(long now) {
        List<EngineStatus.Peer> list = new ArrayList<>(live.size());
        for (Member m : live.values()) {
            list.add(new EngineStatus.Peer(m.info, m.primaries, m.backups, Math.max(0, (now - m.lastSeen) / 1_000_000)));
        }
        return list;
    }

    void onConnected(long now) {
        connected = true;
        connectedSince = now;
    }

    void onDisconnected() {
        connected = false;
    }

    long connectedSince() {
        return connectedSince;
    }

    boolean isConnected() {
        return connected;
    }

    void onPing(Message.Ping ping) {
        lastPingSent = Math.max(lastPingSent, ping.sentNanos());
    }

    /** Whether a self-ping sent at or after {@code t} has come back: this node's path through the broker works. */
    boolean pingReturnedSince(long t) {
        return lastPingSent != Long.MIN_VALUE && lastPingSent >= t;
    }

    boolean leaseValid(long now) {
        return lastPingSent != Long.MIN_VALUE && now - lastPingSent < leaseLength;
    }

    /** Records that the lease was found lapsed: peers are not judged until heard from afresh. */
    void noteLeaseLapsed(long now) {
        leaseLapsedAt = now;
    }

    long millisSinceLastPing(long now) {
        return lastPingSent == Long.MIN_VALUE ? -1 : (now - lastPingSent) / 1_000_000;
    }
}
