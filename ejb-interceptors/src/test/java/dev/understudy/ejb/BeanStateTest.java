package dev.understudy.ejb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.ejb.EJBLocalHome;
import jakarta.ejb.EJBLocalObject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bean's fields to bytes and back: all-or-nothing capture, field-by-field restore. */
class BeanStateTest {

    record Note(String text) implements Serializable {
    }

    static class Widget {
    }

    @SuppressWarnings("unused")
    static class Wizard {
        final List<String> steps = new ArrayList<>();
        String title = "fresh";
        Integer answer = 7;
        Note note = new Note("fresh");
        int page;
        Object extra;
    }

    private final ClassLoader loader = BeanStateTest.class.getClassLoader();

    @Test
    void captureAndRestoreRoundTripIntoAFreshInstance() throws Exception {
        Wizard wizard = new Wizard();
        wizard.steps.addAll(List.of("start", "address"));
        wizard.title = null;
        wizard.answer = 42;
        wizard.note = new Note("remember");
        wizard.page = 3;
        BeanModel model = BeanModel.of(Wizard.class);

        Map<String, byte[]> captured = BeanState.capture(model, wizard);
        Wizard fresh = new Wizard();
        List<String> failed = BeanState.restore(model, fresh, captured, loader, "", BeanStats.get());

        assertThat(captured).containsOnlyKeys("steps", "title", "answer", "note", "page", "extra");
        assertThat(failed).isEmpty();
        assertThat(fresh.steps).containsExactly("start", "address").isNotSameAs(wizard.steps);
        assertThat(fresh.title).isNull();
        assertThat(fresh.answer).isEqualTo(42);
        assertThat(fresh.note).isEqualTo(new Note("remember"));
        assertThat(fresh.page).isEqualTo(3);
        assertThat(fresh.extra).isNull();
    }

    @Test
    void fieldsWithoutAnEntryKeepTheirValue() {
        Wizard fresh = new Wizard();

        List<String> failed = BeanState.restore(BeanModel.of(Wizard.class), fresh, Map.of(), loader, "",
                BeanStats.get());

        assertThat(failed).isEmpty();
        assertThat(fresh.title).isEqualTo("fresh");
        assertThat(fresh.answer).isEqualTo(7);
    }

    @Test
    void aNonSerializableValueFailsTheWholeCaptureNamingFieldAndClass() {
        Wizard wizard = new Wizard();
        wizard.extra = new Widget();

        BeanState.CaptureFailure failure = catchThrowableOfType(BeanState.CaptureFailure.class,
                () -> BeanState.capture(BeanModel.of(Wizard.class), wizard));

        assertThat(failure).isNotNull();
        assertThat(failure.field).isEqualTo("extra");
        assertThat(failure.getMessage()).contains(Widget.class.getName());
    }

    @Test
    void aNonSerializableValueDeepInsideAFieldFailsTheCaptureToo() {
        Wizard wizard = new Wizard();
        wizard.extra = new ArrayList<>(List.of("ok", new Widget()));

        BeanState.CaptureFailure failure = catchThrowableOfType(BeanState.CaptureFailure.class,
                () -> BeanState.capture(BeanModel.of(Wizard.class), wizard));

        assertThat(failure.field).isEqualTo("extra");
        assertThat(failure.getMessage()).contains(Widget.class.getName());
    }

    @Test
    void aRefusedClassKeepsTheFreshValueIsReportedAndTheOthersAreRestored() throws Exception {
        Wizard wizard = new Wizard();
        wizard.steps.add("start");
        wizard.title = "mine";
        wizard.note = new Note("application class");
        wizard.page = 9;
        BeanModel model = BeanModel.of(Wizard.class);
        Map<String, byte[]> captured = BeanState.capture(model, wizard);
        BeanStats stats = BeanStats.get();
        long failuresBefore = stats.restoreFailures.get();
        Wizard fresh = new Wizard();

        List<String> failed = BeanState.restore(model, fresh, captured, loader, "java.base/*;!*", stats);

        assertThat(failed).containsExactly("note");
        assertThat(fresh.note).isEqualTo(new Note("fresh"));
        assertThat(fresh.steps).containsExactly("start");
        assertThat(fresh.title).isEqualTo("mine");
        assertThat(fresh.page).isEqualTo(9);
        assertThat(stats.restoreFailures.get() - failuresBefore).isEqualTo(1);
    }

    @Test
    void bytesOfTheWrongTypeForTheFieldAreReportedNotThrown() throws Exception {
        BeanModel model = BeanModel.of(Wizard.class);
        Map<String, byte[]> entries = Map.of("page", FieldCodec.write("not an int"), "title",
                FieldCodec.write("kept"), "answer", new byte[] {1, 2, 3});
        Wizard fresh = new Wizard();

        List<String> failed = BeanState.restore(model, fresh, entries, loader, "", BeanStats.get());

        assertThat(failed).containsExactlyInAnyOrder("page", "answer");
        assertThat(fresh.page).isZero();
        assertThat(fresh.answer).isEqualTo(7);
        assertThat(fresh.title).isEqualTo("kept");
    }

    /** What Weld hands out for an injected bean (a nested class named as Weld names its client proxies). */
    static class Service$Proxy$_$$_WeldClientProxy {
    }

    @Test
    void aContainerProxyIsRecognizedByItsClassName() {
        assertThat(BeanModel.isContainerProxy(new Service$Proxy$_$$_WeldClientProxy())).isTrue();
        assertThat(BeanModel.isContainerProxy(new Object())).isFalse();
        assertThat(BeanModel.isContainerProxy("text")).isFalse();
        assertThat(BeanModel.isContainerProxy(null)).isFalse();
    }

    /** An EJB local object implementing the EJB interface itself. */
    static class DirectLocalObject implements EJBLocalObject {
        @Override
        public EJBLocalHome getEJBLocalHome() {
            return null;
        }

        @Override
        public Object getPrimaryKey() {
            return null;
        }

        @Override
        public void remove() {
        }

        @Override
        public boolean isIdentical(EJBLocalObject other) {
            return other == this;
        }
    }

    /** An EJB 2.x local component interface, as applications declare them. */
    interface CartLocal extends EJBLocalObject {
    }

    /** What the container hands out for it: a class implementing the component interface. */
    static class CartLocalReference extends DirectLocalObject implements CartLocal {
    }

    static class PlainImplementingSomething implements Runnable, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public void run() {
        }
    }

    @Test
    void anEjbReferenceIsRecognizedByTheInterfaceItImplements() {
        assertThat(BeanModel.isContainerProxy(new DirectLocalObject())).isTrue();
        assertThat(BeanModel.isContainerProxy(new PlainImplementingSomething())).isFalse();
    }

    @Test
    void anEjbReferenceIsRecognizedThroughItsComponentInterface() {
        Object proxy = java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {CartLocal.class},
                (p, method, args) -> null);

        assertThat(BeanModel.isContainerProxy(proxy)).as("java.lang.reflect.Proxy for CartLocal").isTrue();
        assertThat(BeanModel.isContainerProxy(new CartLocalReference())).isTrue();
    }

    static class Holder {
        Object service = new Service$Proxy$_$$_WeldClientProxy();
        String kept = "k";
    }

    @Test
    void aContainerProxyInAPlainFieldIsSkippedAtCapture() throws Exception {
        Map<String, byte[]> captured = BeanState.capture(BeanModel.of(Holder.class), new Holder());

        assertThat(captured).containsOnlyKeys("kept");
    }
}
