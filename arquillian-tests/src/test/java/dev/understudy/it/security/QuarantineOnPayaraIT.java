package dev.understudy.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.demo.client.SessionClient;
import dev.understudy.demo.client.SessionClient.Reply;
import dev.understudy.it.app.AdapterHealthServlet;
import dev.understudy.it.app.TestWars;
import dev.understudy.it.app.session.SessionProbeServlet;
import dev.understudy.it.support.KeyValues;
import dev.understudy.it.support.Readiness;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 7 points 3 and 6 on a real Payara Micro (one boot): a session whose stored bytes hold a class outside the
 * adapter's allow-list ({@code java.io.File}), a class whose {@code serialVersionUID} changed, and a class this
 * deployment does not have, as a broker peer or an earlier deployment could leave them ({@link PlantServlet}).
 * Through the filter and the application's real class loader, each is quarantined: the request answers 200, the
 * application sees only its genuine attribute, the counter says exactly 3 per request that met them (the bytes stay
 * stored, so every request reading the session meets them again), and the adapter still holds the bytes.
 */
@ExtendWith(ArquillianExtension.class)
class QuarantineOnPayaraIT {

    @ArquillianResource
    private URL deployment;

    private URI base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.withFilter(ShrinkWrap.create(WebArchive.class, "security.war")
                .addPackage(SessionProbeServlet.class.getPackage())
                .addClasses(PlantServlet.class, Profile.class, AdapterHealthServlet.class));
    }

    @BeforeEach
    void adapterReady() {
        base = Readiness.adapterReady(deployment);
    }

    @Test
    void unreadableAttributesAreQuarantinedAndTheRestOfTheSessionIsServed() throws Exception {
        SessionClient client = new SessionClient();
        String id = ok(client.post(base.resolve("session/set?name=user&value=ann"))).get("id");
        assertThat(ok(new SessionClient().post(base.resolve("plant?id=" + id)))).containsEntry("planted", "3");

        Map<String, String> seen = ok(client.get(base.resolve("session/info")));
        Map<String, String> changed = ok(client.post(base.resolve("session/set?name=step&value=2")));

        assertThat(seen).containsEntry("id", id).containsEntry("names", "user").containsEntry("attr.user", "ann");
        assertThat(changed).containsEntry("names", "step,user");
        assertThat(ok(new SessionClient().get(base.resolve("plant?id=" + id))))
                .containsEntry("names", "bad-gone,bad-refused,bad-uid,step,user")
                .containsEntry("quarantined", "6");
    }

    private static Map<String, String> ok(Reply reply) {
        assertThat(reply.status()).as("status, body %s", reply.body()).isEqualTo(200);
        return KeyValues.parse(reply.body());
    }
}
