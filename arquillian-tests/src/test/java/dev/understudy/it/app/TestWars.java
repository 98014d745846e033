package dev.understudy.it.app;

import dev.understudy.it.support.ItSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WARs of the Payara tests, built with ShrinkWrap: for Arquillian ({@code @Deployment} returns the
 * archive) and for multi-process tests ({@link #export} writes it under {@code target/wars/}, since a Micro
 * started by hand deploys files).
 *
 * <p>{@link #withFilter} puts {@code understudy-web-filter.jar} in {@code WEB-INF/lib}, where its
 * {@code web-fragment.xml} registers the filter. The RAR's public API stays out of the WAR (Payara gives the RAR's
 * classes to applications; a second copy in the WAR would clash): a test WAR must never bundle
 * {@code understudy-api}.
 */
public final class TestWars {
    /** A {@code beans.xml} with the one line that turns bean replication on (README, bean interceptors). */
    public static final String BEANS_XML_REPLICATING = """
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated">
              <interceptors>
                <class>dev.understudy.ejb.ReplicationInterceptor</class>
              </interceptors>
            </beans>
            """;
    /** The same without that line: the control, where nothing may be replicated. */
    public static final String BEANS_XML_PLAIN = """
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated">
            </beans>
            """;

    private TestWars() {
    }

    /** {@code <name>.war}: {@link PingServlet} at {@code /<name>/ping}, CDI on (empty beans.xml). */
    public static WebArchive ping(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClass(PingServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /**
     * {@code <name>.war} with replicated sessions: {@link CounterServlet} at {@code /<name>/api/counter},
     * {@link NotesServlet} at {@code /<name>/api/notes} (in-place changes, activation), {@link AdapterHealthServlet}
     * at {@code /<name>/api/adapter} (readiness of the whole stack), and the filter jar in {@code WEB-INF/lib}. Not
     * the API jar: Payara gives the RAR's copy to applications.
     */
    public static WebArchive counter(String name) {
        return withFilter(ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(CounterServlet.class, CounterServlet.Reply.class, NotesServlet.class,
                        ActivationProbe.class, AdapterHealthServlet.class));
    }

    /** {@code war} with {@code understudy-web-filter.jar} in {@code WEB-INF/lib} (its web-fragment registers it). */
    public static WebArchive withFilter(WebArchive war) {
        return war.addAsLibraries(ItSettings.webFilterJar().toFile());
    }

    /**
     * {@code war} with the filter and {@code understudy-ejb-interceptors.jar} in {@code WEB-INF/lib}; the interceptor
     * is enabled only where the WAR's own {@code beans.xml} names it.
     */
    public static WebArchive withInterceptors(WebArchive war) {
        return withFilter(war).addAsLibraries(ItSettings.ejbInterceptorsJar().toFile());
    }

    /** Writes {@code war} to {@code target/wars/<its name>} (replacing a file of that name) and returns the path. */
    public static Path export(WebArchive war) {
        Path directory = ItSettings.buildDirectory().resolve("wars");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = directory.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    /** The jar or directory {@code type} was loaded from, e.g. to put a test library into a WAR. */
    public static Path codeSourceOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(type.getName(), e);
        }
    }
}
