package dev.understudy.it.arquillian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.understudy.demo.process.Http;
import dev.understudy.demo.process.Loopback;
import dev.understudy.it.app.PingServlet;
import dev.understudy.it.app.TestWars;
import dev.understudy.it.support.Timings;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.naming.InitialContext;
import org.assertj.core.api.Assertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Arquillian harness works on Payara Micro: one Micro for this class (arquillian.xml), the WAR deployed,
 * a client test that reaches the servlet on 127.0.0.1 and an in-container test.
 *
 * <p>The pattern for later classes: one WAR {@code @Deployment} per class (a second deployment starts a second
 * Micro); the RAR comes from the post-boot command file; the filter jar goes into the WAR's {@code WEB-INF/lib}
 * ({@link TestWars}).
 */
@ExtendWith(ArquillianExtension.class)
class PayaraMicroSmokeIT {
    /** Set when Arquillian asks for the archive, just before it starts Micro. */
    private static long deploymentRequested;
    private static boolean bootRecorded;

    @Deployment
    static WebArchive deployment() {
        deploymentRequested = System.nanoTime();
        return TestWars.ping("smoke")
                // the test class travels in the WAR for the in-container test; its client-side helpers with it
                .addPackage(Loopback.class.getPackage())
                .addAsLibraries(TestWars.codeSourceOf(Assertions.class).toFile());
    }

    @Test
    @RunAsClient
    void theServletAnswersOnLoopback(@ArquillianResource URL base) throws Exception {
        recordBoot();
        // Micro reports the canonical name of its listener address: "localhost" for 127.0.0.1
        assertThat(Loopback.isLoopbackOnly(base.getHost())).as("host of %s is loopback only", base).isTrue();
        URI ping = Loopback.pin(base).resolve("ping");
        assertThat(ping.getHost()).isEqualTo(Loopback.ADDRESS);

        HttpResponse<String> response = Http.get(ping);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("pong pid=")
                .isNotEqualTo(PingServlet.body(ProcessHandle.current().pid(), "-"));
    }

    @Test
    void runsInsidePayara() throws Exception {
        // JNDI of a Jakarta EE server: proves this method runs inside Micro, not in the test JVM
        assertNotNull(new InitialContext().lookup("java:comp/DefaultManagedExecutorService"));
    }

    private static synchronized void recordBoot() {
        if (!bootRecorded) {
            bootRecorded = true;
            Timings.record("arquillian: Micro boot + WAR deploy (to first test)",
                    Duration.ofNanos(System.nanoTime() - deploymentRequested));
        }
    }
}
