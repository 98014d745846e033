package dev.understudy.ejb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the bean handle a Java client sends back (issue 7 point 2): anything that is not exactly the
 * documented shape is refused before the server decodes it, naming the part at fault and never echoing more than
 * 60 characters of it. (The MAC itself is verified by the adapter: {@code RouteAttackTest} in rar/core.)
 */
class BeanHandleAttackTest {
    private static final String ROUTE = "AbCdEfGhIjKlMnOpQrStUvWx.node-1._12345.3.kIdAAAAAAAAAAAAAAAAAAAAAAA";

    @ParameterizedTest
    @ValueSource(strings = {
        "AbCd.node.1._12345.3.kIdAAAAAAAAAAAAAAAAAAAAAAA",
        "AbCd.node-#._12345.3.kIdAAAAAAAAAAAAAAAAAAAAAAA",
        "AbCd.*._12345.3.kIdAAAAAAAAAAAAAAAAAAAAAAA",
        "AbCd.node-1.node-2.3.kIdAAAAAAAAAAAAAAAAAAAAAAA",
        "AbCd.node-1._-5.3.kIdAAAAAAAAAAAAAAAAAAAAAAA",
        "AbCd.node-1._12345.3.AAAA",
        "AbCd.node-1._12345.3.AAAAAAAAAAAAAAAAAAAAAA.extra",
        "Ab/Cd.node-1._12345.3.kIdAAAAAAAAAAAAAAAAAAAAAAA",
        ""})
    void aGarbledRouteIsRefused(String route) {
        assertThatThrownBy(() -> BeanHandle.parse(route + ";node-2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("route part garbled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"node.2", "node-2#", ">", "Node-2", "node 2", "node-2;x", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void aSecondaryThatCouldReachABrokerAddressIsRefused(String secondary) {
        assertThatThrownBy(() -> BeanHandle.parse(ROUTE + ";" + secondary)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secondary part garbled");
    }

    @Test
    void anOversizedHandleIsRefusedWithoutEchoingIt() {
        String huge = ROUTE + ";" + "x".repeat(10_000);
        assertThatThrownBy(() -> BeanHandle.parse(huge)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(150));
        assertThatThrownBy(() -> BeanHandle.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDocumentedShapeIsAccepted() {
        BeanHandle handle = BeanHandle.parse(ROUTE + ";node-2");
        assertThat(handle.primary()).isEqualTo("node-1");
        assertThat(handle.secondary()).contains("node-2");
        assertThat(BeanHandle.parse(ROUTE + ";").secondary()).isEmpty();
    }
}
