package dev.understudy.ejb;

import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.SessionKey;
import dev.understudy.api.SessionRoute;
import dev.understudy.api.StoredSession;
import dev.understudy.ejb.client.BeanHandle;
import jakarta.ejb.NoSuchEJBException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The server side of bean handles (seed Fig. 5), for replicated beans that do not live in an HTTP session: an
 * endpoint (JAX-RS, servlet, remote EJB) passes the handle its client sent and gets the bean to call — this
 * node's live instance while it serves the bean, else a fresh instance restored from the newest replica (taking
 * the bean over, as a secondary does when the primary is gone) — and the handle to send back.
 *
 * <pre>{@code
 * @Inject Instance<Wizard> wizards;
 *
 * ReplicatedBeans.Reply<Integer> reply = ReplicatedBeans.call(request.getHeader(BeanHandle.HEADER),
 *         wizards::get, Wizard::next);
 * response.setHeader(BeanHandle.HEADER, reply.handle());
 * }</pre>
 *
 * <p>Bad input: a garbled or forged handle is refused with {@link IllegalArgumentException} ({@code US-B030},
 * counted) and never makes this node fetch anything; a handle whose bean no longer exists anywhere gives
 * {@link NoSuchEJBException} ({@code US-B031}).
 */
public final class ReplicatedBeans {
    private static final Logger LOG = Logger.getLogger(ReplicatedBeans.class.getName());
    /** This node's live bean instances (their container references), by bean session id. */
    private static final Map<String, Object> LIVE = new ConcurrentHashMap<>();
    private static volatile String scope;

    /** A call's result and the handle to send back ({@code null} when the call reached no replicated bean). */
    public record Reply<R>(R value, String handle) {
    }

    private ReplicatedBeans() {
    }

    /**
     * Runs {@code body} on the bean {@code handle} names (a new one from {@code create} if {@code handle} is
     * {@code null} or blank).
     *
     * @param create makes a new bean instance (e.g. {@code Instance<T>::get} or a JNDI lookup of the bean)
     * @throws IllegalArgumentException the handle is garbled or forged
     * @throws NoSuchEJBException       the bean no longer exists anywhere (removed, expired, or every copy lost)
     */
    public static <T, R> Reply<R> call(String handle, Supplier<T> create, Function<T, R> body) {
        T bean;
        BeanCall call;
        String id = null;
        if (handle == null || handle.isBlank()) {
            bean = create.get();
            call = new BeanCall(null, null);
        } else {
            BeanHandle parsed = parse(handle);
            try (ReplicationConnection c = Connections.open()) {
                SessionRoute route = c.decodeSummedRoute(parsed.route()).orElseThrow(() -> refused(handle, "MAC"));
                id = route.sessionId();
                Optional<StoredSession> opened = c.open(SessionKey.bean(scope(), id), route);
                if (opened.isEmpty()) {
                    LIVE.remove(id);
                    BeanLog.B031.logCounted(LOG, null, BeanStats.get().replicationFailures.incrementAndGet(), id);
                    throw new NoSuchEJBException("US-B031 Bean session " + id
                            + " no longer exists anywhere: removed, expired, or every copy lost");
                }
                @SuppressWarnings("unchecked")
                T local = (T) LIVE.get(id);
                if (local != null && !opened.get().arrived()) {
                    bean = local;
                    call = new BeanCall(null, null);
                } else {
                    bean = create.get();
                    call = new BeanCall(opened.get(), c.deserializationFilter());
                }
            }
        }
        R value = call.run(() -> body.apply(bean));
        OwnSessionStore served = call.served();
        if (served == null || served.sessionId() == null || served.isDetached()) {
            return new Reply<>(value, id == null ? null : handle);
        }
        LIVE.put(served.sessionId(), bean);
        try (ReplicationConnection c = Connections.open()) {
            SessionRoute route = served.route();
            return new Reply<>(value, BeanHandle.of(c.encodeSummedRoute(route), route.secondary()).toString());
        }
    }

    /** The scope of bean sessions: the application's name. */
    static String scope() {
        String s = scope;
        if (s == null) {
            s = Environment.applicationName();
            scope = s;
        }
        return s;
    }

    /** A bean instance ended here (removed, timed out, undeployed): its live reference goes. */
    static void forget(BeanReplicator replicator) {
        replicator.ownSession().map(OwnSessionStore::sessionId).ifPresent(LIVE::remove);
    }

    private static BeanHandle parse(String handle) {
        try {
            return BeanHandle.parse(handle);
        } catch (IllegalArgumentException e) {
            throw refused(handle, e.getMessage());
        }
    }

    private static IllegalArgumentException refused(String handle, String why) {
        long n = BeanStats.get().refusedHandles.incrementAndGet();
        BeanLog.B030.logCounted(LOG, null, n, why);
        return new IllegalArgumentException(BeanLog.B030.render(why, n));
    }
}
