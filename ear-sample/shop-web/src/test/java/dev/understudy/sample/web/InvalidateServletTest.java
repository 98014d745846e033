package dev.understudy.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidateServletTest {
    private final InvalidateServlet servlet = new InvalidateServlet(new NodeName(() -> "fallback"));

    @Test
    void invalidatesAndReportsTheOldIdWithNoSession() throws Exception {
        FakeSession session = new FakeSession("abc");
        Exchange x = Exchange.post().session(session, 3);
        x.commitPoint = () -> x.requestAttributes.clear(); // the filter forgets the status of a removed session

        x.run(servlet);

        assertThat(session.valid).isFalse();
        assertThat(x.body()).isEqualTo("{\"session\":null,\"node\":\"node-a\",\"primary\":null,\"secondary\":null,"
                + "\"epoch\":null,\"version\":null,\"protection\":null,\"takenOver\":false,\"invalidated\":\"abc\"}");
    }

    @Test
    void aRequestWithoutSessionGetsOneToInvalidate() throws Exception {
        Exchange x = Exchange.post().run(servlet);

        assertThat(x.sessionsCreated).isEqualTo(1);
        assertThat(x.session.valid).isFalse();
        assertThat(x.body()).contains("\"session\":null", "\"node\":\"fallback\"", "\"invalidated\":\"s1\"");
    }
}
