package dev.understudy.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlobServletTest {
    private final BlobServlet servlet = new BlobServlet(new NodeName(() -> "node-a"));

    @Test
    void storesTheAskedNumberOfBytesDifferentEachTime() throws Exception {
        FakeSession session = new FakeSession("abc");
        Exchange first = Exchange.post().param("bytes", "1024").session(session, 1).run(servlet);
        byte[] one = (byte[]) session.attributes.get("blob");
        Exchange second = Exchange.post().param("bytes", "1024").session(session, 2).run(servlet);
        byte[] two = (byte[]) session.attributes.get("blob");

        assertThat(first.body()).contains("\"version\":2").endsWith("\"bytes\":1024}");
        assertThat(second.body()).contains("\"version\":3");
        assertThat(one).hasSize(1024);
        assertThat(two).hasSize(1024).isNotEqualTo(one);
    }

    @Test
    void zeroBytesIsAnEmptyBlobAndGetReadsTheSize() throws Exception {
        FakeSession session = new FakeSession("abc");
        Exchange.post().param("bytes", "0").session(session, 1).run(servlet);

        assertThat((byte[]) session.attributes.get("blob")).isEmpty();
        session.attributes.put("blob", new byte[12]);
        assertThat(Exchange.get().session(session, 2).run(servlet).body()).endsWith("\"bytes\":12}");
        assertThat(Exchange.get().run(servlet).body()).endsWith("\"bytes\":0}");
    }

    @Test
    void badSizesAreA400AndChangeNothing() throws Exception {
        for (String bytes : new String[] {null, "lots", "-5", "10485761"}) {
            FakeSession session = new FakeSession("abc");
            Exchange x = Exchange.post().param("bytes", bytes).session(session, 1).run(servlet);

            assertThat(x.status).as(bytes).isEqualTo(400);
            assertThat(session.setAttributeCalls).isZero();
            assertThat(x.body()).contains("\"error\":");
        }
        Exchange fresh = Exchange.post().param("bytes", "nope").run(servlet);
        assertThat(fresh.sessionsCreated).isZero();
    }

    @Test
    void aBlobAboveTheAdapterLimitIsA413AndTheOldBlobStays() throws Exception {
        FakeSession session = new FakeSession("abc");
        byte[] old = new byte[10];
        session.attributes.put("blob", old);
        session.refuses = value -> value instanceof byte[] b && b.length > 4 * 1024 * 1024;

        Exchange x = Exchange.post().param("bytes", Integer.toString(5 * 1024 * 1024)).session(session, 1).run(servlet);

        assertThat(x.status).isEqualTo(413);
        assertThat(session.attributes.get("blob")).isSameAs(old);
        assertThat(x.body()).contains("\"error\":\"refused by the replication limits: Attribute 'blob'");
    }
}
