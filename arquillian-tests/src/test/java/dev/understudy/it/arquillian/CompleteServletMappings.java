package dev.understudy.it.arquillian;

import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Works around a race in the Payara Micro connector (arquillian-payara-micro-managed 3.1): every 200 ms it takes a
 * snapshot of Micro's output and, as soon as the snapshot matches its "Instance Configuration ... HTTPS" pattern —
 * the third line of the JSON block Micro prints — it parses the servlet mappings ({@code "Deployed": [...]}) from
 * <em>that</em> snapshot. When the snapshot was taken while the block was still being read, the mappings are missing:
 * the deployment is fine, but the protocol metadata has no servlet, and every in-container test fails with
 * "ArquillianServletRunnerEE9 not found. Could not determine ContextRoot from ProtocolMetadata" (and
 * {@code @ArquillianResource URL} lacks the context root). Seen here once in a few boots, more often since the RAR
 * lengthened the block.
 *
 * <p>At {@link AfterDeploy} (same deployment context, metadata already stored), if no servlet of the
 * {@link HTTPContext} has the WAR's context root ({@code /<archive name without .war>}, Micro's default for
 * {@code --deploy}), the servlet protocol's runner is added under it — what a complete parse would have found.
 * Logged, so the race stays visible. Registered in {@code META-INF/services/...LoadableExtension}.
 */
public final class CompleteServletMappings implements LoadableExtension {
    /** The servlet of Arquillian's Jakarta servlet protocol, added to testable WARs. */
    static final String RUNNER = "ArquillianServletRunnerEE9";
    private static final Logger LOG = Logger.getLogger(CompleteServletMappings.class.getName());

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Observer.class);
    }

    /** The observer Arquillian instantiates (public, no-argument constructor). */
    public static final class Observer {
        @Inject
        private Instance<ProtocolMetaData> metaData;

        public void complete(@Observes AfterDeploy event) {
            ProtocolMetaData data = metaData.get();
            if (data == null || event.getDeployment().getArchive() == null) {
                return;
            }
            String name = event.getDeployment().getArchive().getName();
            if (!name.endsWith(".war")) {
                return;
            }
            String contextRoot = "/" + name.substring(0, name.length() - ".war".length());
            for (HTTPContext context : data.getContexts(HTTPContext.class)) {
                boolean known = context.getServlets().stream().anyMatch(s -> s.getContextRoot().equals(contextRoot));
                if (!known) {
                    LOG.warning(() -> "The Payara Micro connector parsed no servlet mappings for " + contextRoot
                            + " (it read Micro's output too early): adding " + RUNNER + " at " + contextRoot);
                    context.add(new Servlet(RUNNER, contextRoot));
                }
            }
        }
    }
}
