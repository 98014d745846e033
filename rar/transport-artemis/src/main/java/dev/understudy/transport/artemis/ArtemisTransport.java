package dev.understudy.transport.artemis;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.spi.Transport;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * The engine's {@link Transport} over ActiveMQ Artemis, with the core client (measured against Jakarta
 * Messaging in {@code ClientChoiceBenchmark}). Names: see {@link Addresses}.
 *
 * <p><b>Threads.</b> {@code send} and {@code broadcast} only put the frame in a bounded queue; one sender
 * thread hands frames to the broker with non-blocking sends. {@code onFrame} runs on the client's delivery
 * thread (frames of the node queue and of broadcasts, one at a time); every other callback runs, in order, on
 * the transport's event thread. The transport owns all its threads ({@link TransportThreads}) and ends them in
 * {@link #close()}; after {@code close()} returns, no callback starts.
 *
 * <p><b>Nothing silent.</b> Every frame is confirmed by the broker, reported to
 * {@link Listener#onUndeliverable} (queue full, no connection, send failed or refused, unconfirmed when the
 * connection failed, too large), or, once the transport is closed, logged and counted as discarded.
 * A confirmation means the broker has the frame, not that the peer applied it: that is the engine's business.
 *
 * <p><b>Connection.</b> {@link #start} never waits for the broker: the connector thread connects, and retries
 * every {@code retryInterval} until it succeeds. Once connected, the client's own reconnection
 * ({@code reconnectAttempts}, -1: forever) survives broker restarts and re-creates the sessions, consumers and
 * (non-durable, temporary) queues; the transport then checks that its queues are back before it reports
 * {@code onConnected}, and otherwise starts over from a fresh connection.
 *
 * <p><b>Queues that do not exist yet.</b> Frames for a node travel as MULTICAST messages to its address, one
 * temporary subscription per connection of that node ({@link Addresses}). A frame for a node with no subscription
 * (not connected yet, or not since a broker restart) is confirmed by the broker and dropped: only the engine's
 * periodic version check notices, and heals it.
 *
 * <p><b>A secured broker</b> ({@link BrokerPermissions}): a refused login ({@code US-T500}) or permission
 * ({@code US-T501}) is logged without the password and retried like an unreachable broker.
 */
public final class ArtemisTransport implements Transport {
    static final Logger LOG = Logger.getLogger(ArtemisTransport.class.getPackageName());

    /** Broker confirmations come back per message; the client keeps resend data for up to this many bytes. */
    static final int CONFIRMATION_WINDOW_BYTES = 1024 * 1024;
    /** How long {@link #close()} waits for each group of threads. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** While the broker stays unreachable, one INFO line per this many attempts. */
    private static final long LOG_EVERY_ATTEMPTS = 120;

    private enum State { NEW, STARTED, CLOSED }

    private final ArtemisTransportConfig config;
    private final ThreadFactory threadFactory;
    private final Addresses addresses;
    private final Object lifecycle = new Object();
    private final TransportCounters counters = new TransportCounters();

    private volatile State state = State.NEW;
    private volatile boolean connected;
    private volatile BrokerLink link; // written under lifecycle
    /** The link the sender thread is sending on right now, if any. */
    private volatile BrokerLink sendingOn;
    private NodeId self;
    private Listener listener;
    private TransportThreads threads;
    private Callbacks callbacks;
    private ServerLocator locator;
    private Outbox outbox;
    private Boolean reportedUp; // guarded by lifecycle: null until the first report
    private long failedAttempts; // connector thread only

    /** A transport whose threads are plain daemon threads. */
    public ArtemisTransport(ArtemisTransportConfig config) {
        this(config, Thread::new);
    }

    /** A transport whose threads come from {@code threadFactory} (e.g. a container's managed factory). */
    public ArtemisTransport(ArtemisTransportConfig config, ThreadFactory threadFactory) {
        this.config = Objects.requireNonNull(config, "config");
        this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
        this.addresses = new Addresses(config.clusterName());
    }

    @Override
    public void start(NodeId self, Listener listener) {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(listener, "listener");
        synchronized (lifecycle) {
            if (state != State.NEW) {
                throw new IllegalStateException("The Artemis transport can start once only; it is " + state);
            }
            this.self = self;
            this.listener = listener;
            this.threads = new TransportThreads(threadFactory, self);
            try {
                this.callbacks = new Callbacks(threads.events, self);
                this.locator = ClientLocators.create(config, threads, CONFIRMATION_WINDOW_BYTES);
                this.outbox = new Outbox(config.sendQueueCapacity(), threads.named("sender"), this::deliver);
                outbox.start();
            } catch (RuntimeException | Error e) {
                threads.shutdown(CLOSE_WAIT_MILLIS);
                throw e;
            }
            state = State.STARTED;
        }
        TransportLog.T100.log(LOG, self, config.clusterName(), config.redactedBrokerUrl());
        threads.connector.execute(this::connect);
    }

    @Override
    public void send(NodeId to, byte[] frame) {
        offer(new Outbox.Item(Objects.requireNonNull(to, "to"), Objects.requireNonNull(frame, "frame")));
    }

    @Override
    public void broadcast(byte[] frame) {
        offer(new Outbox.Item(null, Objects.requireNonNull(frame, "frame")));
    }

    @Override
    public boolean isConnected() {
        return connected && state == State.STARTED;
    }

    /** The counters now. */
    public TransportStats stats() {
        if (state == State.NEW) {
            return counters.snapshot(0, 0, false);
        }
        BrokerLink current = link;
        return counters.snapshot(outbox.size(), current == null ? 0 : current.unconfirmedCount(), isConnected());
    }

    @Override
    public void close() {
        Callbacks door;
        synchronized (lifecycle) {
            door = callbacks;
        }
        if (door != null) {
            door.shut(); // waits for callbacks running on other threads; none starts after
        }
        State before;
        BrokerLink last;
        synchronized (lifecycle) {
            before = state;
            state = State.CLOSED;
            connected = false;
            last = link;
            link = null;
        }
        if (before != State.STARTED) {
            return;
        }
        threads.connector.shutdownNow();
        List<Outbox.Item> left = outbox.stop(CLOSE_WAIT_MILLIS);
        int unconfirmed = last == null ? 0 : last.retire().size();
        if (last != null) {
            last.close();
        }
        locator.close();
        threads.shutdown(CLOSE_WAIT_MILLIS);
        if (!left.isEmpty() || unconfirmed > 0) {
            counters.discarded.addAndGet(left.size() + (long) unconfirmed);
            TransportLog.T206.log(LOG, self, left.size() + unconfirmed);
        }
        TransportLog.T108.log(LOG, self, stats());
    }

    // ---- sending ------------------------------------------------------------------------------------------

    private void offer(Outbox.Item item) {
        if (state == State.NEW) {
            throw new IllegalStateException("The Artemis transport is not started");
        }
        if (item.frame().length > config.maxFrameBytes()) {
            TransportLog.T205.log(LOG, item.target(), item.frame().length, config.maxFrameBytes());
            undeliverable(item, new FrameNotSentException(TransportLog.T205.render(item.target(),
                    item.frame().length, config.maxFrameBytes())));
            return;
        }
        switch (outbox.offer(item)) {
            case QUEUED -> { }
            case FULL -> {
                long n = counters.queueFull.incrementAndGet();
                TransportLog.T201.logCounted(LOG, n, item.target(), item.frame().length, config.sendQueueCapacity(), n);
                undeliverable(item, new FrameNotSentException("US-T201 the send queue is full"));
            }
            case CLOSED -> {
                long n = counters.discarded.incrementAndGet();
                TransportLog.T207.logCounted(LOG, n, item.target(), item.frame().length, n);
            }
        }
    }

    /** On the sender thread. */
    private void deliver(Outbox.Item item) {
        BrokerLink current = link;
        if (current == null || !connected) {
            long n = counters.notConnected.incrementAndGet();
            TransportLog.T202.logCounted(LOG, n, item.target(), item.frame().length, n);
            undeliverable(item, new FrameNotSentException("US-T202 no broker connection"));
            return;
        }
        sendingOn = current;
        try {
            Thread.interrupted(); // a wake-up meant for an earlier, lost link
            if (!connected) { // lost meanwhile: lost() saw no send in progress, so nothing wakes this one
                throw new FrameNotSentException("US-T202 no broker connection");
            }
            current.send(item);
        } catch (ActiveMQException | FrameNotSentException | RuntimeException e) {
            long n = counters.sendFailed.incrementAndGet();
            TransportLog.T203.logCounted(LOG, n, item.target(), item.frame().length, n, e);
            undeliverable(item, e);
        } finally {
            sendingOn = null;
        }
    }

    private void undeliverable(Outbox.Item item, Throwable cause) {
        counters.undeliverable.incrementAndGet();
        callbacks.fire(() -> listener.onUndeliverable(item.to(), item.frame(), cause), "onUndeliverable");
    }

    private void reportUnconfirmed(List<Outbox.Item> lost, Throwable cause) {
        if (!lost.isEmpty()) {
            TransportLog.T204.log(LOG, self, lost.size());
            lost.forEach(item -> undeliverable(item, cause));
        }
    }

    // ---- receiving ----------------------------------------------------------------------------------------

    private void frameArrived(byte[] frame) {
        callbacks.run(() -> {
            counters.received.incrementAndGet();
            try {
                listener.onFrame(frame);
            } catch (RuntimeException e) {
                counters.receiveDropped.incrementAndGet();
                TransportLog.T302.log(LOG, e, self, frame.length);
            }
        }, "onFrame");
    }

    private void peerGone(NodeId peer) {
        if (!peer.equals(self)) {
            counters.peerGone.incrementAndGet();
            TransportLog.T401.log(LOG, self, peer);
            callbacks.fire(() -> listener.onPeerGone(peer), "onPeerGone");
        }
    }

    // ---- connection ---------------------------------------------------------------------------------------

    /** On the connector thread: one attempt, then another after {@code retryInterval} if it failed. */
    private void connect() {
        if (state != State.STARTED) {
            return;
        }
        BrokerLink fresh;
        try {
            fresh = BrokerLink.open(locator, threads, config, addresses, self, new LinkEvents(),
                    new Receiver(config.maxFrameBytes(), self, counters, this::frameArrived),
                    Receiver.notices(addresses, this::peerGone),
                    problem -> TransportLog.T402.log(LOG, self, BrokerLink.NOTIFICATIONS, problem.toString()));
        } catch (ActiveMQNotConnectedException e) {
            retryLater(TransportLog.T102, e);
            return;
        } catch (BrokerLink.LoginRefusedException e) {
            retryLater(TransportLog.T500, e);
            return;
        } catch (ActiveMQSecurityException e) {
            retryLater(TransportLog.T501, e);
            return;
        } catch (BrokerLink.StaleQueueException e) {
            if (failedAttempts % LOG_EVERY_ATTEMPTS == 0) {
                TransportLog.T109.log(LOG, self, e.getMessage());
            }
            retryLater(null, e);
            return;
        } catch (Exception e) {
            retryLater(TransportLog.T107, e);
            return;
        }
        synchronized (lifecycle) {
            if (state != State.STARTED) {
                fresh.close();
                return;
            }
            link = fresh;
        }
        failedAttempts = 0;
        TransportLog.T101.log(LOG, self, config.redactedBrokerUrl());
        if (!fresh.failing()) {
            reportUp();
        } // else it failed while being set up: restored() or dead() follows, on this thread
    }

    private void retryLater(TransportLog message, Exception cause) {
        long attempt = ++failedAttempts;
        if (message == TransportLog.T102 && attempt == 1) {
            TransportLog.T102.log(LOG, self, config.redactedBrokerUrl(), config.retryInterval().toMillis(), cause.toString());
        } else if ((message == TransportLog.T500 || message == TransportLog.T501) && attempt % LOG_EVERY_ATTEMPTS == 1) {
            // no stack trace, and the user but never the password
            message.log(LOG, self, config.redactedBrokerUrl(), config.user() == null ? "(none)" : config.user(),
                    config.retryInterval().toMillis(), cause.getMessage());
        } else if (message == TransportLog.T107 && attempt % LOG_EVERY_ATTEMPTS == 1) {
            TransportLog.T107.log(LOG, cause, self, config.retryInterval().toMillis(), cause.toString());
        } else if (attempt % LOG_EVERY_ATTEMPTS == 0) {
            TransportLog.T103.log(LOG, self, attempt, cause.toString());
        }
        reportDown(cause);
        try {
            threads.connector.schedule(this::connect, config.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile
        }
    }

    /** Drops {@code broken} (if still current) and connects afresh. On the connector thread. */
    private void rebuild(BrokerLink broken, Throwable cause) {
        synchronized (lifecycle) {
            if (link != broken || state != State.STARTED) {
                return;
            }
            link = null;
        }
        reportDown(cause);
        reportUnconfirmed(broken.retire(), cause);
        broken.close();
        connect();
    }

    private void reportUp() {
        synchronized (lifecycle) {
            if (state != State.STARTED) {
                return;
            }
            connected = true;
            if (Boolean.TRUE.equals(reportedUp)) {
                return;
            }
            reportedUp = true;
        }
        callbacks.fire(() -> listener.onConnected(), "onConnected");
    }

    private void reportDown(Throwable cause) {
        synchronized (lifecycle) {
            connected = false;
            if (state != State.STARTED || Boolean.FALSE.equals(reportedUp)) {
                return;
            }
            if (reportedUp != null) {
                counters.disconnections.incrementAndGet();
            }
            reportedUp = false;
        }
        callbacks.fire(() -> listener.onDisconnected(cause), "onDisconnected");
    }

    private final class LinkEvents implements BrokerLink.Events {
        @Override
        public void confirmed(Outbox.Item item) {
            counters.confirmed.incrementAndGet();
        }

        @Override
        public void rejected(Outbox.Item item, Exception cause) {
            long n = counters.rejected.incrementAndGet();
            TransportLog.T208.logCounted(LOG, n, item.target(), item.frame().length, n, cause.toString());
            undeliverable(item, cause);
        }

        @Override
        public void lost(BrokerLink from, ActiveMQException cause) {
            if (from == link) {
                TransportLog.T104.log(LOG, self, config.retryInterval().toMillis(), cause.toString());
                reportDown(cause);
                reportUnconfirmed(from.drainUnconfirmed(), cause);
                if (sendingOn == from) {
                    // a send waiting for producer credits (or for the reconnection) would wait as long as the
                    // outage lasts, and every frame queued behind it with it: report it and move on
                    outbox.interruptSender();
                }
            }
        }

        @Override
        public void restored(BrokerLink from) {
            onConnector(() -> {
                if (from != link) {
                    return;
                }
                reportUnconfirmed(from.drainUnconfirmed(),
                        new FrameNotSentException("US-T204 sent across a reconnection"));
                try {
                    if (from.verify()) {
                        TransportLog.T105.log(LOG, self, config.redactedBrokerUrl());
                        reportUp();
                        return;
                    }
                } catch (ActiveMQException | RuntimeException e) {
                    // fall through: start over
                }
                TransportLog.T110.log(LOG, self);
                rebuild(from, new FrameNotSentException("US-T110 queues missing after reconnection"));
            });
        }

        @Override
        public void dead(BrokerLink from, ActiveMQException cause) {
            onConnector(() -> {
                if (from == link) {
                    TransportLog.T106.log(LOG, self);
                    rebuild(from, cause);
                }
            });
        }
    }

    private void onConnector(Runnable task) {
        try {
            threads.connector.execute(task);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile
        }
    }
}
