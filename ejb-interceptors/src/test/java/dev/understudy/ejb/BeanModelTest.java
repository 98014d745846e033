package dev.understudy.ejb;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Remove;
import jakarta.ejb.SessionContext;
import jakarta.ejb.StatefulTimeout;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which fields of a bean class are replicated, under which names, and what the class says about the bean. */
class BeanModelTest {

    interface Pricing {
    }

    interface Inventory {
    }

    @SuppressWarnings("unused")
    static class Shop {
        static int instances;
        transient String cache;
        @NotReplicated String scratch;
        @Inject Pricing pricing;
        @EJB Inventory inventory;
        @Resource String greeting;
        @PersistenceContext EntityManager annotatedEm;
        EntityManager em;
        SessionContext context;
        UserTransaction tx;
        final List<String> items = new ArrayList<>();
        String owner;
        int count;
    }

    @Test
    void onlyPlainInstanceFieldsAreReplicatedAndInjectedOnesAreLeftToTheContainer() {
        BeanModel model = BeanModel.of(Shop.class);

        assertThat(entries(model)).containsExactly("items", "owner", "count");
        assertThat(model.containerFields).containsExactlyInAnyOrder("pricing", "inventory", "greeting",
                "annotatedEm", "em", "context", "tx");
        assertThat(model.containerFields).doesNotContain("instances", "cache", "scratch");
    }

    @Test
    void aFinalFieldIsReplicatedAndSettable() throws Exception {
        BeanModel.BeanField items = BeanModel.of(Shop.class).fields.get(0);
        Shop shop = new Shop();
        List<String> replaced = new ArrayList<>(List.of("x"));

        items.field().set(shop, replaced);

        assertThat(items.entry()).isEqualTo("items");
        assertThat(shop.items).isSameAs(replaced);
    }

    @SuppressWarnings("unused")
    static class Base {
        String label = "base";
        int onlyInBase;
    }

    @SuppressWarnings("unused")
    static class Derived extends Base {
        String label = "derived";
    }

    @Test
    void aFieldHiddenByASubclassFieldIsNamedAfterItsDeclaringClass() {
        BeanModel model = BeanModel.of(Derived.class);

        assertThat(entries(model)).containsExactly("label", "Base.label", "onlyInBase");
        assertThat(model.fields.get(0).field().getDeclaringClass()).isEqualTo(Derived.class);
        assertThat(model.fields.get(1).field().getDeclaringClass()).isEqualTo(Base.class);
    }

    interface CartApi {
        void checkout();

        void add(String item);
    }

    @SessionScoped
    @Replicated(" cart ")
    @StatefulTimeout(value = 5, unit = TimeUnit.MINUTES)
    @SuppressWarnings("unused")
    static class Cart implements CartApi {
        String owner;

        @Remove
        @Override
        public void checkout() {
        }

        @Override
        public void add(String item) {
        }
    }

    /** What Weld generates for an intercepted bean: a subclass with fields of its own. */
    @SuppressWarnings("unused")
    static class Cart$$_WeldSubclass extends Cart {
        Object methodHandler;
    }

    /** Another container-generated shape: a proxy subclass. */
    @SuppressWarnings("unused")
    static class Cart$Proxy$_$$_WeldClientProxy extends Cart {
        Object beanInstance;
    }

    @Test
    void aContainerSubclassMapsBackToTheUserClass() {
        for (Class<?> generated : List.of(Cart$$_WeldSubclass.class, Cart$Proxy$_$$_WeldClientProxy.class)) {
            BeanModel model = BeanModel.of(generated);

            assertThat(model.beanClass).as(generated.getName()).isEqualTo(Cart.class);
            assertThat(model.name).isEqualTo("cart");
            assertThat(model.sessionScoped).isTrue();
            assertThat(model.timeoutSeconds).isEqualTo(300);
            assertThat(entries(model)).containsExactly("owner");
        }
    }

    @Test
    void sessionScopeAndNameComeFromTheBeanClass() {
        BeanModel cart = BeanModel.of(Cart.class);
        BeanModel shop = BeanModel.of(Shop.class);

        assertThat(cart.sessionScoped).isTrue();
        assertThat(cart.name).isEqualTo("cart");
        assertThat(shop.sessionScoped).isFalse();
        assertThat(shop.name).isEqualTo(Shop.class.getName()).isEqualTo("dev.understudy.ejb.BeanModelTest$Shop");
    }

    @Replicated
    static class DefaultNamed {
    }

    @Replicated("  ")
    static class BlankNamed {
    }

    @Test
    void aBlankOrDefaultReplicatedNameIsTheClassName() {
        assertThat(BeanModel.of(DefaultNamed.class).name).isEqualTo(DefaultNamed.class.getName());
        assertThat(BeanModel.of(BlankNamed.class).name).isEqualTo(BlankNamed.class.getName());
    }

    @Test
    void removeIsRecognizedFromTheInterfacesMethodToo() throws Exception {
        BeanModel model = BeanModel.of(Cart.class);

        assertThat(model.isRemove(CartApi.class.getMethod("checkout"))).isTrue();
        assertThat(model.isRemove(Cart.class.getMethod("checkout"))).isTrue();
        assertThat(model.isRemove(CartApi.class.getMethod("add", String.class))).isFalse();
        assertThat(model.isRemove(Object.class.getMethod("toString"))).isFalse();
        assertThat(model.isRemove(null)).isFalse();
    }

    @Test
    void removeIsRecognizedThroughAContainerSubclass() throws Exception {
        BeanModel model = BeanModel.of(Cart$$_WeldSubclass.class);

        assertThat(model.isRemove(Cart$$_WeldSubclass.class.getMethod("checkout"))).isTrue();
        assertThat(model.isRemove(CartApi.class.getMethod("add", String.class))).isFalse();
    }

    @StatefulTimeout(-1)
    static class Immortal {
    }

    @StatefulTimeout(500)
    static class DefaultUnitIsMinutes {
    }

    @StatefulTimeout(value = 500, unit = TimeUnit.MILLISECONDS)
    static class SubSecond {
    }

    @StatefulTimeout(value = Long.MAX_VALUE, unit = TimeUnit.DAYS)
    static class Huge {
    }

    @Test
    void statefulTimeoutIsMappedToSeconds() {
        assertThat(BeanModel.of(Immortal.class).timeoutSeconds).as("-1: never").isZero();
        assertThat(BeanModel.of(Cart.class).timeoutSeconds).isEqualTo(300);
        assertThat(BeanModel.of(DefaultUnitIsMinutes.class).timeoutSeconds).isEqualTo(30_000);
        assertThat(BeanModel.of(SubSecond.class).timeoutSeconds).as("rounded up, never 0 (never)").isEqualTo(1);
        assertThat(BeanModel.of(Huge.class).timeoutSeconds).isEqualTo(Integer.MAX_VALUE);
        assertThat(BeanModel.of(Shop.class).timeoutSeconds).as("none declared").isEqualTo(-1);
    }

    @Test
    void theModelIsBuiltOncePerClass() {
        assertThat(BeanModel.of(Shop.class)).isSameAs(BeanModel.of(Shop.class));
    }

    private static List<String> entries(BeanModel model) {
        return model.fields.stream().map(BeanModel.BeanField::entry).toList();
    }
}
