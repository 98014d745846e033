package dev.understudy.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.api.ReplicationConnection;
import dev.understudy.api.ReplicationConnectionFactory;
import dev.understudy.api.ReplicationException;
import dev.understudy.api.SessionEventListener;
import dev.understudy.api.SessionKind;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.NameNotFoundException;
import org.junit.jupiter.api.Test;

class HealthServletTest {
    private final Map<String, Object> jndi = new HashMap<>();
    private final AtomicInteger closed = new AtomicInteger();
    private final AdapterProbe probe = new AdapterProbe(name -> {
        Object bound = jndi.get(name);
        if (bound == null) {
            throw new NameNotFoundException(name);
        }
        return bound;
    });
    private final HealthServlet servlet = new HealthServlet(probe, new NodeName(() -> null));

    @Test
    void upWhenTheFactoryGivesAConnectionAndClosesIt() throws Exception {
        jndi.put("understudy/ReplicationConnectionFactory", factory("node-7", null));

        Exchange x = Exchange.get().run(servlet);

        assertThat(x.status).isEqualTo(200);
        assertThat(x.contentType).isEqualTo("application/json;charset=UTF-8");
        assertThat(x.body()).isEqualTo("{\"node\":\"node-7\",\"status\":\"UP\"}");
        assertThat(closed).hasValue(1);
        assertThat(x.getSessionCalls).isZero();
    }

    @Test
    void theApplicationScopedNameComesFirst() throws Exception {
        jndi.put("java:app/understudy/ReplicationConnectionFactory", factory("ear-node", null));
        jndi.put("understudy/ReplicationConnectionFactory", factory("micro-node", null));

        assertThat(Exchange.get().run(servlet).body()).contains("\"node\":\"ear-node\"");
    }

    @Test
    void downWhenNothingIsBound() throws Exception {
        Exchange x = Exchange.get().run(servlet);

        assertThat(x.status).isEqualTo(503);
        assertThat(x.body()).contains("\"status\":\"DOWN\"", "\"reason\":\"no replication connection factory bound: "
                + "java:app/understudy/ReplicationConnectionFactory (javax.naming.NameNotFoundException");
        assertThat(x.getSessionCalls).isZero();
    }

    @Test
    void downWhenTheBoundObjectIsNotTheAdaptersFactory() throws Exception {
        jndi.put("understudy/ReplicationConnectionFactory", "a string");

        Exchange x = Exchange.get().run(servlet);

        assertThat(x.status).isEqualTo(503);
        assertThat(x.body()).contains("is a java.lang.String, not a dev.understudy.api.ReplicationConnectionFactory");
    }

    @Test
    void downWhenTheAdapterRefusesAConnection() throws Exception {
        jndi.put("understudy/ReplicationConnectionFactory", factory(null, new ReplicationException("adapter stopped")));

        Exchange x = Exchange.get().run(servlet);

        assertThat(x.status).isEqualTo(503);
        assertThat(x.body()).contains("\"reason\":\"the adapter gives no connection: "
                + "dev.understudy.api.ReplicationException: adapter stopped\"");
    }

    @Test
    void onlyGet() throws Exception {
        Exchange x = Exchange.post().run(servlet);

        assertThat(x.status).isEqualTo(405);
        assertThat(x.headers).containsEntry("Allow", "GET");
        assertThat(x.getSessionCalls).isZero();
    }

    private ReplicationConnectionFactory factory(String node, RuntimeException refusal) {
        return new ReplicationConnectionFactory() {
            @Override
            public ReplicationConnection getConnection() {
                if (refusal != null) {
                    throw refusal;
                }
                return Fakes.proxy(ReplicationConnection.class, (proxy, method, args) -> switch (method.getName()) {
                    case "nodeId" -> node;
                    case "close" -> {
                        closed.incrementAndGet();
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
            }

            @Override
            public void setSessionEventListener(SessionKind kind, String scope, SessionEventListener listener) {
            }

            @Override
            public void removeSessionEventListener(SessionKind kind, String scope) {
            }
        };
    }
}
