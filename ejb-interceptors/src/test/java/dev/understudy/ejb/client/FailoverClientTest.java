package dev.understudy.ejb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which servers a client calls, in which order, and which failures make it try the next one. */
class FailoverClientTest {
    private static final String MAC = BeanHandleTest.MAC;
    private static final List<String> NODES = List.of("n1", "n2", "n3");

    private static String route(String session, String primary) {
        return session + "." + primary + "._77.3." + MAC;
    }

    /** Each node answers with a handle naming it as primary, unless told to fail. */
    static final class FakeInvoker implements FailoverClient.Invoker<String> {
        final List<String> calls = new ArrayList<>();
        final List<String> handlesSent = new ArrayList<>();
        final Map<String, IOException> failures = new HashMap<>();
        String secondaryOf = "n3";

        @Override
        public FailoverClient.Reply<String> invoke(String node, String handle) throws IOException {
            calls.add(node);
            handlesSent.add(handle);
            IOException failure = failures.get(node);
            if (failure != null) {
                throw failure;
            }
            String secondary = node.equals(secondaryOf) ? "n1" : secondaryOf;
            return new FailoverClient.Reply<>("served by " + node, route("bean1", node) + ";" + secondary);
        }
    }

    private final FakeInvoker invoker = new FakeInvoker();

    @Test
    void aNewBeanGoesToTheFirstNodeAndKeepsTheHandleItGets() throws IOException {
        FailoverClient client = new FailoverClient(NODES);

        String result = client.call(invoker);

        assertThat(result).isEqualTo("served by n1");
        assertThat(invoker.calls).containsExactly("n1");
        assertThat(invoker.handlesSent).containsOnlyNulls();
        assertThat(client.handle()).contains(BeanHandle.parse(route("bean1", "n1") + ";n3"));
        assertThat(client.failovers()).isZero();
    }

    @Test
    void noHandleBeforeTheFirstReply() {
        assertThat(new FailoverClient(NODES).handle()).isEmpty();
    }

    @Test
    void withAHandleThePrimaryIsCalledFirstWithTheHandle() throws IOException {
        BeanHandle handle = BeanHandle.of(route("bean1", "n2"), "n3");
        FailoverClient client = new FailoverClient(NODES, handle);

        String result = client.call(invoker);

        assertThat(result).isEqualTo("served by n2");
        assertThat(invoker.calls).containsExactly("n2");
        assertThat(invoker.handlesSent).containsExactly(handle.toString());
        assertThat(client.failovers()).isZero();
    }

    @Test
    void aRefusedPrimaryFailsOverToTheSecondaryWhoseHandleReplacesTheOldOne() throws IOException {
        FailoverClient client = new FailoverClient(NODES, BeanHandle.of(route("bean1", "n2"), "n3"));
        invoker.failures.put("n2", new ConnectException("Connection refused"));
        invoker.secondaryOf = "n1";

        String result = client.call(invoker);

        assertThat(result).isEqualTo("served by n3");
        assertThat(invoker.calls).containsExactly("n2", "n3");
        assertThat(client.handle()).contains(BeanHandle.parse(route("bean1", "n3") + ";n1"));
        assertThat(client.failovers()).isEqualTo(1);

        invoker.calls.clear();
        client.call(invoker);
        assertThat(invoker.calls).as("the new primary is called next").containsExactly("n3");
        assertThat(client.failovers()).isEqualTo(1);
    }

    @Test
    void anUnavailablePrimaryIsTreatedAsRefused() throws IOException {
        FailoverClient client = new FailoverClient(NODES, BeanHandle.of(route("bean1", "n2"), "n3"));
        invoker.failures.put("n2", new FailoverClient.Unavailable("HTTP 503"));

        String result = client.call(invoker);

        assertThat(result).isEqualTo("served by n3");
        assertThat(invoker.calls).containsExactly("n2", "n3");
        assertThat(client.handle().map(BeanHandle::primary)).contains("n3");
        assertThat(client.failovers()).isEqualTo(1);
    }

    @Test
    void aRefusedNewBeanGoesToTheNextNode() throws IOException {
        FailoverClient client = new FailoverClient(NODES);
        invoker.failures.put("n1", new ConnectException("Connection refused"));

        String result = client.call(invoker);

        assertThat(result).isEqualTo("served by n2");
        assertThat(invoker.calls).containsExactly("n1", "n2");
        assertThat(client.failovers()).isEqualTo(1);
    }

    @Test
    void anyOtherIoFailureIsThrownWithoutTryingAnotherNode() {
        BeanHandle handle = BeanHandle.of(route("bean1", "n2"), "n3");
        FailoverClient client = new FailoverClient(NODES, handle);
        SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");
        invoker.failures.put("n2", timeout);

        IOException thrown = catchThrowableOfType(IOException.class, () -> client.call(invoker));

        assertThat(thrown).isSameAs(timeout);
        assertThat(invoker.calls).containsExactly("n2");
        assertThat(client.handle()).contains(handle);
        assertThat(client.failovers()).isZero();
    }

    @Test
    void whenEveryNodeRefusesTheLastFailureIsThrownWithTheEarlierOnesSuppressed() {
        FailoverClient client = new FailoverClient(NODES, BeanHandle.of(route("bean1", "n2"), "n3"));
        ConnectException n1 = new ConnectException("n1 refused");
        ConnectException n2 = new ConnectException("n2 refused");
        FailoverClient.Unavailable n3 = new FailoverClient.Unavailable("n3 stopping");
        invoker.failures.putAll(Map.of("n1", n1, "n2", n2, "n3", n3));

        IOException thrown = catchThrowableOfType(IOException.class, () -> client.call(invoker));

        assertThat(invoker.calls).as("each node once: primary, secondary, the rest").containsExactly("n2", "n3", "n1");
        assertThat(thrown).isSameAs(n1);
        assertThat(allSuppressed(thrown)).containsExactlyInAnyOrder(n2, n3);
        assertThat(client.failovers()).isZero();
    }

    @Test
    void aClientNeedsAtLeastOneNode() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FailoverClient(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new FailoverClient(null));
    }

    /** Every exception suppressed by {@code t}, directly or by one it suppressed. */
    private static List<Throwable> allSuppressed(Throwable t) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable s : t.getSuppressed()) {
            all.add(s);
            all.addAll(allSuppressed(s));
        }
        return all;
    }
}
