package dev.understudy.transport.artemis;

import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;

/** Builds the core client's {@link ServerLocator} for a transport. */
final class ClientLocators {

    private ClientLocators() {
    }

    /** Parses {@code brokerUrl} without connecting; throws {@link IllegalArgumentException} if it is not valid. */
    static void validateUrl(String brokerUrl) {
        try (ServerLocator parsed = ActiveMQClient.createServerLocator(brokerUrl)) {
            if (parsed.getStaticTransportConfigurations().length == 0 && parsed.getDiscoveryGroupConfiguration() == null) {
                throw new IllegalArgumentException("names no broker");
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * A locator for {@code config}: the URL's own parameters, then the transport's settings on top.
     *
     * <ul>
     * <li>the transport's thread pools instead of the JVM-wide ones;</li>
     * <li>one own Netty event-loop thread per connection ({@code useGlobalWorkerPool=false,
     * remotingThreads=1}, unless the URL sets these two): the shared event loop would outlive {@code close()}
     * by ten seconds and be shared with every other Artemis client of the class loader;</li>
     * <li>one initial connection attempt (the transport's connector thread retries), then the client's own
     * reconnection with {@code reconnectAttempts} at a fixed {@code retryInterval};</li>
     * <li>non-blocking sends with a confirmation window, so that the broker confirms every frame;</li>
     * <li>{@code callTimeout} for blocking calls and for sends caught in a reconnection (instead of
     * waiting for ever).</li>
     * </ul>
     */
    static ServerLocator create(ArtemisTransportConfig config, TransportThreads threads, int confirmationWindowBytes) {
        ServerLocator locator;
        try {
            locator = ActiveMQClient.createServerLocator(config.brokerUrl());
        } catch (Exception e) {
            throw new IllegalArgumentException("Invalid broker URL " + config.redactedBrokerUrl() + ": "
                    + ArtemisTransportConfig.redact(String.valueOf(e.getMessage())), e);
        }
        for (TransportConfiguration connector : locator.getStaticTransportConfigurations()) {
            Map<String, Object> params = connector.getParams();
            if (params != null) {
                params.putIfAbsent(TransportConstants.USE_GLOBAL_WORKER_POOL_PROP_NAME, false);
                params.putIfAbsent(TransportConstants.REMOTING_THREADS_PROPNAME, 1);
            }
        }
        long retry = config.retryInterval().toMillis();
        long callTimeout = config.callTimeout().toMillis();
        if (!locator.setThreadPools(threads.client, threads.clientScheduled, threads.clientFlowControl)) {
            throw new IllegalStateException("The Artemis client refused the transport's thread pools");
        }
        locator.setInitialConnectAttempts(1)
                .setReconnectAttempts(config.reconnectAttempts())
                .setRetryInterval(retry)
                .setRetryIntervalMultiplier(1.0)
                .setMaxRetryInterval(retry)
                .setCallTimeout(callTimeout)
                .setCallFailoverTimeout(callTimeout)
                .setBlockOnNonDurableSend(false)
                .setBlockOnDurableSend(false)
                .setConfirmationWindowSize(confirmationWindowBytes);
        return locator;
    }
}
