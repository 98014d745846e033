package dev.understudy.ejb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.understudy.api.CurrentSession;
import jakarta.ejb.Remove;
import jakarta.enterprise.context.SessionScoped;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One bean instance's replication into the request's HTTP session (an in-memory {@link FakeSessionEntries} bound
 * through {@link CurrentSession}): what is written when, what is restored when, and what happens to problems.
 */
class BeanReplicatorTest {
    private static final String PREFIX = "bean/cart/";

    @SessionScoped
    @Replicated("cart")
    public static class Cart {
        private final List<String> items = new ArrayList<>();
        private String owner;
        private int count;

        public String add(String item) {
            items.add(item);
            count++;
            return "added " + item;
        }

        public void rename(String name) {
            owner = name;
        }

        public int count() {
            return count;
        }

        @Remove
        public void checkout() {
        }
    }

    @SessionScoped
    @Replicated("holder")
    public static class Holder {
        private String label = "a";
        private Object lock = new Object();

        public String touch(String value) {
            label = value;
            return "touched " + value;
        }
    }

    /** Not session-scoped: it gets a bean session of its own, never entries in the HTTP session. */
    @Replicated("wizard")
    public static class Wizard {
        private int step;

        public int next() {
            return ++step;
        }
    }

    public static class Failed extends Exception {
        private static final long serialVersionUID = 1L;
    }

    @SessionScoped
    @Replicated("order")
    public static class Order {
        private String state = "open";

        public void change(String value) {
            state = value;
        }

        @Remove(retainIfException = true)
        public void submit() throws Failed {
            throw new Failed();
        }
    }

    private final FakeSessionEntries session = new FakeSessionEntries();
    private final FakeTransactionRegistry tsr = new FakeTransactionRegistry();
    private final BeanStats stats = BeanStats.get();
    private CurrentSession.Scope bound;

    @BeforeEach
    void bindSession() {
        bound = CurrentSession.bind(session.source());
    }

    @AfterEach
    void reset() {
        bound.close();
        Transactions.use(null);
    }

    @Test
    void theFirstCallWritesOneEntryPerField() throws Exception {
        Cart cart = new Cart();

        String result = call(new BeanReplicator("app"), cart, "add", () -> cart.add("apple"));

        assertThat(result).isEqualTo("added apple");
        assertThat(session.entries).containsOnlyKeys(PREFIX + "items", PREFIX + "owner", PREFIX + "count");
        assertThat(session.puts).hasSize(3);
        assertThat(read(PREFIX + "items")).isEqualTo(List.of("apple"));
        assertThat(read(PREFIX + "owner")).isNull();
        assertThat(read(PREFIX + "count")).isEqualTo(1);
    }

    @Test
    void aCallThatChangesNothingPutsNothing() throws Exception {
        Cart cart = new Cart();
        BeanReplicator replicator = new BeanReplicator("app");
        call(replicator, cart, "add", () -> cart.add("apple"));
        session.puts.clear();
        long unchanged = stats.unchangedCaptures.get();

        int count = call(replicator, cart, "count", cart::count);

        assertThat(count).isEqualTo(1);
        assertThat(session.puts).isEmpty();
        assertThat(session.removes).isEmpty();
        assertThat(stats.unchangedCaptures.get() - unchanged).isEqualTo(1);
    }

    @Test
    void changingOneFieldPutsOnlyThatEntry() throws Exception {
        Cart cart = new Cart();
        BeanReplicator replicator = new BeanReplicator("app");
        call(replicator, cart, "add", () -> cart.add("apple"));
        session.puts.clear();
        long fieldsSent = stats.fieldsSent.get();

        call(replicator, cart, "rename", () -> {
            cart.rename("alice");
            return null;
        });

        assertThat(session.puts).containsExactly(PREFIX + "owner");
        assertThat(read(PREFIX + "owner")).isEqualTo("alice");
        assertThat(stats.fieldsSent.get() - fieldsSent).isEqualTo(1);
    }

