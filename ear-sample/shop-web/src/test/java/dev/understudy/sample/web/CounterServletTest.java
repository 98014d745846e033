package dev.understudy.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CounterServletTest {
    private final CounterServlet servlet = new CounterServlet(new NodeName(() -> "node-a"));

    @Test
    void postCreatesTheSessionAndCountsOne() throws Exception {
        Exchange x = Exchange.post().run(servlet);

        assertThat(x.status).isEqualTo(200);
        assertThat(x.contentType).isEqualTo("application/json;charset=UTF-8");
        assertThat(x.headers).containsEntry("Cache-Control", "no-store");
        assertThat(x.sessionsCreated).isEqualTo(1);
        assertThat(x.session.attributes).containsEntry("counter", 1);
        assertThat(x.body()).isEqualTo("{\"session\":\"s1\",\"node\":\"node-a\",\"primary\":\"node-a\","
                + "\"secondary\":\"node-b\",\"epoch\":1,\"version\":1,\"protection\":\"ACKNOWLEDGED\",\"takenOver\":false,\"count\":1}");
    }

    @Test
    void theReplyReportsTheVersionAfterTheCommitPointNotBefore() throws Exception {
        FakeSession session = new FakeSession("abc");
        session.attributes.put("counter", 4);

        Exchange x = Exchange.post().session(session, 41).run(servlet);

        assertThat(x.committed).isTrue();
        assertThat(x.statusAtCommit).isEqualTo(200);
        assertThat(x.contentTypeAtCommit).isEqualTo("application/json;charset=UTF-8");
        assertThat(x.body()).contains("\"session\":\"abc\"", "\"version\":42", "\"count\":5");
        assertThat(session.setAttributeCalls).isEqualTo(1);
    }

    @Test
    void getReadsWithoutChangingAndCreatesTheSessionIfNeeded() throws Exception {
        FakeSession session = new FakeSession("abc");
        session.attributes.put("counter", 3);
        Exchange existing = Exchange.get().session(session, 7);
        existing.commitPoint = () -> { }; // nothing changed: the filter only touches

        assertThat(existing.run(servlet).body()).contains("\"count\":3", "\"version\":7", "\"protection\":null");
        assertThat(session.setAttributeCalls).isZero();

        Exchange fresh = Exchange.get().run(servlet);
        assertThat(fresh.sessionsCreated).isEqualTo(1);
        assertThat(fresh.body()).contains("\"count\":0");
    }

    @Test
    void withoutTheFilterTheRouteFieldsAreNull() throws Exception {
        Exchange x = Exchange.post();
        x.commitPoint = () -> { };

        assertThat(x.run(servlet).body()).isEqualTo("{\"session\":\"s1\",\"node\":\"node-a\",\"primary\":null,"
                + "\"secondary\":null,\"epoch\":null,\"version\":null,\"protection\":null,\"takenOver\":false,\"count\":1}");
    }
}
