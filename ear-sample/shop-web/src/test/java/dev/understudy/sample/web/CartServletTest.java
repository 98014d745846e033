package dev.understudy.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CartServletTest {
    private final CartServlet servlet = new CartServlet(new NodeName(() -> "node-a"));

    @Test
    void theFirstItemCreatesTheListWithOneSetAttribute() throws Exception {
        Exchange x = Exchange.post().param("item", "apple").run(servlet);

        assertThat(x.status).isEqualTo(200);
        assertThat(x.session.attributes.get("cart")).isInstanceOf(ArrayList.class).isEqualTo(List.of("apple"));
        assertThat(x.session.setAttributeCalls).isEqualTo(1);
        assertThat(x.body()).endsWith("\"items\":[\"apple\"]}");
    }

    @Test
    void laterItemsAreAppendedInPlaceWithoutSetAttribute() throws Exception {
        FakeSession session = new FakeSession("abc");
        ArrayList<String> cart = new ArrayList<>(List.of("apple"));
        session.attributes.put("cart", cart);

        Exchange x = Exchange.post().param("item", "pear \"green\"").session(session, 1).run(servlet);

        assertThat(session.attributes.get("cart")).isSameAs(cart);
        assertThat(cart).containsExactly("apple", "pear \"green\"");
        assertThat(session.setAttributeCalls).isZero();
        assertThat(x.body()).contains("\"version\":2").endsWith("\"items\":[\"apple\",\"pear \\\"green\\\"\"]}");
    }

    @Test
    void getListsTheItems() throws Exception {
        FakeSession session = new FakeSession("abc");
        session.attributes.put("cart", new ArrayList<>(List.of("fig")));

        assertThat(Exchange.get().session(session, 1).run(servlet).body()).endsWith("\"items\":[\"fig\"]}");
        assertThat(Exchange.get().run(servlet).body()).endsWith("\"items\":[]}");
    }

    @Test
    void aMissingOrEmptyItemIsA400AndNoSessionIsCreated() throws Exception {
        for (String item : new String[] {null, ""}) {
            Exchange x = Exchange.post().param("item", item).run(servlet);

            assertThat(x.status).isEqualTo(400);
            assertThat(x.contentType).isEqualTo("application/json;charset=UTF-8");
            assertThat(x.sessionsCreated).isZero();
            assertThat(x.body()).contains("\"session\":null", "\"node\":\"node-a\"", "\"error\":\"the query parameter 'item'");
        }
    }

    @Test
    void anItemThatMakesTheListTooLargeAtTheCommitPointIsTakenBack() throws Exception {
        FakeSession session = new FakeSession("abc");
        ArrayList<String> cart = new ArrayList<>(List.of("apple"));
        session.attributes.put("cart", cart);
        Exchange x = Exchange.post().param("item", "x".repeat(100)).session(session, 1);
        x.commitPoint = () -> {
            throw new IllegalArgumentException("session abc is above maxSessionBytes");
        };

        x.run(servlet);

        assertThat(x.status).isEqualTo(413);
        assertThat(cart).containsExactly("apple");
        assertThat(x.committed).isTrue();
        assertThat(x.body()).contains("\"version\":1", "\"error\":\"refused by the replication limits: session abc");
    }
}
