package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletContainerInitializer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** What the container reads from the jar: the web fragment and the initializer's service entry. */
class PackagingTest {

    private static final String NS = "https://jakarta.ee/xml/ns/jakartaee";

    private static Document fragment() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (InputStream in = PackagingTest.class.getResourceAsStream("/META-INF/web-fragment.xml")) {
            assertThat(in).isNotNull();
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static List<String> texts(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(NS, name);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }

    @Test
    void theFragmentDeclaresTheFilterFirstForEveryRequest() throws Exception {
        Element root = fragment().getDocumentElement();

        assertThat(root.getNamespaceURI()).isEqualTo(NS);
        assertThat(root.getLocalName()).isEqualTo("web-fragment");
        assertThat(root.getAttribute("version")).isEqualTo("6.0");
        assertThat(texts(root, "name")).containsExactly("understudy");
        Element ordering = (Element) root.getElementsByTagNameNS(NS, "ordering").item(0);
        Node before = ordering.getElementsByTagNameNS(NS, "before").item(0);
        assertThat(((Element) before).getElementsByTagNameNS(NS, "others").getLength()).isEqualTo(1);

        assertThat(texts(root, "filter-name")).containsExactly("UnderstudySessionFilter", "UnderstudySessionFilter");
        assertThat(texts(root, "async-supported")).containsExactly("true");
        assertThat(texts(root, "url-pattern")).containsExactly("/*");
        assertThat(texts(root, "dispatcher")).containsExactly("REQUEST", "ASYNC", "ERROR");
        String filterClass = texts(root, "filter-class").get(0);
        assertThat(Filter.class.isAssignableFrom(Class.forName(filterClass))).isTrue();
        assertThat(Class.forName(filterClass).getConstructor()).isNotNull();
    }

    @Test
    void theFragmentElementsAreInTheSchemaOrder() throws Exception {
        Element filter = (Element) fragment().getDocumentElement().getElementsByTagNameNS(NS, "filter").item(0);
        List<String> children = new ArrayList<>();
        for (Node n = filter.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                children.add(n.getLocalName());
            }
        }
        assertThat(children).containsExactly("filter-name", "filter-class", "async-supported");
    }

    @Test
    void theInitializerIsAServiceOfTheJar() throws Exception {
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/services/jakarta.servlet.ServletContainerInitializer")) {
            String names = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(Arrays.stream(names.split("\\R")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toList())).containsExactly(ListenerDiscoveryInitializer.class.getName());
        }
        assertThat(ServiceLoader.load(ServletContainerInitializer.class).stream().map(p -> p.type().getName()))
                .contains(ListenerDiscoveryInitializer.class.getName());
    }
}