    @Test
    void aFreshInstanceIsRestoredFromTheSessionBeforeItsFirstCallRuns() throws Exception {
        Cart first = new Cart();
        call(new BeanReplicator("app"), first, "add", () -> first.add("apple"));
        call(new BeanReplicator("app"), first, "rename", () -> {
            first.rename("alice");
            return null;
        });
        session.puts.clear();
        long restores = stats.restores.get();
        Cart fresh = new Cart();

        String seen = call(new BeanReplicator("app"), fresh, "count",
                () -> fresh.owner + " has " + fresh.count() + " " + fresh.items);

        assertThat(seen).isEqualTo("alice has 1 [apple]");
        assertThat(stats.restores.get() - restores).isEqualTo(1);
        assertThat(session.puts).as("restored state equals the stored one").isEmpty();
    }

    @Test
    void anInstanceWhoseEntriesChangedElsewhereIsRestoredAgainBeforeItsNextCall() throws Exception {
        Cart cart = new Cart();
        BeanReplicator replicator = new BeanReplicator("app");
        call(replicator, cart, "add", () -> cart.add("apple"));
        long restores = stats.restores.get();
        call(replicator, cart, "count", cart::count);
        assertThat(stats.restores.get() - restores).as("unchanged: no restore").isZero();

        session.changeElsewhere(PREFIX + "count", FieldCodec.write(5));
        session.changeElsewhere(PREFIX + "items", FieldCodec.write(new ArrayList<>(List.of("apple", "pear"))));
        session.puts.clear();
        int seen = call(replicator, cart, "count", cart::count);

        assertThat(seen).isEqualTo(5);
        assertThat(cart.items).containsExactly("apple", "pear");
        assertThat(stats.restores.get() - restores).isEqualTo(1);
        assertThat(session.puts).isEmpty();

        call(replicator, cart, "count", cart::count);
        assertThat(stats.restores.get() - restores).as("seen once, not restored again").isEqualTo(1);
    }

    @Test
    void aNonSerializableFieldWritesNothingAtAllAndTheCallStillReturns() throws Exception {
        long notSerializable = stats.notSerializable.get();
        Holder holder = new Holder();

        Object result = new ReplicationInterceptor().replicate(invocation(holder, "touch", () -> holder.touch("b")));

        assertThat(result).isEqualTo("touched b");
        assertThat(session.entries).isEmpty();
        assertThat(session.puts).isEmpty();
        assertThat(stats.notSerializable.get() - notSerializable).isEqualTo(1);
    }

