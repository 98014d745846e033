package dev.understudy.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.CommitReceipt;
import dev.understudy.api.ReplicationException;
import dev.understudy.api.SessionKind;
import dev.understudy.api.SessionMovedException;
import dev.understudy.api.SessionRoute;
import dev.understudy.api.SessionState;
import dev.understudy.core.engine.CommitResult;
import dev.understudy.core.engine.NotOwnerException;
import dev.understudy.core.engine.ReplicationTimeoutException;
import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.SessionKey;
import dev.understudy.core.model.Stamp;
import dev.understudy.core.route.Route;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The translation between the public API and the engine's model. */
class ApiMappingTest {

    @Test
    void sessionIdsCarry144RandomBitsAsUrlSafeText() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = ApiMapping.newSessionId();
            assertThat(id).hasSize(24).matches("[A-Za-z0-9_-]+");
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(18);
            assertThat(SessionKey.isValidId(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void keysStatesAndRoutesTravelBothWays() {
        dev.understudy.api.SessionKey api = new dev.understudy.api.SessionKey(SessionKind.EJB, "/app", "id-1");
        assertThat(ApiMapping.key(ApiMapping.key(api))).isEqualTo(api);

        SessionState state = new SessionState(1, 2, 30, Map.of("a", new byte[] {7}));
        SessionState back = ApiMapping.state(ApiMapping.data(state));
        assertThat(back.creationTime()).isEqualTo(1);
        assertThat(back.lastAccessedTime()).isEqualTo(2);
        assertThat(back.maxInactiveSeconds()).isEqualTo(30);
        assertThat(back.attributes().get("a")).containsExactly(7);

        SessionRoute route = new SessionRoute("id-1", "a", null, 3);
        assertThat(ApiMapping.route(ApiMapping.route(route))).isEqualTo(route);
        assertThat(ApiMapping.route(new Route("id-1", NodeId.of("a"), NodeId.of("b"), 4)))
                .isEqualTo(new SessionRoute("id-1", "a", "b", 4));
    }

    @Test
    void aReceiptCarriesTheRouteVersionAndProtection() {
        CommitReceipt r = ApiMapping.receipt("id-2", new CommitResult(new Stamp(2, 9), NodeId.of("b"), null,
                CommitResult.Protection.UNPROTECTED));

        assertThat(r).isEqualTo(new CommitReceipt(new SessionRoute("id-2", "b", null, 2), 9,
                CommitReceipt.Protection.UNPROTECTED));
    }

    @Test
    void engineFailuresBecomeApiExceptions() {
        NotOwnerException notOwner = new NotOwnerException(SessionKey.web("/x", "id"), "taken over");
        assertThat(ApiMapping.translate(notOwner)).isInstanceOf(SessionMovedException.class).hasCause(notOwner)
                .hasMessageContaining("taken over");
        assertThat(ApiMapping.translate(new ReplicationTimeoutException("slow")))
                .isExactlyInstanceOf(ReplicationException.class).hasMessage("slow");
        assertThat(ApiMapping.translate(new IllegalStateException("stopped")))
                .isExactlyInstanceOf(ReplicationException.class);
        assertThat(ApiMapping.translate(new RejectedExecutionException("stopped")))
                .isExactlyInstanceOf(ReplicationException.class);
        IllegalArgumentException tooLarge = new IllegalArgumentException("too large");
        assertThat(ApiMapping.translate(tooLarge)).isSameAs(tooLarge);
    }
}
