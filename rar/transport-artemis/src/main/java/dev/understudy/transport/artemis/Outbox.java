package dev.understudy.transport.artemis;

import dev.understudy.core.model.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The bounded queue between the callers of {@code send}/{@code broadcast} and the transport's single sender
 * thread, which alone touches the broker producer. {@link #offer} never blocks. After {@link #stop}, every
 * frame is either returned by it or refused by {@code offer}: none can slip in unseen.
 */
final class Outbox {

    /** A frame on its way; {@code to == null} means a broadcast. */
    record Item(NodeId to, byte[] frame) {
        String target() {
            return to == null ? "all nodes" : to.value();
        }
    }

    private final ArrayBlockingQueue<Item> queue;
    private final Consumer<Item> deliver;
    private final Thread thread;
    /** offer holds the read side; stop takes the write side to close the door. */
    private final ReentrantReadWriteLock door = new ReentrantReadWriteLock();
    private volatile boolean open = true;

    Outbox(int capacity, ThreadFactory threads, Consumer<Item> deliver) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.deliver = deliver;
        this.thread = threads.newThread(this::run);
    }

    void start() {
        thread.start();
    }

    /** Result of {@link #offer}. */
    enum Offer { QUEUED, FULL, CLOSED }

    Offer offer(Item item) {
        door.readLock().lock();
        try {
            if (!open) {
                return Offer.CLOSED;
            }
            return queue.offer(item) ? Offer.QUEUED : Offer.FULL;
        } finally {
            door.readLock().unlock();
        }
    }

    int size() {
        return queue.size();
    }

    /** Wakes the sender thread out of a blocking call (a send stuck on a dead connection). */
    void interruptSender() {
        thread.interrupt();
    }

    /**
     * Refuses further offers, stops the sender thread (interrupting a send in progress) and returns the frames
     * it never handled. Waits at most {@code timeoutMillis} for the thread.
     */
    List<Item> stop(long timeoutMillis) {
        door.writeLock().lock();
        try {
            open = false;
        } finally {
            door.writeLock().unlock();
        }
        thread.interrupt();
        if (thread != Thread.currentThread()) {
            try {
                thread.join(timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Item> left = new ArrayList<>(queue.size());
        queue.drainTo(left);
        return left;
    }

    private void run() {
        while (open) {
            Item item;
            try {
                item = queue.poll(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                if (open) {
                    continue; // a stray interrupt; only stop() ends the loop
                }
                return;
            }
            if (item != null) {
                if (!open) {
                    // closing: leave it to stop(), which reports it with the rest
                    queue.add(item);
                    return;
                }
                deliver.accept(item);
            }
        }
    }
}
