package dev.understudy.it.arquillian;

import static dev.understudy.it.arquillian.BeanReplicationIT.delta;
import static dev.understudy.it.arquillian.BeanReplicationIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.demo.client.SessionClient;
import dev.understudy.it.app.AdapterHealthServlet;
import dev.understudy.it.app.TestWars;
import dev.understudy.it.app.beans.BeanServlet;
import dev.understudy.it.app.priority.AppReplication;
import dev.understudy.it.support.Readiness;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The other way to enable the interceptor: no {@code beans.xml} line, but a subclass annotated {@code @Priority}
 * ({@link AppReplication}) — replication works exactly as with the line.
 */
@ExtendWith(ArquillianExtension.class)
class BeanInterceptorPriorityIT {
    @ArquillianResource
    private URL deployment;

    private URI base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.withInterceptors(ShrinkWrap.create(WebArchive.class, "priority.war")
                .addPackage(BeanServlet.class.getPackage())
                .addClasses(AppReplication.class, AdapterHealthServlet.class)
                .addAsWebInfResource(new StringAsset(TestWars.BEANS_XML_PLAIN), "beans.xml"));
    }

    @BeforeEach
    void adapterReady() {
        base = Readiness.adapterReady(deployment);
    }

    @Test
    void aPrioritySubclassEnablesReplicationWithoutTheBeansXmlLine() throws Exception {
        SessionClient browser = new SessionClient().keepingContainerSession();
        ok(browser.post(base.resolve("api/bean/cart?op=add&item=apple")));
        Map<String, String> second = ok(browser.post(base.resolve("api/bean/cart?op=add&item=pear")));

        Map<String, String> restored = ok(browser.dropContainerSession().get(base.resolve("api/bean/cart?op=items")));
        assertThat(restored).containsEntry("items", "[apple, pear]");
        assertThat(delta(second, restored, "stats.restores")).as("one new instance, restored once").isEqualTo(1);
    }
}
