package dev.understudy.transport.artemis;

import dev.understudy.core.model.NodeId;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.MessageHandler;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;

/**
 * Reads a frame out of each message of the node queue and the membership subscription: the body bytes, no
 * more (messages of any size, large ones included, since the client reassembles them). Runs on the client's
 * delivery thread, one message at a time per session. The message is acknowledged whatever happens to it,
 * so a frame the engine cannot handle is dropped and logged, never redelivered in a loop.
 */
final class Receiver implements MessageHandler {
    private static final Logger LOG = Logger.getLogger(Receiver.class.getPackageName());

    private final int maxFrameBytes;
    private final NodeId self;
    private final TransportCounters counters;
    private final Consumer<byte[]> frames;

    Receiver(int maxFrameBytes, NodeId self, TransportCounters counters, Consumer<byte[]> frames) {
        this.maxFrameBytes = maxFrameBytes;
        this.self = self;
        this.counters = counters;
        this.frames = frames;
    }

    @Override
    public void onMessage(ClientMessage message) {
        byte[] frame = null;
        try {
            int size = message.getBodySize();
            if (size > maxFrameBytes) {
                counters.receiveDropped.incrementAndGet();
                TransportLog.T301.log(LOG, self, size, maxFrameBytes);
            } else {
                ActiveMQBuffer body = message.getBodyBuffer();
                frame = new byte[body.readableBytes()];
                body.readBytes(frame);
            }
        } catch (RuntimeException e) {
            counters.receiveDropped.incrementAndGet();
            TransportLog.T303.log(LOG, e, self, message.getAddress());
        }
        try {
            if (frame != null) {
                frames.accept(frame);
            }
        } finally {
            acknowledge(message);
        }
    }

    /**
     * A handler for the broker's CONSUMER_CLOSED notifications (already filtered by the broker to this
     * cluster's lifelines left without a consumer): passes on the node whose lifeline it was, if the queue's
     * address is that node's own.
     */
    static MessageHandler notices(Addresses addresses, Consumer<NodeId> gone) {
        return message -> {
            try {
                Object queue = message.getObjectProperty(ManagementHelper.HDR_ROUTING_NAME);
                Object address = message.getObjectProperty(ManagementHelper.HDR_ADDRESS);
                addresses.nodeOfLifeline(queue == null ? null : queue.toString(),
                        address == null ? null : address.toString()).ifPresent(gone);
            } finally {
                acknowledge(message);
            }
        };
    }

    private static void acknowledge(ClientMessage message) {
        try {
            message.acknowledge();
        } catch (ActiveMQException e) {
            // the session is failing; the broker forgets non-durable deliveries of a dead session anyway
        }
    }
}
