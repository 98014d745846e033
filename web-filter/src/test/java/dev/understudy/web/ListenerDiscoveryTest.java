package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.web.ListenerDiscovery.Candidate;
import dev.understudy.web.ListenerDiscovery.WebXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EventListener;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Where the filter's listener instances come from. */
class ListenerDiscoveryTest {

    private static final Logger LOGGER = Logger.getLogger("test.discovery");

    private static WebXml parse(String xml) throws IOException {
        return ListenerDiscovery.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void webXmlListenersAreReadInOrderWhateverTheVersion() throws IOException {
        WebXml current = parse("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                + "<listener><listener-class> a.First </listener-class></listener>"
                + "<listener><listener-class>b.Second</listener-class></listener></web-app>");
        WebXml legacy = parse("<?xml version=\"1.0\"?><!DOCTYPE web-app PUBLIC \"-//Sun Microsystems, Inc.//DTD Web"
                + " Application 2.3//EN\" \"http://java.sun.com/dtd/web-app_2_3.dtd\"><web-app metadata-complete="
                + "\"true\"><listener><listener-class>c.Third</listener-class></listener></web-app>");

        assertThat(current).isEqualTo(new WebXml(false, List.of("a.First", "b.Second")));
        assertThat(legacy).isEqualTo(new WebXml(true, List.of("c.Third")));
    }

    @Test
    void anExternalEntityIsNeverFetched() throws IOException {
        WebXml xxe = parse("<?xml version=\"1.0\"?><!DOCTYPE web-app [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<web-app><listener><listener-class>a.B&x;</listener-class></listener></web-app>");

        assertThat(xxe.listenerClasses()).containsExactly("a.B");
    }

    @Test
    void candidatesAreExplicitThenWebXmlThenAnnotatedWithoutRepeats() {
        Set<Class<?>> handlesTypes = Set.of(TestValues.Recorder.class, TestValues.Second.class,
                TestValues.ContextAndSession.class);
        WebXml webXml = new WebXml(false, List.of("x.FromXml", TestValues.Recorder.class.getName()));

        List<Candidate> all = ListenerDiscovery.candidates(List.of("x.Explicit"), true, webXml, handlesTypes);

        assertThat(all).containsExactly(new Candidate("x.Explicit", true), new Candidate("x.FromXml", false),
                new Candidate(TestValues.Recorder.class.getName(), false),
                new Candidate(TestValues.ContextAndSession.class.getName(), false));
    }

    @Test
    void metadataCompleteTurnsAnnotationsOffAndExplicitTurnsDiscoveryOff() {
        Set<Class<?>> handlesTypes = Set.of(TestValues.Recorder.class);

        assertThat(ListenerDiscovery.candidates(List.of(), true, new WebXml(true, List.of("x.A")), handlesTypes))
                .containsExactly(new Candidate("x.A", false));
        assertThat(ListenerDiscovery.candidates(List.of("x.E"), false, new WebXml(false, List.of("x.A")),
                handlesTypes)).containsExactly(new Candidate("x.E", true));
    }

    @Test
    void onlySessionListenersAreInstantiatedThroughTheContext() {
        FakeHttp.Context context = new FakeHttp.Context();

        List<EventListener> instances = ListenerDiscovery.instantiate(context.proxy(), List.of(
                new Candidate(TestValues.Recorder.class.getName(), false),
                new Candidate(TestValues.ContextOnly.class.getName(), false),
                new Candidate(TestValues.ContextAndSession.class.getName(), false),
                new Candidate("no.such.Listener", true),
                new Candidate(TestValues.ContextOnly.class.getName(), true)), LOGGER);

        assertThat(instances).hasSize(1).first().isInstanceOf(TestValues.Recorder.class);
        assertThat(context.created).containsExactly(TestValues.Recorder.class.getName());
    }

    @Test
    void aContextAndSessionListenerIsUsedWhenNamedExplicitly() {
        FakeHttp.Context context = new FakeHttp.Context();

        List<EventListener> instances = ListenerDiscovery.instantiate(context.proxy(),
                List.of(new Candidate(TestValues.ContextAndSession.class.getName(), true)), LOGGER);

        assertThat(instances).hasSize(1);
    }

    @Test
    void discoveryReadsWebXmlAndTheInitializersClasses() {
        FakeHttp.Context context = new FakeHttp.Context();
        context.webXml = "<web-app><listener><listener-class>" + TestValues.Second.class.getName()
                + "</listener-class></listener></web-app>";
        new ListenerDiscoveryInitializer().onStartup(Set.of(TestValues.Recorder.class), context.proxy());

        List<EventListener> instances = ListenerDiscovery.discover(context.proxy(), List.of(), true, LOGGER);

        assertThat(instances).extracting(l -> l.getClass().getSimpleName()).containsExactly("Second", "Recorder");
    }

    @Test
    void anUnreadableWebXmlIsReportedAndDiscoveryGoesOn() {
        FakeHttp.Context context = new FakeHttp.Context();
        context.webXml = "<web-app><listener>";
        new ListenerDiscoveryInitializer().onStartup(null, context.proxy());

        assertThat(ListenerDiscovery.discover(context.proxy(), List.of(TestValues.Second.class.getName()), true,
                LOGGER)).hasSize(1);
    }
}
