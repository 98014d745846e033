package dev.understudy.it.arquillian;

import static dev.understudy.it.arquillian.BeanReplicationIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.demo.client.SessionClient;
import dev.understudy.it.app.AdapterHealthServlet;
import dev.understudy.it.app.TestWars;
import dev.understudy.it.app.beans.BeanServlet;
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
 * The negative case of {@link BeanReplicationIT}: the same WAR, jars and {@code @Replicated} beans, but a
 * {@code beans.xml} without the interceptor line. Nothing may be replicated: the interceptor is enabled by that
 * line only, never by the jar's presence.
 */
@ExtendWith(ArquillianExtension.class)
class BeanInterceptorControlIT {
    @ArquillianResource
    private URL deployment;

    private URI base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.withInterceptors(ShrinkWrap.create(WebArchive.class, "control.war")
                .addPackage(BeanServlet.class.getPackage())
                .addClass(AdapterHealthServlet.class)
                .addAsWebInfResource(new StringAsset(TestWars.BEANS_XML_PLAIN), "beans.xml"));
    }

    @BeforeEach
    void adapterReady() {
        base = Readiness.adapterReady(deployment);
    }

    @Test
    void withoutTheBeansXmlLineNothingIsReplicated() throws Exception {
        SessionClient browser = new SessionClient().keepingContainerSession();
        ok(browser.post(base.resolve("api/bean/cart?op=add&item=apple")));
        Map<String, String> second = ok(browser.post(base.resolve("api/bean/cart?op=add&item=pear")));
        assertThat(second).containsEntry("items", "[apple, pear]");
        assertThat(second).as("the interceptor never ran").containsEntry("stats.captures", "0")
                .containsEntry("stats.unbound", "0").containsEntry("stats.notSerializable", "0");
        assertThat(browser.cookie()).as("no bean asked the filter for a session, so there is none").isEmpty();

        Map<String, String> fresh = ok(browser.dropContainerSession().get(base.resolve("api/bean/cart?op=items")));
        assertThat(fresh).as("a new instance starts empty: nothing was restored").containsEntry("items", "[]")
                .containsEntry("stats.restores", "0");
    }
}
