package dev.understudy.ejb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bean handle's string form: read back exactly, and anything else refused with the part at fault. */
class BeanHandleTest {
    static final String MAC = "kId_0123456789abcdefABCD_-";
    static final String ROUTE = "Sess-1_x.node-a._1234567.42." + MAC;

    @Test
    void theStringFormReadsBackToAnEqualHandle() {
        BeanHandle handle = BeanHandle.parse(ROUTE + ";node-b");

        assertThat(handle.toString()).isEqualTo(ROUTE + ";node-b");
        assertThat(BeanHandle.parse(handle.toString())).isEqualTo(handle).hasSameHashCodeAs(handle);
        assertThat(BeanHandle.of(ROUTE, "node-b")).isEqualTo(handle);
    }

    @Test
    void itsPartsAreTheRoutesParts() {
        BeanHandle handle = BeanHandle.parse(ROUTE + ";node-b");

        assertThat(handle.route()).isEqualTo(ROUTE);
        assertThat(handle.sessionId()).isEqualTo("Sess-1_x");
        assertThat(handle.primary()).isEqualTo("node-a");
        assertThat(handle.secondary()).contains("node-b");
    }

    @Test
    void aHandleWithoutSecondaryHasNone() {
        BeanHandle bare = BeanHandle.parse(ROUTE);
        BeanHandle empty = BeanHandle.parse(ROUTE + ";");
        BeanHandle ofNull = BeanHandle.of(ROUTE, null);

        assertThat(bare.secondary()).isEmpty();
        assertThat(bare).isEqualTo(empty).isEqualTo(ofNull);
        assertThat(bare.toString()).isEqualTo(ROUTE + ";");
        assertThat(BeanHandle.parse(bare.toString())).isEqualTo(bare);
        assertThat(bare).isNotEqualTo(BeanHandle.parse(ROUTE + ";node-b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        ";node-b",
        "garbage",
        "Sess-1_x.node-a._1234567.42.tooShortMac;node-b",
        "Sess-1_x.node-a._1234567.42." + MAC + "x;node-b",
        "Sess-1_x.Node-A._1234567.42." + MAC + ";node-b",
        "Sess-1_x.node-a.1234567.42." + MAC + ";node-b",
        "Sess-1_x.node-a._12a4567.42." + MAC + ";node-b",
        "Sess-1_x.node-a._1234567." + MAC + ";node-b",
        "Sess.1_x.node-a._1234567.42." + MAC + ";node-b",
        "Sess 1.node-a._1234567.42." + MAC + ";node-b",
        ".node-a._1234567.42." + MAC,
        "Sess-1_x.node-a._123456789012345678901.42." + MAC,
    })
    void aGarbledRouteIsRefusedNamingTheRoute(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> BeanHandle.parse(value))
                .withMessageContaining("route part garbled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Node-B", "node_b", "node.b", "node-b;node-c", " node-b",
        "abcdefghijklmnopqrstuvwxyz0123456"})
    void aGarbledSecondaryIsRefusedNamingTheSecondary(String secondary) {
        assertThatIllegalArgumentException().isThrownBy(() -> BeanHandle.parse(ROUTE + ";" + secondary))
                .withMessageContaining("secondary part garbled");
    }

    @Test
    void aSecondaryOfThirtyTwoCharactersIsAccepted() {
        String longest = "abcdefghijklmnopqrstuvwxyz012345";

        assertThat(BeanHandle.parse(ROUTE + ";" + longest).secondary()).contains(longest);
    }

    @Test
    void anOverlongOrMissingValueIsRefusedAndNotEchoedInFull() {
        String overlong = ROUTE + ";node-b" + "x".repeat(301);

        assertThatIllegalArgumentException().isThrownBy(() -> BeanHandle.parse(overlong))
                .withMessageStartingWith("Not an Understudy bean handle")
                .withMessageEndingWith("...")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
        assertThatIllegalArgumentException().isThrownBy(() -> BeanHandle.parse(null))
                .withMessageContaining("null");
    }

    @Test
    void theLongestWellFormedHandleIsAccepted() {
        String route = "s".repeat(128) + "." + "n".repeat(32) + "._" + "9".repeat(20) + "." + "8".repeat(18) + "."
                + MAC;

        BeanHandle handle = BeanHandle.of(route, "m".repeat(32));

        assertThat(handle.sessionId()).hasSize(128);
        assertThat(handle.primary()).isEqualTo("n".repeat(32));
    }
}
