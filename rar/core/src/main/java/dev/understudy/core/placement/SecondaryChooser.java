package dev.understudy.core.placement;

import dev.understudy.core.model.NodeId;
import dev.understudy.core.model.NodeInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses a session's secondary (ARCHITECTURE §5, Create): the admin pairing if that node is alive; else
 * the least-loaded live node as far away as possible — another zone, else another rack, else another
 * machine, else any other node. Ties go to the smaller node id, so the choice is deterministic. Pure logic.
 */
public final class SecondaryChooser {

    /**
     * @param self      the primary
     * @param live      live candidates (self, if present, is ignored)
     * @param preferred the admin pairing for this primary, or {@code null}
     */
    public Choice choose(NodeInfo self, Collection<Candidate> live, NodeId preferred) {
        List<Choice.Considered> considered = new ArrayList<>();
        for (Candidate c : live) {
            if (!c.node().id().equals(self.id())) {
                considered.add(new Choice.Considered(c.node().id(),
                        self.topology().distanceTo(c.node().topology()), c.load()));
            }
        }
        considered.sort(Comparator.comparingInt(Choice.Considered::distance).reversed()
                .thenComparingLong(Choice.Considered::load)
                .thenComparing(Choice.Considered::node));
        if (considered.isEmpty()) {
            return new Choice(null, Choice.Reason.NONE_AVAILABLE, considered);
        }
        if (preferred != null && considered.stream().anyMatch(c -> c.node().equals(preferred))) {
            return new Choice(preferred, Choice.Reason.ADMIN_PAIRING, considered);
        }
        Choice.Considered best = considered.get(0);
        Choice.Reason reason = switch (best.distance()) {
            case 3 -> Choice.Reason.OTHER_ZONE;
            case 2 -> Choice.Reason.OTHER_RACK;
            case 1 -> Choice.Reason.OTHER_MACHINE;
            default -> Choice.Reason.SAME_MACHINE;
        };
        return new Choice(best.node(), reason, considered);
    }
}
