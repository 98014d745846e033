package dev.understudy.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlobPatchServletTest {
    private final BlobPatchServlet servlet = new BlobPatchServlet(new NodeName(() -> "node-a"));

    @Test
    void changesExactlyTheAskedNumberOfBytesInPlaceWithoutSetAttribute() throws Exception {
        FakeSession session = new FakeSession("abc");
        byte[] blob = new byte[1024];
        session.attributes.put("blob", blob);
        byte[] before = blob.clone();

        Exchange x = Exchange.post().param("bytes", "100").session(session, 1).run(servlet);

        assertThat(x.status).isEqualTo(200);
        assertThat(x.body()).endsWith("\"patched\":100,\"bytes\":1024}");
        assertThat(session.attributes.get("blob")).isSameAs(blob);
        assertThat(session.setAttributeCalls).isZero();
        int changed = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < blob.length; i++) {
            if (blob[i] != before[i]) {
                changed++;
                first = first < 0 ? i : first;
                last = i;
            }
        }
        assertThat(changed).isEqualTo(100);
        assertThat(last - first).as("one contiguous run").isEqualTo(99);
    }

    @Test
    void theWholeBlobMayBePatched() throws Exception {
        FakeSession session = new FakeSession("abc");
        byte[] blob = new byte[8];
        session.attributes.put("blob", blob);

        Exchange.post().param("bytes", "8").session(session, 1).run(servlet);

        assertThat(blob).doesNotContain((byte) 0);
    }

    @Test
    void withoutABlobOrWithABadCountItIsA400AndNothingChanges() throws Exception {
        FakeSession empty = new FakeSession("abc");
        Exchange none = Exchange.post().param("bytes", "10").session(empty, 1).run(servlet);
        assertThat(none.status).isEqualTo(400);
        assertThat(none.body()).contains("\"error\":\"no blob to patch in this session");
        assertThat(empty.attributes).isEmpty();

        for (String bytes : new String[] {null, "0", "17", "-1", "many"}) {
            FakeSession session = new FakeSession("abc");
            byte[] blob = new byte[16];
            session.attributes.put("blob", blob);

            Exchange x = Exchange.post().param("bytes", bytes).session(session, 1).run(servlet);

            assertThat(x.status).as(bytes).isEqualTo(400);
            assertThat(blob).as(bytes).containsOnly((byte) 0);
            assertThat(session.setAttributeCalls).isZero();
        }
    }

    @Test
    void aPatchRefusedAtTheCommitPointIsTakenBack() throws Exception {
        FakeSession session = new FakeSession("abc");
        byte[] blob = new byte[64];
        session.attributes.put("blob", blob);
        Exchange x = Exchange.post().param("bytes", "10").session(session, 1);
        x.commitPoint = () -> {
            throw new IllegalArgumentException("session abc is above maxSessionBytes");
        };

        x.run(servlet);

        assertThat(x.status).isEqualTo(413);
        assertThat(blob).containsOnly((byte) 0);
    }

    @Test
    void onlyPostIsServed() throws Exception {
        assertThat(Exchange.get().run(servlet).status).isEqualTo(405);
    }
}