    @Test
    void aSizeLimitOnTheSecondChangedEntryPutsTheFirstBack() throws Exception {
        Cart cart = new Cart();
        BeanReplicator replicator = new BeanReplicator("app");
        call(replicator, cart, "add", () -> cart.add("apple"));
        Map<String, byte[]> previous = session.snapshot();
        session.maxEntryBytes = 1_000;
        session.puts.clear();
        long tooLarge = stats.tooLarge.get();

        String result = call(replicator, cart, "add", () -> {
            cart.add("pear");
            cart.rename("x".repeat(5_000));
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(session.puts).as("items written, then put back").contains(PREFIX + "items");
        assertThat(session.entries).usingRecursiveComparison().isEqualTo(previous);
        assertThat(stats.tooLarge.get() - tooLarge).isEqualTo(1);
        assertThat(cart.items).as("the bean keeps working locally").containsExactly("apple", "pear");
    }

    @Test
    void aRemoveMethodRemovesTheEntriesAndLaterCallsWriteNothing() throws Exception {
        session.changeElsewhere("bean/other/field", FieldCodec.write("other bean"));
        session.changeElsewhere("attribute", FieldCodec.write("not a bean"));
        Cart cart = new Cart();
        BeanReplicator replicator = new BeanReplicator("app");
        call(replicator, cart, "add", () -> cart.add("apple"));
        long removed = stats.removed.get();

        call(replicator, cart, "checkout", () -> {
            cart.checkout();
            return null;
        });

        assertThat(session.entries).containsOnlyKeys("bean/other/field", "attribute");
        assertThat(stats.removed.get() - removed).isEqualTo(1);

        session.puts.clear();
        call(replicator, cart, "add", () -> cart.add("pear"));
        assertThat(session.puts).isEmpty();
        assertThat(session.entries).containsOnlyKeys("bean/other/field", "attribute");
    }

    @Test
    void noBoundSessionWritesNothingAndIsCounted() throws Exception {
        bound.close();
        long unbound = stats.unbound.get();
        Cart cart = new Cart();

        String result = call(new BeanReplicator("app"), cart, "add", () -> cart.add("apple"));

        assertThat(result).isEqualTo("added apple");
        assertThat(session.puts).isEmpty();
        assertThat(stats.unbound.get() - unbound).isEqualTo(1);
    }

    @Test
    void aRequestWithoutSessionOrWithAnInvalidatedOneWritesNothingAndIsCounted() throws Exception {
        long unbound = stats.unbound.get();
        Cart cart = new Cart();
        try (CurrentSession.Scope noSession = CurrentSession.bind(create -> java.util.Optional.empty())) {
            call(new BeanReplicator("app"), cart, "add", () -> cart.add("apple"));
        }
        session.valid = false;

        call(new BeanReplicator("app"), cart, "add", () -> cart.add("pear"));

        assertThat(session.puts).isEmpty();
        assertThat(stats.unbound.get() - unbound).isEqualTo(2);
    }

    @Test
    void aBeanThatIsNotSessionScopedNeverWritesIntoTheHttpSession() throws Exception {
        Wizard wizard = new Wizard();
        long failures = stats.replicationFailures.get();

        int step = call(new BeanReplicator("app"), wizard, "next", wizard::next);

        assertThat(step).isEqualTo(1);
        assertThat(session.puts).isEmpty();
        assertThat(stats.replicationFailures.get() - failures).as("no connection factory outside a container")
                .isEqualTo(1);
    }

    @Test
    void insideATransactionNothingIsWrittenUntilTheCommitAndOneSynchronizationServesEveryCall() throws Exception {
        Transactions.use(tsr);
        tsr.begin();
        Cart cart = new Cart();
        BeanReplicator replicator = new BeanReplicator("app");

        call(replicator, cart, "add", () -> cart.add("apple"));
        call(replicator, cart, "rename", () -> {
            cart.rename("alice");
            return null;
        });

        assertThat(session.puts).isEmpty();
        assertThat(tsr.synchronizations).hasSize(1);

        tsr.complete(Status.STATUS_COMMITTED);

        assertThat(session.puts).hasSize(3);
        assertThat(read(PREFIX + "items")).isEqualTo(List.of("apple"));
        assertThat(read(PREFIX + "owner")).isEqualTo("alice");

        tsr.begin();
        session.puts.clear();
        call(replicator, cart, "add", () -> cart.add("pear"));
        assertThat(tsr.synchronizations).as("a new transaction, a new synchronization").hasSize(1);
        assertThat(session.puts).isEmpty();
        tsr.complete(Status.STATUS_COMMITTED);
        assertThat(session.puts).containsExactlyInAnyOrder(PREFIX + "items", PREFIX + "count");
    }

    @Test
    void aRolledBackTransactionWritesNothingAndIsCounted() throws Exception {
        Transactions.use(tsr);
        tsr.begin();
        long rolledBack = stats.rolledBack.get();
        Cart cart = new Cart();

        call(new BeanReplicator("app"), cart, "add", () -> cart.add("apple"));
        tsr.complete(Status.STATUS_ROLLEDBACK);

        assertThat(session.puts).isEmpty();
        assertThat(stats.rolledBack.get() - rolledBack).isEqualTo(1);
    }

    @Test
    void aTransactionMarkedForRollbackNeverWrites() throws Exception {
        Transactions.use(tsr);
        tsr.begin();
        tsr.setRollbackOnly();
        long rolledBack = stats.rolledBack.get();
        Cart cart = new Cart();

        call(new BeanReplicator("app"), cart, "add", () -> cart.add("apple"));
        assertThat(session.puts).isEmpty();
        tsr.complete(Status.STATUS_ROLLEDBACK);

        assertThat(stats.rolledBack.get() - rolledBack).isEqualTo(1);
        assertThat(session.puts).isEmpty();
    }

    @Test
    void onRollbackTheFieldsGoBackToTheirLastReplicatedValues() throws Exception {
        Transactions.use(tsr);
        Cart cart = new Cart();
        BeanReplicator replicator = new BeanReplicator("app");
        tsr.begin();
        call(replicator, cart, "add", () -> cart.add("apple"));
        tsr.complete(Status.STATUS_COMMITTED);

        tsr.begin();
        call(replicator, cart, "add", () -> cart.add("bomb"));
        call(replicator, cart, "rename", () -> {
            cart.rename("mallory");
            return null;
        });
        assertThat(cart.items).containsExactly("apple", "bomb");
        tsr.complete(Status.STATUS_ROLLEDBACK);

        assertThat(cart.items).as("the live bean agrees with its replica").containsExactly("apple");
        assertThat(cart.owner).isNull();
        assertThat(cart.count()).isEqualTo(1);
        assertThat(read(PREFIX + "items")).isEqualTo(List.of("apple"));
    }

    @Test
    void aFreshBeanWhoseFirstTransactionRollsBackReturnsToItsStateBeforeIt() throws Exception {
        Transactions.use(tsr);
        Cart cart = new Cart();
        cart.rename("alice");
        tsr.begin();
        call(new BeanReplicator("app"), cart, "add", () -> cart.add("bomb"));
        tsr.complete(Status.STATUS_ROLLEDBACK);

        assertThat(cart.items).isEmpty();
        assertThat(cart.owner).isEqualTo("alice");
        assertThat(session.puts).isEmpty();
    }

    @SessionScoped
    @Replicated(value = "keeper", onRollback = OnRollback.KEEP)
    public static class Keeper {
        private final List<String> items = new ArrayList<>();

        public void add(String item) {
            items.add(item);
        }
    }

    @Test
    void withOnRollbackKeepTheFieldsKeepTheirValuesAndTheNextCommitCarriesThem() throws Exception {
        Transactions.use(tsr);
        Keeper keeper = new Keeper();
        BeanReplicator replicator = new BeanReplicator("app");
        tsr.begin();
        call(replicator, keeper, "add", () -> {
            keeper.add("bomb");
            return null;
        });
        tsr.complete(Status.STATUS_ROLLEDBACK);
        assertThat(keeper.items).containsExactly("bomb");
        assertThat(session.puts).isEmpty();

        tsr.begin();
        call(replicator, keeper, "add", () -> {
            keeper.add("fig");
            return null;
        });
        tsr.complete(Status.STATUS_COMMITTED);
        assertThat(read("bean/keeper/items")).isEqualTo(List.of("bomb", "fig"));
    }

    @Test
    void outsideATransactionTheRegistryLetsTheCallWriteAtOnce() throws Exception {
        Transactions.use(tsr);
        Cart cart = new Cart();

        call(new BeanReplicator("app"), cart, "add", () -> cart.add("apple"));

        assertThat(session.puts).hasSize(3);
        assertThat(tsr.synchronizations).isEmpty();
    }

    @Test
    void aCallThatThrowsIsStillReplicatedAndItsExceptionPropagates() {
        Cart cart = new Cart();
        ReplicationInterceptor interceptor = new ReplicationInterceptor();

        assertThatThrownBy(() -> interceptor.replicate(invocation(cart, "add", () -> {
            cart.add("apple");
            throw new Failed();
        }))).isInstanceOf(Failed.class);

        assertThat(session.entries).containsOnlyKeys(PREFIX + "items", PREFIX + "owner", PREFIX + "count");
    }

    @Test
    void aRemoveMethodThatFailsWithRetainIfExceptionKeepsReplicating() throws Exception {
        Order order = new Order();
        ReplicationInterceptor interceptor = new ReplicationInterceptor();
        interceptor.replicate(invocation(order, "change", () -> {
            order.change("paid");
            return null;
        }));

        assertThatThrownBy(() -> interceptor.replicate(invocation(order, "submit", () -> {
            order.submit();
            return null;
        }))).isInstanceOf(Failed.class);
        interceptor.replicate(invocation(order, "change", () -> {
            order.change("shipped");
            return null;
        }));

        assertThat(session.entries).containsKey("bean/order/state");
        assertThat(FieldCodec.read(session.entries.get("bean/order/state"), getClass().getClassLoader(), ""))
                .isEqualTo("shipped");
    }

    @SessionScoped
    @Replicated("cart/admin")
    public static class AdminCart {
        private String owner = "admin";

        public String owner() {
            return owner;
        }
    }

    @Test
    void aBeanNameThatCouldReachIntoAnotherBeansEntriesIsRefusedWithAClearError() {
        AdminCart admin = new AdminCart();

        assertThatThrownBy(() -> call(new BeanReplicator("app"), admin, "owner", admin::owner))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cart/admin").hasMessageContaining(AdminCart.class.getName());
        assertThat(session.puts).isEmpty();
    }

    @SessionScoped
    @Replicated("basket")
    public static class Basket implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final List<String> items = new ArrayList<>();
        private int views;

        public void add(String item) {
            items.add(item);
        }

        public int view() {
            return ++views;
        }
    }

    /**
     * Passivation (and Payara's SFSB checkpoint after each transaction) serializes the bean with its interceptor:
     * read back, the pair carries on — no restore of its own state, only changed fields travel.
     */
    @Test
    void aPassivatedAndActivatedBeanCarriesOnWithoutRestoringAndSendsOnlyChanges() throws Exception {
        Basket basket = new Basket();
        ReplicationInterceptor interceptor = new ReplicationInterceptor();
        interceptor.replicate(invocation(basket, "add", () -> {
            basket.add("apple");
            return null;
        }));
        long restores = stats.restores.get();

        Object[] activated = passivateAndActivate(basket, interceptor);
        Basket again = (Basket) activated[0];
        ReplicationInterceptor interceptorAgain = (ReplicationInterceptor) activated[1];
        session.puts.clear();
        interceptorAgain.replicate(invocation(again, "view", again::view));

        assertThat(stats.restores.get() - restores).as("its own replica is no news").isZero();
        assertThat(session.puts).as("only the changed field").containsExactly("bean/basket/views");
        assertThat(again.items).containsExactly("apple");
    }

    private static Object[] passivateAndActivate(Object... pair) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(pair);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (Object[]) in.readObject();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** One business call as the interceptor makes it: before, the body, after (also when the body throws). */
    private static <T> T call(BeanReplicator replicator, Object bean, String method, Callable<T> body)
            throws Exception {
        replicator.before(bean);
        try {
            return body.call();
        } finally {
            replicator.after(method(bean, method));
        }
    }

    private static Method method(Object bean, String name) {
        return Arrays.stream(bean.getClass().getMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    private static InvocationContext invocation(Object bean, String method, Callable<?> body) {
        Method m = method(bean, method);
        Map<String, Object> data = new HashMap<>();
        return new InvocationContext() {
            @Override
            public Object getTarget() {
                return bean;
            }

            @Override
            public Object getTimer() {
                return null;
            }

            @Override
            public Method getMethod() {
                return m;
            }

            @Override
            public Constructor<?> getConstructor() {
                return null;
            }

            @Override
            public Object[] getParameters() {
                return new Object[0];
            }

            @Override
            public void setParameters(Object[] params) {
            }

            @Override
            public Map<String, Object> getContextData() {
                return data;
            }

            @Override
            public Object proceed() throws Exception {
                return body.call();
            }
        };
    }

    private Object read(String entry) throws FieldCodec.Unreadable {
        return FieldCodec.read(session.entries.get(entry), getClass().getClassLoader(), "");
    }
}
