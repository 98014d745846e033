package dev.understudy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopologyTest {
    @Test
    void aMachineEachTwoNodesPerRackZonesAlternating() {
        assertThat(Topology.of(1)).isEqualTo(new Topology("m1", "r1", "z1"));
        assertThat(Topology.of(2)).isEqualTo(new Topology("m2", "r1", "z2"));
        assertThat(Topology.of(3)).isEqualTo(new Topology("m3", "r2", "z1"));
        assertThat(Topology.of(4)).isEqualTo(new Topology("m4", "r2", "z2"));
        assertThat(Topology.of(3)).hasToString("machine m3, rack r2, zone z1");
    }
}
