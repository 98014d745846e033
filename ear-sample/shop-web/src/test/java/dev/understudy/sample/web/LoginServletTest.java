package dev.understudy.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginServletTest {
    private final LoginServlet servlet = new LoginServlet(new NodeName(() -> "node-a"));

    @Test
    void changesTheIdKeepsTheAttributesAndReportsBoth() throws Exception {
        FakeSession session = new FakeSession("abc");
        session.attributes.put("counter", 2);

        Exchange x = Exchange.post().session(session, 5).run(servlet);

        assertThat(session.id).isEqualTo("s1");
        assertThat(session.attributes).containsEntry("counter", 2);
        assertThat(x.body()).startsWith("{\"session\":\"s1\",").contains("\"version\":6")
                .endsWith("\"previous\":\"abc\"}");
    }

    @Test
    void onlyPost() throws Exception {
        Exchange x = Exchange.get().run(servlet);

        assertThat(x.status).isEqualTo(405);
        assertThat(x.headers).containsEntry("Allow", "POST");
        assertThat(x.sessionsCreated).isZero();
    }
}
