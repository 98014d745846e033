package dev.understudy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every way a response can commit runs the hook first, while the container's response is still open. */
class CommittingResponseTest {

    private final List<String> log = new ArrayList<>();
    private final FakeHttp.Response container = new FakeHttp.Response(log);
    private RuntimeException failNextHook;
    private final CommittingResponse response = new CommittingResponse(container, new CommittingResponse.Hooks() {
        @Override
        public void beforeCommit() {
            log.add("hook" + (container.committed ? " after commit!" : ""));
            if (failNextHook != null) {
                RuntimeException failure = failNextHook;
                failNextHook = null;
                throw failure;
            }
        }

        @Override
        public void afterReset() {
            log.add("reset");
        }
    });

    @Test
    void flushBufferRunsTheHookOnceBeforeTheCommit() throws Exception {
        response.flushBuffer();
        response.flushBuffer();

        assertThat(log).containsExactly("hook", "response committed");
    }

    @Test
    void sendRedirectAndSendErrorRunTheHookFirst() throws Exception {
        response.sendRedirect("/next");
        assertThat(log).containsExactly("hook", "response committed");

        FakeHttp.Response other = new FakeHttp.Response(log);
        log.clear();
        new CommittingResponse(other, hooksLoggingAs("error-hook")).sendError(500, "boom");
        assertThat(log).containsExactly("error-hook", "response committed");
    }

    @Test
    void theServlet61RedirectOverloadsAreCommitPointsToo() throws Exception {
        response.sendRedirect("/a", 303, true);

        assertThat(log).containsExactly("hook", "response committed");
        assertThat(container.redirect).as("on a 6.0 container: the plain sendRedirect").isEqualTo("/a");
    }

    @Test
    void writerFlushAndCloseAreCommitPoints() throws Exception {
        PrintWriter writer = response.getWriter();
        writer.print("hello");
        assertThat(log).isEmpty();

        writer.flush();
        writer.close();

        assertThat(log).containsExactly("hook", "response committed");
        assertThat(container.body.toString()).isEqualTo("hello");
        assertThat(response.getWriter()).isSameAs(writer);
    }

    @Test
    void streamFlushAndCloseAreCommitPoints() throws Exception {
        response.getOutputStream().write(new byte[] {1, 2});
        response.getOutputStream().close();

        assertThat(log).containsExactly("hook", "response committed");
    }

    @Test
    void aWriteThatWouldFillTheBufferRunsTheHookBeforeTheContainerCommits() throws Exception {
        container.bufferSize = 100;

        response.getOutputStream().write(new byte[60]);
        assertThat(log).isEmpty();
        response.getOutputStream().write(new byte[60]);

        assertThat(log).containsExactly("hook", "response committed");
    }

    @Test
    void writerCharactersCountAtTheCharsetsWidestEncoding() throws Exception {
        container.bufferSize = 30;
        PrintWriter writer = response.getWriter();

        writer.print("123456789"); // 9 chars, up to 27 bytes in UTF-8
        assertThat(log).isEmpty();
        writer.print("x"); // 30 bytes at most: the buffer may be full

        assertThat(log).containsExactly("hook");
    }

    @Test
    void reachingTheDeclaredContentLengthRunsTheHookFirst() throws Exception {
        response.setContentLength(10);
        response.getOutputStream().write(new byte[4]);
        assertThat(log).isEmpty();

        response.getOutputStream().write(new byte[6]);

        assertThat(log).containsExactly("hook", "response committed");
    }

    @Test
    void aContentLengthHeaderAtOrBelowWhatWasWrittenIsACommitPoint() throws Exception {
        response.getOutputStream().write(new byte[5]);

        response.setHeader("content-length", "5");

        assertThat(log).containsExactly("hook");
    }

    @Test
    void aFailingHookPreventsTheCommitAndIsRetriedOnTheNextAttempt() throws Exception {
        failNextHook = new IllegalStateException("secondary did not acknowledge");

        assertThatThrownBy(response::flushBuffer).hasMessage("secondary did not acknowledge");
        assertThat(container.committed).isFalse();

        response.flushBuffer();
        assertThat(log).containsExactly("hook", "hook", "response committed");
    }

    @Test
    void resetForgetsTheCookieAndTheCountedBytes() throws Exception {
        container.bufferSize = 10;
        response.getOutputStream().write(new byte[9]);
        response.getOutputStream().write(new byte[1]);
        assertThat(log).containsExactly("hook");
        container.committed = false;

        response.reset();
        response.getOutputStream().write(new byte[9]);
        response.getOutputStream().write(new byte[1]);

        assertThat(log).containsExactly("hook", "reset", "hook");
    }

    @Test
    void noHookOnceTheContainerCommitted() throws Exception {
        container.commit();
        log.clear();

        response.flushBuffer();
        response.getOutputStream().write(new byte[10_000]);

        assertThat(log).isEmpty();
    }

    @Test
    void theGuardSaysAboutToCommitOncePerBuffer() {
        CommitGuard guard = new CommitGuard();

        assertThat(guard.wouldCommit(0, 10)).isFalse();
        assertThat(guard.wouldCommit(9, 10)).isFalse();
        assertThat(guard.wouldCommit(10, 10)).isTrue();
        guard.fired();
        assertThat(guard.wouldCommit(100, 10)).isFalse();
        guard.resetBuffer();
        assertThat(guard.wouldCommit(10, 10)).isTrue();

        guard.contentLength(4);
        guard.wrote(3);
        assertThat(guard.contentLengthReached()).isFalse();
        assertThat(guard.wouldCommit(1, 100)).isTrue();
        guard.wrote(1);
        assertThat(guard.contentLengthReached()).isTrue();
        guard.reset();
        assertThat(guard.contentLengthReached()).isFalse();
        assertThat(guard.written()).isZero();
    }

    private CommittingResponse.Hooks hooksLoggingAs(String name) {
        return new CommittingResponse.Hooks() {
            @Override
            public void beforeCommit() {
                log.add(name);
            }

            @Override
            public void afterReset() {
            }
        };
    }
}
