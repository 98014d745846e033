package dev.understudy.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.understudy.api.SessionEventListener;
import dev.understudy.api.SessionKind;
import dev.understudy.api.SessionState;
import dev.understudy.core.model.Metadata;
import dev.understudy.core.model.SessionData;
import dev.understudy.core.model.SessionKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Engine events reach the listener registered for the session's (kind, scope), in API terms, and nothing else. */
class SessionEventRegistryTest {
    private final SessionEventRegistry registry = new SessionEventRegistry();
    private final List<String> heard = new CopyOnWriteArrayList<>();

    private SessionEventListener recording(String name) {
        return new SessionEventListener() {
            @Override
            public void expired(dev.understudy.api.SessionKey key, SessionState lastState) {
                heard.add(name + " expired " + key.id() + " created " + lastState.creationTime() + " attrs "
                        + lastState.attributes().keySet());
            }

            @Override
            public void promoted(dev.understudy.api.SessionKey key) {
                heard.add(name + " promoted " + key.kind() + " " + key.scope() + " " + key.id());
            }
        };
    }

    @Test
    void eventsAreDispatchedByKindAndScope() {
        registry.register(SessionKind.WEB, "/shop", recording("shop"));
        registry.register(SessionKind.EJB, "/shop", recording("beans"));
        registry.register(SessionKind.WEB, "/other", recording("other"));

        registry.promoted(new SessionKey(SessionKind.EJB, "/shop", "b1"));
        registry.expired(SessionKey.web("/shop", "s1"),
                new SessionData(new Metadata(7, 8, 60), Map.of("cart", new byte[] {1})));
        registry.promoted(SessionKey.web("/nobody", "s2"));
        registry.lost(SessionKey.web("/shop", "s3"));

        assertThat(heard).containsExactly("beans promoted EJB /shop b1", "shop expired s1 created 7 attrs [cart]");
    }

    @Test
    void aReplacedOrRemovedListenerHearsNothingMoreAndAFailingOneNeverReachesTheEngine() {
        registry.register(SessionKind.WEB, "/shop", recording("first"));
        registry.register(SessionKind.WEB, "/shop", new SessionEventListener() {
            @Override
            public void promoted(dev.understudy.api.SessionKey key) {
                throw new IllegalStateException("listener bug");
            }
        });

        assertThatCode(() -> registry.promoted(SessionKey.web("/shop", "s1"))).doesNotThrowAnyException();
        registry.remove(SessionKind.WEB, "/shop");
        registry.promoted(SessionKey.web("/shop", "s2"));

        assertThat(heard).isEmpty();
    }
}
