package dev.understudy.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.sample.ejb.BeanCounter;
import org.junit.jupiter.api.Test;

class BeanServletTest {
    private final BeanCounter counter = new BeanCounter();
    private final BeanServlet servlet = new BeanServlet(new NodeName(() -> "node-a"), counter);

    @Test
    void postIncrementsTheBeanGetReadsIt() throws Exception {
        Exchange first = Exchange.post().run(servlet);
        FakeSession session = first.session;
        Exchange second = Exchange.post().session(session, first.version).run(servlet);
        Exchange read = Exchange.get().session(session, second.version).run(servlet);

        assertThat(first.sessionsCreated).isEqualTo(1);
        assertThat(first.body()).endsWith("\"beanCount\":1}");
        assertThat(second.body()).endsWith("\"beanCount\":2}");
        assertThat(read.body()).endsWith("\"beanCount\":2}");
        assertThat(counter.count()).isEqualTo(2);
        assertThat(session.attributes).isEmpty();
    }
}
