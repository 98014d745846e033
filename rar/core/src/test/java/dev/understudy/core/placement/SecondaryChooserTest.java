package dev.understudy.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import dev.understudy.core.model.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecondaryChooserTest {
    private final SecondaryChooser chooser = new SecondaryChooser();
    private final NodeInfo self = node("a", "m1", "r1", "z1");

    private static NodeInfo node(String id, String machine, String rack, String zone) {
        return new NodeInfo(NodeId.of(id), Math.abs(id.hashCode()) + 1L, new Topology(machine, rack, zone));
    }

    private static Candidate c(NodeInfo n, long load) {
        return new Candidate(n, load);
    }

    @Test
    void prefersAnotherZoneOverAnotherRackOverAnotherMachine() {
        NodeInfo sameMachine = node("b", "m1", "r1", "z1");
        NodeInfo otherMachine = node("c", "m2", "r1", "z1");
        NodeInfo otherRack = node("d", "m3", "r2", "z1");
        NodeInfo otherZone = node("e", "m4", "r3", "z2");

        assertThat(chooser.choose(self, List.of(c(sameMachine, 0), c(otherMachine, 0), c(otherRack, 0),
                c(otherZone, 99)), null)).extracting(Choice::secondary, Choice::reason)
                .containsExactly(NodeId.of("e"), Choice.Reason.OTHER_ZONE);
        assertThat(chooser.choose(self, List.of(c(sameMachine, 0), c(otherMachine, 0), c(otherRack, 50)), null))
                .extracting(Choice::secondary, Choice::reason).containsExactly(NodeId.of("d"), Choice.Reason.OTHER_RACK);
        assertThat(chooser.choose(self, List.of(c(sameMachine, 0), c(otherMachine, 7)), null))
                .extracting(Choice::secondary, Choice::reason)
                .containsExactly(NodeId.of("c"), Choice.Reason.OTHER_MACHINE);
        assertThat(chooser.choose(self, List.of(c(sameMachine, 3)), null))
                .extracting(Choice::secondary, Choice::reason)
                .containsExactly(NodeId.of("b"), Choice.Reason.SAME_MACHINE);
    }

    @Test
    void picksTheLeastLoadedWithinTheBestClassAndBreaksTiesByNodeId() {
        NodeInfo x = node("x", "m2", "r2", "z2");
        NodeInfo y = node("y", "m3", "r3", "z3");
        NodeInfo w = node("w", "m4", "r4", "z4");
        assertThat(chooser.choose(self, List.of(c(x, 5), c(y, 2), c(w, 9)), null).secondary()).isEqualTo(NodeId.of("y"));
        assertThat(chooser.choose(self, List.of(c(x, 2), c(y, 2)), null).secondary()).isEqualTo(NodeId.of("x"));
    }

    @Test
    void adminPairingWinsWhileThePairedNodeIsAlive() {
        NodeInfo near = node("near", "m1", "r1", "z1");
        NodeInfo far = node("far", "m9", "r9", "z9");
        Choice paired = chooser.choose(self, List.of(c(near, 100), c(far, 0)), NodeId.of("near"));
        assertThat(paired.secondary()).isEqualTo(NodeId.of("near"));
        assertThat(paired.reason()).isEqualTo(Choice.Reason.ADMIN_PAIRING);
        assertThat(paired.explain()).startsWith("near: admin pairing");

        Choice pairedGone = chooser.choose(self, List.of(c(far, 0)), NodeId.of("near"));
        assertThat(pairedGone.secondary()).isEqualTo(NodeId.of("far"));
        assertThat(pairedGone.reason()).isEqualTo(Choice.Reason.OTHER_ZONE);
    }

    @Test
    void neverChoosesItselfAndSaysWhenThereIsNobody() {
        Choice none = chooser.choose(self, List.of(c(self, 0)), null);
        assertThat(none.secondary()).isNull();
        assertThat(none.reason()).isEqualTo(Choice.Reason.NONE_AVAILABLE);
        assertThat(none.explain()).contains("no other live node");
    }

    @Test
    void unknownTopologyNeverCountsAsDifferent() {
        NodeInfo unlabelled = new NodeInfo(NodeId.of("u"), 5, Topology.UNKNOWN);
        assertThat(chooser.choose(self, List.of(c(unlabelled, 0)), null).reason()).isEqualTo(Choice.Reason.SAME_MACHINE);
    }
}
