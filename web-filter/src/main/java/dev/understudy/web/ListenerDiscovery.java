package dev.understudy.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EventListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Finds the application's session listeners for replicated sessions. Servlet 6 has no API that lists the
 * listeners a container registered, and the container never fires them for sessions it does not manage, so the
 * filter keeps instances of its own, made with {@link ServletContext#createListener} (so CDI injection works
 * where CDI is on), from three sources, in this order, without repeats:
 * <ol>
 * <li>the class names in the {@code listeners} parameter (always);</li>
 * <li>with {@code listenerDiscovery=auto} (the default): the {@code <listener-class>}es of
 *     {@code WEB-INF/web.xml};</li>
 * <li>with {@code auto}, unless web.xml is {@code metadata-complete}: the classes annotated
 *     {@link WebListener}, which {@link ListenerDiscoveryInitializer} learns portably through
 *     {@code @HandlesTypes} (the container hands it every class of the application implementing a session
 *     listener interface).</li>
 * </ol>
 * Only classes implementing {@link HttpSessionListener}, {@link HttpSessionAttributeListener} or
 * {@link HttpSessionIdListener} are kept. A discovered class that also implements
 * {@link ServletContextListener} is skipped ({@code US-W042}): our copy would never see
 * {@code contextInitialized}; naming it in {@code listeners} uses it anyway.
 */
final class ListenerDiscovery {

    /** The context attribute where {@link ListenerDiscoveryInitializer} leaves the {@code @HandlesTypes} classes. */
    static final String HANDLES_TYPES_ATTRIBUTE = "dev.understudy.web.sessionListenerClasses";

    /** What {@code WEB-INF/web.xml} says about listeners. */
    record WebXml(boolean metadataComplete, List<String> listenerClasses) {
        static final WebXml NONE = new WebXml(false, List.of());

        WebXml {
            listenerClasses = List.copyOf(listenerClasses);
        }
    }

    /** A class to instantiate, and whether the application named it explicitly. */
    record Candidate(String className, boolean explicit) {
    }

    private ListenerDiscovery() {
    }

    /** Reads a web.xml (any version, with or without DOCTYPE; no external entity is ever fetched). */
    static WebXml parse(InputStream in) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            Document document = builder.parse(in);
            Element root = document.getDocumentElement();
            boolean metadataComplete = "true".equalsIgnoreCase(root.getAttribute("metadata-complete").trim());
            List<String> classes = new ArrayList<>();
            NodeList listeners = root.getElementsByTagNameNS("*", "listener-class");
            for (int i = 0; i < listeners.getLength(); i++) {
                String name = listeners.item(i).getTextContent().trim();
                if (!name.isEmpty()) {
                    classes.add(name);
                }
            }
            return new WebXml(metadataComplete, classes);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable web.xml: " + e.getMessage(), e);
        }
    }

    /** The classes to instantiate, in order: explicit, then web.xml, then {@code @WebListener} (by name). */
    static List<Candidate> candidates(List<String> explicit, boolean discover, WebXml webXml,
            Collection<Class<?>> handlesTypes) {
        Map<String, Candidate> all = new LinkedHashMap<>();
        explicit.forEach(name -> all.putIfAbsent(name, new Candidate(name, true)));
        if (discover) {
            webXml.listenerClasses().forEach(name -> all.putIfAbsent(name, new Candidate(name, false)));
            if (!webXml.metadataComplete() && handlesTypes != null) {
                handlesTypes.stream()
                        .filter(type -> !type.isInterface() && !Modifier.isAbstract(type.getModifiers())
                                && type.isAnnotationPresent(WebListener.class))
                        .map(Class::getName).sorted(Comparator.naturalOrder())
                        .forEach(name -> all.putIfAbsent(name, new Candidate(name, false)));
            }
        }
        return List.copyOf(all.values());
    }

    /** Whether {@code type} implements one of the session listener interfaces the filter dispatches to. */
    static boolean isSessionListener(Class<?> type) {
        return HttpSessionListener.class.isAssignableFrom(type)
                || HttpSessionAttributeListener.class.isAssignableFrom(type)
                || HttpSessionIdListener.class.isAssignableFrom(type);
    }

    /** Everything the filter needs from the context: candidates, then one instance each. */
    static List<EventListener> discover(ServletContext context, List<String> explicit, boolean discover,
            Logger logger) {
        WebXml webXml = WebXml.NONE;
        if (discover) {
            try (InputStream in = context.getResourceAsStream("/WEB-INF/web.xml")) {
                if (in != null) {
                    webXml = parse(in);
                }
            } catch (IOException | RuntimeException e) {
                WebLog.W043.log(logger, "/WEB-INF/web.xml", e.getMessage());
            }
        }
        Object handlesTypes = context.getAttribute(HANDLES_TYPES_ATTRIBUTE);
        @SuppressWarnings("unchecked")
        Collection<Class<?>> types = handlesTypes instanceof Collection ? (Collection<Class<?>>) handlesTypes : null;
        return instantiate(context, candidates(explicit, discover, webXml, types), logger);
    }

    static List<EventListener> instantiate(ServletContext context, List<Candidate> candidates, Logger logger) {
        List<EventListener> instances = new ArrayList<>();
        ClassLoader loader = context.getClassLoader();
        for (Candidate candidate : candidates) {
            Class<?> type;
            try {
                type = Class.forName(candidate.className(), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                WebLog.W041.log(logger, candidate.className(), "cannot load it: " + e);
                continue;
            }
            if (!isSessionListener(type)) {
                if (candidate.explicit()) {
                    WebLog.W041.log(logger, candidate.className(), "it implements no HttpSession listener interface");
                }
                continue;
            }
            if (!candidate.explicit() && ServletContextListener.class.isAssignableFrom(type)) {
                WebLog.W042.log(logger, candidate.className());
                continue;
            }
            EventListener instance = create(context, type.asSubclass(EventListener.class), candidate, logger);
            if (instance != null) {
                instances.add(instance);
            }
        }
        return instances;
    }

    private static EventListener create(ServletContext context, Class<? extends EventListener> type,
            Candidate candidate, Logger logger) {
        try {
            return context.createListener(type);
        } catch (UnsupportedOperationException e) {
            try {
                return type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException e2) {
                WebLog.W041.log(logger, candidate.className(), "cannot instantiate it: " + e2);
            }
        } catch (ServletException | RuntimeException e) {
            WebLog.W041.log(logger, candidate.className(), "the container cannot create it: " + e);
        }
        return null;
    }
}
