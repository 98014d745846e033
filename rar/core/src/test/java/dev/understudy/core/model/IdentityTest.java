package dev.understudy.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "A", "a.b", "a#", "a*", "a>", "a b", "a/b", "abcdefghijklmnopqrstuvwxyz0123456", "é"})
    void nodeIdsThatCouldBreakAnAddressAreRefused(String bad) {
        assertThat(NodeId.isValid(bad)).isFalse();
        assertThatThrownBy(() -> NodeId.of(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid node id");
    }

    @Test
    void validNodeIds() {
        assertThat(NodeId.of("node-1").value()).isEqualTo("node-1");
        assertThat(NodeId.isValid("a".repeat(32))).isTrue();
    }

    /** The hand-written checks accept exactly what their documented patterns accept, character by character. */
    @Test
    void theIdChecksAgreeWithTheirPatterns() {
        java.util.regex.Pattern node = java.util.regex.Pattern.compile("[a-z0-9-]{1,32}");
        java.util.regex.Pattern session = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,128}");
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String one = "x-" + c + "9";
            assertThat(NodeId.isValid(one)).as("node id with U+%04X", (int) c).isEqualTo(node.matcher(one).matches());
            assertThat(SessionKey.isValidId(one)).as("session id with U+%04X", (int) c)
                    .isEqualTo(session.matcher(one).matches());
        }
        assertThat(NodeId.isValid("a".repeat(33))).isFalse();
        assertThat(NodeId.isValid(null)).isFalse();
        assertThat(SessionKey.isValidId("A".repeat(128))).isTrue();
        assertThat(SessionKey.isValidId("A".repeat(129))).isFalse();
        assertThat(SessionKey.isValidId("")).isFalse();
        assertThat(SessionKey.isValidId(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b", "a b", "a;b", "a=b"})
    void sessionIdsMustBeUrlSafe(String bad) {
        assertThatThrownBy(() -> SessionKey.web("/app", bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stampsOrderByEpochThenVersion() {
        assertThat(new Stamp(2, 1)).isGreaterThan(new Stamp(1, 99));
        assertThat(new Stamp(1, 3)).isGreaterThan(new Stamp(1, 2));
        assertThat(new Stamp(1, 3).nextEpoch()).isEqualTo(new Stamp(2, 3));
        assertThat(new Stamp(1, 3).nextVersion()).isEqualTo(new Stamp(1, 4));
    }

    @Test
    void topologyDistance() {
        Topology t = new Topology("m1", "r1", "z1");
        assertThat(t.distanceTo(new Topology("m2", "r2", "z2"))).isEqualTo(3);
        assertThat(t.distanceTo(new Topology("m2", "r2", "z1"))).isEqualTo(2);
        assertThat(t.distanceTo(new Topology("m2", "r1", "z1"))).isEqualTo(1);
        assertThat(t.distanceTo(t)).isZero();
        assertThat(t.distanceTo(Topology.UNKNOWN)).isZero();
    }

    @Test
    void metadataExpiry() {
        Metadata m = new Metadata(0, 1_000, 2);
        assertThat(m.isExpired(3_000, 0)).isFalse();
        assertThat(m.isExpired(3_001, 0)).isTrue();
        assertThat(m.isExpired(3_001, 500)).isFalse();
        assertThat(new Metadata(0, 0, 0).isExpired(Long.MAX_VALUE, 0)).isFalse();
        assertThat(m.withLastAccessed(500).lastAccessedTime()).isEqualTo(1_000);
    }
}
