package dev.understudy.ejb.client;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The client side of one replicated bean (seed Fig. 5): carries the bean's {@link BeanHandle} with each call,
 * calls its primary, and when the primary is gone calls its secondary — which takes the bean over — then any
 * other server (which fetches the state). Each reply brings the current handle back.
 *
 * <p><b>Only clean failures are retried</b> (seed ¶66): a call that certainly did not reach the server
 * ({@link ConnectException}, or {@link Unavailable} thrown by the invoker, e.g. for HTTP 503). Any other
 * {@link IOException} may have run on the server and is thrown to the caller, who knows whether the call is
 * safe to repeat. Transport-neutral: the {@link Invoker} makes the call (HTTP, RMI, ...). Plain Java.
 * Thread-safe; calls of one client are serialized, as a stateful bean's calls are.
 */
public final class FailoverClient {

    /** Makes one call on one server, sending {@code handle} ({@code null} for a new bean). */
    @FunctionalInterface
    public interface Invoker<R> {
        Reply<R> invoke(String node, String handle) throws IOException;
    }

    /** A call's result and the handle the server sent back ({@code null}: unchanged). */
    public record Reply<R>(R value, String handle) {
    }

    /** The server certainly did not run the call (refused, stopping, not ready): safe to try the next one. */
    public static class Unavailable extends IOException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }

    private final List<String> nodes;
    private BeanHandle handle;
    private int next;
    private long failovers;

    /** @param nodes the servers that may serve the bean; a new bean starts on the first */
    public FailoverClient(List<String> nodes) {
        if (nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException("FailoverClient needs at least one server");
        }
        this.nodes = List.copyOf(nodes);
    }

    /** A client continuing a bean whose handle it already holds. */
    public FailoverClient(List<String> nodes, BeanHandle handle) {
        this(nodes);
        this.handle = Objects.requireNonNull(handle, "handle");
    }

    /**
     * Calls the bean: on its primary, else its secondary, else the other servers, in that order.
     *
     * @throws IOException the last failure (the earlier ones suppressed in it) when no server could take the
     *                     call, or an unclean failure
     */
    public synchronized <R> R call(Invoker<R> invoker) throws IOException {
        List<IOException> failures = new ArrayList<>();
        boolean first = true;
        for (String node : order()) {
            try {
                Reply<R> reply = invoker.invoke(node, handle == null ? null : handle.toString());
                if (reply.handle() != null) {
                    handle = BeanHandle.parse(reply.handle());
                }
                if (!first) {
                    failovers++;
                }
                return reply.value();
            } catch (ConnectException | Unavailable e) {
                failures.add(e);
                first = false;
            }
        }
        IOException last = failures.remove(failures.size() - 1);
        failures.forEach(last::addSuppressed);
        throw last;
    }

    /** The handle held now, empty before the first reply. */
    public synchronized Optional<BeanHandle> handle() {
        return Optional.ofNullable(handle);
    }

    /** How many calls succeeded on another server than the first tried. */
    public synchronized long failovers() {
        return failovers;
    }

    private List<String> order() {
        Set<String> order = new LinkedHashSet<>();
        if (handle != null) {
            order.add(handle.primary());
            handle.secondary().ifPresent(order::add);
        } else {
            order.add(nodes.get(next++ % nodes.size()));
        }
        order.addAll(nodes);
        return new ArrayList<>(order);
    }
}
