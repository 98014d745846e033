package dev.understudy.demo.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client-side judge of failover (ARCHITECTURE §10): it keeps, per client (one browser, one session), the last
 * count the server acknowledged, and classifies every reply to an increment ({@code POST /api/counter}) or a read
 * ({@code GET}):
 *
 * <ul>
 *   <li>{@link Verdict#OK}: status 200, the same session, and exactly the previous count + 1 (a read: exactly the
 *       previous count). The client's first reply must be a new session at 1.</li>
 *   <li>{@link Verdict#LOST_UPDATE}: the same session at a lower count than acknowledged (an acknowledged update
 *       was lost: invariant I1 broken), or a read that does not show the last acknowledged count.</li>
 *   <li>{@link Verdict#SESSION_LOST}: a new session, or the count restarted at 1, where a session existed.</li>
 *   <li>{@link Verdict#ERROR}: not 200, an I/O error or timeout, an unreadable reply, or anything else (a count
 *       that jumped, another session's state).</li>
 * </ul>
 *
 * <p>An increment that got no answer (an error) may still have been applied: its outcome is unknown, not lost. So
 * after {@code k} unanswered increments the next reply is OK anywhere from previous + 1 to previous + 1 + k
 * ({@link #indeterminate()} counts those replies). With {@link Unanswered#ANY_LATER_REPLY} an unanswered increment
 * may show up in any later reply instead (each at most once): a request stuck at a frozen server can be applied
 * after its client gave up and went on elsewhere. After any other verdict the checker adopts what the server said
 * (new session, lower count), so one failure is reported once, not again on every later reply.
 *
 * <p>Thread-safe: one instance may judge many client threads (each client's replies in order).
 */
public final class CounterChecker {
    /** The class of one reply. */
    public enum Verdict {
        OK("ok"),
        LOST_UPDATE("lost acknowledged update"),
        SESSION_LOST("session lost"),
        ERROR("error");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** When the effect of an unanswered increment may show up in the count. */
    public enum Unanswered {
        /**
         * In the next reply or never (the default): the request was lost, or applied before the server answered
         * the client's next one. Strict, and right when the client's next request cannot overtake the unanswered
         * one (a server that died, a connection that was refused).
         */
        NEXT_REPLY,
        /**
         * In any later reply, each unanswered increment at most once: right when a request can stay queued at a
         * frozen server (SIGSTOP, a long pause) and be applied after the client went on elsewhere. More lenient: a
         * later + 2 is OK as long as an unanswered increment is still outstanding.
         */
        ANY_LATER_REPLY
    }

    /** What the checker knows of one client: its session, last acknowledged count, unanswered increments. */
    private static final class Expectation {
        String session;
        int count;
        int unanswered;
    }

    private final Map<String, Expectation> clients = new HashMap<>();
    private final Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    private final List<String> problems = new ArrayList<>();
    private final Unanswered unansweredPolicy;
    private int indeterminate;

    /** A checker that expects an unanswered increment's effect by the next reply ({@link Unanswered#NEXT_REPLY}). */
    public CounterChecker() {
        this(Unanswered.NEXT_REPLY);
    }

    /** A checker with the given policy for unanswered increments. */
    public CounterChecker(Unanswered unansweredPolicy) {
        this.unansweredPolicy = unansweredPolicy;
        for (Verdict verdict : Verdict.values()) {
            counts.put(verdict, 0);
        }
    }

    /**
     * Judges the reply to an increment by {@code client}: HTTP {@code status}, the {@code session} id and
     * {@code count} it reported ({@code null} when the body could not be read).
     */
    public synchronized Verdict increment(String client, int status, String session, Integer count) {
        Expectation expected = clients.computeIfAbsent(client, key -> new Expectation());
        if (status != 200 || session == null || count == null) {
            expected.unanswered++;
            return record(Verdict.ERROR, client, "increment answered " + status + " (session " + session + ", count "
                    + count + ")");
        }
        int lowest = expected.count + 1;
        int highest = expected.count + 1 + expected.unanswered;
        Verdict verdict;
        String detail;
        if (expected.session == null) {
            boolean fresh = count >= 1 && count <= 1 + expected.unanswered;
            verdict = fresh ? Verdict.OK : Verdict.ERROR;
            detail = "first reply: count " + count + " in a new session " + session;
        } else if (session.equals(expected.session)) {
            if (count >= lowest && count <= highest) {
                verdict = Verdict.OK;
            } else if (count == 1) {
                verdict = Verdict.SESSION_LOST;
            } else if (count < lowest) {
                verdict = Verdict.LOST_UPDATE;
            } else {
                verdict = Verdict.ERROR;
            }
            detail = "count " + count + " after " + expected.count + " acknowledged"
                    + (expected.unanswered > 0 ? " and " + expected.unanswered + " unanswered" : "")
                    + " in session " + session;
        } else {
            verdict = count == 1 ? Verdict.SESSION_LOST : Verdict.ERROR;
            detail = "session " + session + " at count " + count + " instead of " + expected.session + " at "
                    + expected.count;
        }
        if (verdict == Verdict.OK && count > lowest) {
            indeterminate++;
        }
        boolean keepUnanswered = verdict == Verdict.OK && session.equals(expected.session)
                && unansweredPolicy == Unanswered.ANY_LATER_REPLY;
        expected.unanswered = keepUnanswered ? expected.unanswered - (count - lowest) : 0;
        expected.session = session;
        expected.count = count;
        return record(verdict, client, detail);
    }

    /** Judges the reply to a read (no change expected) by {@code client}. */
    public synchronized Verdict read(String client, int status, String session, Integer count) {
        Expectation expected = clients.computeIfAbsent(client, key -> new Expectation());
        if (status != 200 || count == null) {
            return record(Verdict.ERROR, client, "read answered " + status);
        }
        Verdict verdict;
        if (expected.session == null) {
            verdict = count == 0 ? Verdict.OK : Verdict.ERROR;
        } else if (session == null || !session.equals(expected.session) || count == 0) {
            verdict = Verdict.SESSION_LOST;
        } else if (count >= expected.count && count <= expected.count + expected.unanswered) {
            verdict = Verdict.OK;
        } else if (count < expected.count) {
            verdict = Verdict.LOST_UPDATE;
        } else {
            verdict = Verdict.ERROR;
        }
        String detail = "read count " + count + " in session " + session + " after " + expected.count
                + " acknowledged in " + expected.session;
        if (verdict != Verdict.ERROR && session != null && count > 0) {
            boolean keepUnanswered = verdict == Verdict.OK && unansweredPolicy == Unanswered.ANY_LATER_REPLY;
            expected.unanswered = keepUnanswered ? expected.unanswered - (count - expected.count) : 0;
            expected.session = session;
            expected.count = count;
        }
        return record(verdict, client, detail);
    }

    /** Judges a request by {@code client} that got no HTTP answer (refused, reset, timeout): an error. */
    public synchronized Verdict failure(String client, boolean wasIncrement, String reason) {
        Expectation expected = clients.computeIfAbsent(client, key -> new Expectation());
        if (wasIncrement) {
            expected.unanswered++;
        }
        return record(Verdict.ERROR, client, reason);
    }

    /** The last count acknowledged to {@code client} (0 if none). */
    public synchronized int acknowledged(String client) {
        Expectation expected = clients.get(client);
        return expected == null ? 0 : expected.count;
    }

    /** How many replies got {@code verdict}. */
    public synchronized int count(Verdict verdict) {
        return counts.get(verdict);
    }

    /** Every verdict's count, in declaration order. */
    public synchronized Map<Verdict, Integer> counts() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /** OK replies whose count showed that an earlier unanswered increment had been applied after all. */
    public synchronized int indeterminate() {
        return indeterminate;
    }

    /** True if no acknowledged update and no session was lost. */
    public synchronized boolean nothingLost() {
        return counts.get(Verdict.LOST_UPDATE) == 0 && counts.get(Verdict.SESSION_LOST) == 0;
    }

    /** True if every reply was OK. */
    public synchronized boolean allOk() {
        return nothingLost() && counts.get(Verdict.ERROR) == 0;
    }

    /** A line per reply that was not OK ({@code client: verdict: detail}), in order. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** {@code ok 400, lost acknowledged update 0, session lost 0, error 0}. */
    public synchronized String summary() {
        List<String> parts = new ArrayList<>();
        counts.forEach((verdict, n) -> parts.add(verdict.label() + " " + n));
        return String.join(", ", parts);
    }

    private Verdict record(Verdict verdict, String client, String detail) {
        counts.merge(verdict, 1, Integer::sum);
        if (verdict != Verdict.OK) {
            problems.add(client + ": " + verdict.label() + ": " + detail);
        }
        return verdict;
    }
}
