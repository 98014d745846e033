package dev.understudy.it.shop;

import dev.understudy.demo.check.CounterChecker;
import dev.understudy.demo.check.CounterChecker.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The failover tests' judge: the demo's {@link CounterChecker} (per session the last acknowledged count; every reply
 * ok / lost acknowledged update / session lost / error, an unanswered increment making the next reply ok at + 1 or
 * + 2) applied to the three kinds of shop state, plus what the tests need on top of it:
 *
 * <ul>
 *   <li><b>Failures in flight.</b> The test opens a {@link Window} around each failure it causes ({@code kill -9}
 *       until the process is gone, SIGTERM until it exited, SIGSTOP until the balancer stopped routing to the node).
 *       A request that overlapped a window and got no answer — an I/O error (reset, timeout) or 502/503/504, and
 *       during a {@link #stopping graceful stop} the container's own 404 and 500 — may or may not have been
 *       applied: it counts as {@link #inFlight() in flight}, not as an error, and (as the counter checker
 *       documents) its session's next reply is ok at + 1 or + 2 (with
 *       {@link CounterChecker.Unanswered#ANY_LATER_REPLY}: one later reply). Any other failure, or one outside
 *       every window, is an error.</li>
 *   <li><b>Counts.</b> The counter's {@code count}, the bean's {@code beanCount}, the cart's number of items.</li>
 *   <li><b>The cart's content.</b> A cart reply judged ok must also hold exactly the items acknowledged before, in
 *       order, then at most the items of the unanswered requests since (in order), then the item just added;
 *       otherwise it is a {@link #contentErrors() content error}.</li>
 *   <li>Tallies: requests judged, replies that took the session over ({@code takenOver=true}).</li>
 * </ul>
 * Thread-safe: one instance judges every load thread (each session's replies in order).
 */
public final class ShopChecker {
    /** How many problems a summary shows. */
    private static final int SHOWN = 25;
    private static final String IN_FLIGHT = ": in flight at ";

    private final CounterChecker counts;
    private final List<Window> windows = new CopyOnWriteArrayList<>();
    private final Map<String, Cart> carts = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger contentErrors = new AtomicInteger();
    private final AtomicInteger takenOver = new AtomicInteger();
    private final AtomicInteger lostIncrements = new AtomicInteger();
    private final Map<String, Integer> inFlightKinds = new java.util.TreeMap<>();

    /**
     * A checker for failures that end the server (kill, stop): an unanswered increment shows up in its session's
     * next reply or never ({@link CounterChecker.Unanswered#NEXT_REPLY}).
     */
    public ShopChecker() {
        this(CounterChecker.Unanswered.NEXT_REPLY);
    }

    /**
     * A checker with the given policy: {@link CounterChecker.Unanswered#ANY_LATER_REPLY} where a request can stay
     * queued at a frozen server (SIGSTOP) and be applied after its client gave up and went on elsewhere.
     */
    public ShopChecker(CounterChecker.Unanswered unanswered) {
        this.counts = new CounterChecker(unanswered);
    }

    /** A failure the test causes, from {@link #failure} to {@link #close()}. */
    public final class Window implements AutoCloseable {
        private final String what;
        private final boolean stopping;
        private final long start = System.nanoTime();
        private volatile long end = Long.MAX_VALUE;

        private Window(String what, boolean stopping) {
            this.what = what;
            this.stopping = stopping;
        }

        /**
         * True if {@code reply} (an unanswered request) is what a request overlapping this failure may get: no
         * answer, 502/503/504 — and while a server stops, the container's own answers (not the shop's JSON): 404 once
         * it undeployed the application, 503, and the bare 500 it gives a request that arrives after the adapter
         * left.
         */
        boolean accepts(ShopReply reply) {
            if (reply == null || reply.status() == 502 || reply.status() == 503 || reply.status() == 504) {
                return true;
            }
            boolean container = reply.session() == null && reply.error() == null;
            return stopping && container && (reply.status() == 404 || reply.status() == 500);
        }

        /** The failure is over: a request sent from now on must be answered. Idempotent. */
        @Override
        public void close() {
            if (end == Long.MAX_VALUE) {
                end = System.nanoTime();
            }
        }

        boolean overlaps(long sent, long failed) {
            return sent <= end && failed >= start;
        }

        @Override
        public String toString() {
            return what;
        }
    }

    /** What the checker knows of a cart: the items acknowledged, and those sent since without an answer. */
    private static final class Cart {
        final List<String> acknowledged = new ArrayList<>();
        final List<String> unanswered = new ArrayList<>();
    }

    /** Opens a failure window now (close it when the failure is over): a kill, a pause. */
    public Window failure(String what) {
        Window window = new Window(what, false);
        windows.add(window);
        return window;
    }

    /**
     * Opens the window of a graceful stop (close it when the process exited): as {@link #failure}, and the
     * stopping container's own 404 and 500 pages (it undeploys the application and stops the adapter before it
     * closes its listener) are unanswered requests too.
     */
    public Window stopping(String what) {
        Window window = new Window(what, true);
        windows.add(window);
        return window;
    }

    /** Judges an increment of {@code session} sent at {@code sent} (nanoTime): its reply, or its I/O failure. */
    public void increment(ShopSession session, String item, long sent, ShopReply reply, String failure) {
        requests.incrementAndGet();
        long now = System.nanoTime();
        Cart cart = session.kind() == ShopSession.Kind.CART ? carts.computeIfAbsent(session.name(), k -> new Cart())
                : null;
        if (reply == null || !reply.served()) {
            String why = reply == null ? failure : "status " + reply;
            Window window = overlapping(sent, now, reply);
            if (reply == null) {
                counts.failure(session.name(), true, why);
            } else {
                counts.increment(session.name(), reply.status(), reply.session(), null);
            }
            if (cart != null) {
                synchronized (cart) {
                    cart.unanswered.add(item);
                }
            }
            if (window != null) {
                inFlight.incrementAndGet();
                synchronized (inFlightKinds) {
                    inFlightKinds.merge(reply == null ? "no answer" : Integer.toString(reply.status()), 1,
                            Integer::sum);
                }
                problems.add(session + IN_FLIGHT + window + " (indeterminate): " + why);
            } else {
                problems.add(session + ": error: " + why);
            }
            return;
        }
        int acknowledged = counts.acknowledged(session.name());
        Integer value = value(session.kind(), reply);
        Verdict verdict = counts.increment(session.name(), 200, reply.session(), value);
        if (verdict == Verdict.LOST_UPDATE) {
            lostIncrements.addAndGet(acknowledged + 1 - value);
        }
        if (verdict != Verdict.OK) {
            problems.add(session + ": " + verdict.label() + " after " + acknowledged + " acknowledged: " + reply);
        }
        if (cart != null) {
            judgeCart(session, cart, item, reply, verdict == Verdict.OK);
        }
        if (reply.takenOver()) {
            takenOver.incrementAndGet();
        }
        session.served(reply);
    }

    /** Judges a read of {@code session} (no change expected): exactly what was acknowledged. */
    public void read(ShopSession session, ShopReply reply, String failure) {
        requests.incrementAndGet();
        if (reply == null) {
            counts.failure(session.name(), false, failure);
            problems.add(session + ": read error: " + failure);
            return;
        }
        Integer value = reply.served() ? value(session.kind(), reply) : null;
        int acknowledged = counts.acknowledged(session.name());
        Verdict verdict = counts.read(session.name(), reply.status(), reply.session(), value);
        if (verdict == Verdict.LOST_UPDATE) {
            lostIncrements.addAndGet(acknowledged - value);
        }
        if (verdict != Verdict.OK) {
            problems.add(session + ": read " + verdict.label() + ": " + reply);
        }
        Cart cart = carts.get(session.name());
        if (cart != null && verdict == Verdict.OK) {
            synchronized (cart) {
                if (!continues(cart, reply.items(), reply.items().size())) {
                    contentErrors.incrementAndGet();
                    problems.add(session + ": cart content read " + reply.items() + " after "
                            + cart.acknowledged + " acknowledged");
                }
            }
        }
        if (reply.served()) {
            session.served(reply);
        }
    }

    private void judgeCart(ShopSession session, Cart cart, String item, ShopReply reply, boolean countOk) {
        synchronized (cart) {
            List<String> items = reply.items();
            boolean ok = !countOk || (!items.isEmpty() && item.equals(items.get(items.size() - 1))
                    && continues(cart, items, items.size() - 1));
            if (!ok) {
                contentErrors.incrementAndGet();
                problems.add(session + ": cart content " + items + " after " + cart.acknowledged
                        + " acknowledged, " + cart.unanswered + " unanswered, adding " + item);
            }
            cart.acknowledged.clear();
            cart.acknowledged.addAll(items);
            cart.unanswered.clear();
        }
    }

    /** True if {@code items[0, end)} = the acknowledged items, then some of the unanswered ones in order. */
    private static boolean continues(Cart cart, List<String> items, int end) {
        int acknowledged = cart.acknowledged.size();
        if (end < acknowledged || !items.subList(0, acknowledged).equals(cart.acknowledged)) {
            return false;
        }
        int next = 0;
        for (String extra : items.subList(acknowledged, end)) {
            while (next < cart.unanswered.size() && !cart.unanswered.get(next).equals(extra)) {
                next++;
            }
            if (next == cart.unanswered.size()) {
                return false;
            }
            next++;
        }
        return true;
    }

    private static Integer value(ShopSession.Kind kind, ShopReply reply) {
        return switch (kind) {
            case COUNTER -> reply.count();
            case CART -> reply.items() == null ? null : reply.items().size();
            case BEAN -> reply.beanCount();
        };
    }

    private Window overlapping(long sent, long failed, ShopReply reply) {
        for (Window window : windows) {
            if (window.overlaps(sent, failed) && window.accepts(reply)) {
                return window;
            }
        }
        return null;
    }

    /** The last value acknowledged to {@code session} (0 if none). */
    public int acknowledged(ShopSession session) {
        return counts.acknowledged(session.name());
    }

    /** Requests judged (increments and reads). */
    public int requests() {
        return requests.get();
    }

    public int ok() {
        return counts.count(Verdict.OK);
    }

    public int lostUpdates() {
        return counts.count(Verdict.LOST_UPDATE);
    }

    public int sessionsLost() {
        return counts.count(Verdict.SESSION_LOST);
    }

    /** How many acknowledged increments the lost updates took back, in all (a reply at the acknowledged count - 1 counts 2). */
    public int lostIncrements() {
        return lostIncrements.get();
    }

    /** Errors outside the failure windows, and cart content errors: zero in SYNC. */
    public int errors() {
        return counts.count(Verdict.ERROR) - inFlight.get() + contentErrors.get();
    }

    /** Unanswered requests in flight at a failure (indeterminate). */
    public int inFlight() {
        return inFlight.get();
    }

    /** Ok replies at + 2: an unanswered (in flight) increment had been applied after all. */
    public int appliedUnanswered() {
        return counts.indeterminate();
    }

    public int contentErrors() {
        return contentErrors.get();
    }

    /** Replies that took their session over from another node ({@code takenOver=true}). */
    public int takenOver() {
        return takenOver.get();
    }

    /** Every reply that was not ok, in order ({@code session: verdict: detail}). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The counts and the first problems, for assertion messages and the test's report. */
    public String summary() {
        StringBuilder text = new StringBuilder(counts());
        // the failures first, then the indeterminate ones
        List<String> all = new ArrayList<>(problems().stream().filter(p -> !p.contains(IN_FLIGHT)).toList());
        all.addAll(problems().stream().filter(p -> p.contains(IN_FLIGHT)).toList());
        for (String problem : all.subList(0, Math.min(SHOWN, all.size()))) {
            text.append("\n  ").append(problem);
        }
        if (all.size() > SHOWN) {
            text.append("\n  ... and ").append(all.size() - SHOWN).append(" more");
        }
        return text.toString();
    }

    /** {@code requests 4000: ok 3996, lost acknowledged update 0, session lost 0, error 0, in flight 4 (+2: 1)}. */
    public String counts() {
        return "requests " + requests() + ": ok " + ok() + ", lost acknowledged update " + lostUpdates()
                + (lostUpdates() == 0 ? "" : " (" + lostIncrements() + " increments)") + ", session lost " + sessionsLost() + ", error " + errors() + " (content " + contentErrors()
                + "), in flight at a failure " + inFlight() + " (" + inFlightKinds() + "applied after all: "
                + appliedUnanswered() + "), takenOver " + takenOver();
    }

    private String inFlightKinds() {
        StringBuilder text = new StringBuilder();
        synchronized (inFlightKinds) {
            inFlightKinds.forEach((kind, n) -> text.append(kind).append(": ").append(n).append(", "));
        }
        return text.toString();
    }
}
