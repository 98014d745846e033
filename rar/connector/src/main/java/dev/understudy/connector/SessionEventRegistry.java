package dev.understudy.connector;

import dev.understudy.api.SessionEventListener;
import dev.understudy.api.SessionKind;
import dev.understudy.core.engine.SessionEvents;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The engine's {@link SessionEvents}, dispatched to the listener registered for the session's (kind, scope):
 * each application (web filter, interceptors) registers one per scope. Runs on the engine thread; a failing
 * listener is logged ({@code US-C030}) and never reaches the engine. Outlives adapter restarts.
 */
final class SessionEventRegistry implements SessionEvents {
    private record Scope(SessionKind kind, String scope) {
    }

    private final Map<Scope, SessionEventListener> listeners = new ConcurrentHashMap<>();

    void register(SessionKind kind, String scope, SessionEventListener listener) {
        listeners.put(new Scope(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(scope, "scope")),
                Objects.requireNonNull(listener, "listener"));
    }

    void remove(SessionKind kind, String scope) {
        listeners.remove(new Scope(kind, scope));
    }

    @Override
    public void expired(SessionKey key, SessionData lastData) {
        dispatch(key, "expired", l -> l.expired(ApiMapping.key(key), ApiMapping.state(lastData)));
    }

    @Override
    public void promoted(SessionKey key) {
        dispatch(key, "promoted", l -> l.promoted(ApiMapping.key(key)));
    }

    @Override
    public void lost(SessionKey key) {
        dispatch(key, "lost", l -> l.lost(ApiMapping.key(key)));
    }

    private void dispatch(SessionKey key, String event, Consumer<SessionEventListener> call) {
        SessionEventListener listener = listeners.get(new Scope(key.kind(), key.scope()));
        if (listener == null) {
            AdapterLog.C031.log(UnderstudyResourceAdapter.LOG, key.kind(), key.scope(), event, key.id());
            return;
        }
        try {
            call.accept(listener);
        } catch (RuntimeException | LinkageError e) {
            AdapterLog.C030.log(UnderstudyResourceAdapter.LOG, e, key.kind(), key.scope(), event, key.id(),
                    e.toString());
        }
    }
}
