package dev.understudy.core.protocol;

import dev.understudy.core.model.NodeId;
import java.util.List;
import java.util.Objects;

/**
 * The unit the transport carries: messages from one sender, coalesced. {@code senderNumber} names the
 * sender's incarnation; {@code targetNumber} the receiver's ({@code 0} for broadcasts), so that a restarted
 * node drops frames queued for its previous life.
 */
public record Frame(NodeId sender, long senderNumber, long targetNumber, List<Message> messages) {
    public Frame {
        Objects.requireNonNull(sender, "sender");
        messages = List.copyOf(messages);
    }
}
