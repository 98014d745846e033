package dev.understudy.demo.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.demo.check.CounterChecker.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CounterCheckerTest {
    private final CounterChecker checker = new CounterChecker();

    @Test
    void exactlyOneMoreInTheSameSessionIsOk() {
        assertThat(checker.increment("c", 200, "s1", 1)).isEqualTo(Verdict.OK);
        assertThat(checker.increment("c", 200, "s1", 2)).isEqualTo(Verdict.OK);
        assertThat(checker.increment("c", 200, "s1", 3)).isEqualTo(Verdict.OK);

        assertThat(checker.acknowledged("c")).isEqualTo(3);
        assertThat(checker.count(Verdict.OK)).isEqualTo(3);
        assertThat(checker.allOk()).isTrue();
        assertThat(checker.problems()).isEmpty();
        assertThat(checker.summary()).isEqualTo("ok 3, lost acknowledged update 0, session lost 0, error 0");
    }

    @Test
    void aLowerCountInTheSameSessionIsALostAcknowledgedUpdate() {
        ok("c", "s1", 1, 2, 3);

        assertThat(checker.increment("c", 200, "s1", 3)).as("3 again: the acknowledged 3 was lost")
                .isEqualTo(Verdict.LOST_UPDATE);
        assertThat(checker.increment("c", 200, "s1", 2)).isEqualTo(Verdict.LOST_UPDATE);

        assertThat(checker.nothingLost()).isFalse();
        assertThat(checker.problems()).hasSize(2).first().asString()
                .contains("c: lost acknowledged update: count 3 after 3 acknowledged in session s1");
    }

    @Test
    void aNewSessionOrACountRestartedIsASessionLost() {
        ok("a", "s1", 1, 2, 3);
        ok("b", "s2", 1, 2);

        assertThat(checker.increment("a", 200, "s9", 1)).as("a new session").isEqualTo(Verdict.SESSION_LOST);
        assertThat(checker.increment("b", 200, "s2", 1)).as("same id, count restarted").isEqualTo(Verdict.SESSION_LOST);

        assertThat(checker.count(Verdict.SESSION_LOST)).isEqualTo(2);
        assertThat(checker.nothingLost()).isFalse();
    }

    @Test
    void noAnswerANon200StatusOrAnUnreadableBodyIsAnError() {
        ok("c", "s1", 1);

        assertThat(checker.failure("c", true, "connection refused")).isEqualTo(Verdict.ERROR);
        assertThat(checker.increment("c", 503, "s1", null)).isEqualTo(Verdict.ERROR);
        assertThat(checker.increment("c", 200, null, null)).as("unreadable body").isEqualTo(Verdict.ERROR);

        assertThat(checker.count(Verdict.ERROR)).isEqualTo(3);
        assertThat(checker.nothingLost()).as("errors lose nothing by themselves").isTrue();
        assertThat(checker.allOk()).isFalse();
    }

    @Test
    void anythingElseIsAnError() {
        ok("a", "s1", 1, 2);

        assertThat(checker.increment("a", 200, "s1", 4)).as("a count that jumped").isEqualTo(Verdict.ERROR);
        assertThat(checker.increment("a", 200, "s7", 9)).as("another session's state").isEqualTo(Verdict.ERROR);
        assertThat(checker.increment("b", 200, "s8", 5)).as("a first reply that is not a new session")
                .isEqualTo(Verdict.ERROR);
    }

    @Test
    void anUnansweredIncrementMayHaveBeenAppliedAfterAll() {
        ok("c", "s1", 1, 2);
        checker.failure("c", true, "timeout");
        checker.failure("c", true, "timeout");

        assertThat(checker.increment("c", 200, "s1", 5)).as("both unanswered ones were applied").isEqualTo(Verdict.OK);
        assertThat(checker.indeterminate()).isEqualTo(1);
        assertThat(checker.increment("c", 200, "s1", 7)).as("no longer in doubt: +1 exactly")
                .isEqualTo(Verdict.ERROR);
    }

    @Test
    void anUnansweredIncrementThatWasNotAppliedIsFineToo() {
        ok("c", "s1", 1, 2);
        checker.failure("c", true, "timeout");

        assertThat(checker.increment("c", 200, "s1", 3)).isEqualTo(Verdict.OK);
        assertThat(checker.indeterminate()).isZero();
    }

    @Test
    void withAnyLaterReplyAnUnansweredIncrementMayShowUpLaterButOnlyOnce() {
        CounterChecker lenient = new CounterChecker(CounterChecker.Unanswered.ANY_LATER_REPLY);
        lenient.increment("c", 200, "s1", 1);
        lenient.failure("c", true, "timeout: stuck at a frozen server");

        assertThat(lenient.increment("c", 200, "s1", 2)).as("not applied yet").isEqualTo(Verdict.OK);
        assertThat(lenient.increment("c", 200, "s1", 3)).isEqualTo(Verdict.OK);
        assertThat(lenient.increment("c", 200, "s1", 5)).as("applied now, after the client went on")
                .isEqualTo(Verdict.OK);
        assertThat(lenient.indeterminate()).isEqualTo(1);
        assertThat(lenient.increment("c", 200, "s1", 7)).as("no longer in doubt: +1 exactly")
                .isEqualTo(Verdict.ERROR);
        lenient.failure("c", true, "timeout");
        assertThat(lenient.read("c", 200, "s1", 8)).as("a read may show it too").isEqualTo(Verdict.OK);
        assertThat(lenient.increment("c", 200, "s1", 10)).as("and then it is spent").isEqualTo(Verdict.ERROR);
    }

    @Test
    void theCheckerAdoptsWhatTheServerSaidSoOneFailureIsReportedOnce() {
        ok("c", "s1", 1, 2, 3);
        assertThat(checker.increment("c", 200, "s2", 1)).isEqualTo(Verdict.SESSION_LOST);

        assertThat(checker.increment("c", 200, "s2", 2)).isEqualTo(Verdict.OK);
        assertThat(checker.count(Verdict.SESSION_LOST)).isEqualTo(1);
    }

    @Test
    void readsMustShowTheLastAcknowledgedCount() {
        assertThat(checker.read("c", 200, null, 0)).as("no session yet").isEqualTo(Verdict.OK);
        ok("c", "s1", 1, 2);

        assertThat(checker.read("c", 200, "s1", 2)).isEqualTo(Verdict.OK);
        assertThat(checker.read("c", 200, "s1", 1)).isEqualTo(Verdict.LOST_UPDATE);
        assertThat(checker.read("c", 200, null, 0)).as("the session is gone").isEqualTo(Verdict.SESSION_LOST);
        assertThat(checker.read("c", 500, "s1", null)).isEqualTo(Verdict.ERROR);
    }

    @Test
    void clientsAreJudgedIndependentlyFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < 40; c++) {
                String client = "client-" + c;
                work.add(pool.submit(() -> {
                    for (int n = 1; n <= 25; n++) {
                        checker.increment(client, 200, "session-" + client, n);
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(checker.count(Verdict.OK)).isEqualTo(1000);
        assertThat(checker.allOk()).isTrue();
    }

    private void ok(String client, String session, int... counts) {
        for (int count : counts) {
            assertThat(checker.increment(client, 200, session, count)).as("%s at %d", client, count)
                    .isEqualTo(Verdict.OK);
        }
    }
}
