package dev.understudy.core.model;

import java.util.Objects;

/** Where a node runs: machine, rack and zone labels. Empty labels mean "unknown" and never differ. */
public record Topology(String machine, String rack, String zone) {
    public static final Topology UNKNOWN = new Topology("", "", "");

    public Topology {
        machine = Objects.requireNonNullElse(machine, "");
        rack = Objects.requireNonNullElse(rack, "");
        zone = Objects.requireNonNullElse(zone, "");
        for (String label : new String[] {machine, rack, zone}) {
            if (label.length() > 64) {
                throw new IllegalArgumentException("Topology label longer than 64 characters: " + label);
            }
        }
    }

    /**
     * How far apart two nodes are, from 3 (different zone) through 2 (rack) and 1 (machine) to 0 (same
     * machine, or nothing known). A larger distance survives a larger failure.
     */
    public int distanceTo(Topology other) {
        if (differs(zone, other.zone)) {
            return 3;
        }
        if (differs(rack, other.rack)) {
            return 2;
        }
        if (differs(machine, other.machine)) {
            return 1;
        }
        return 0;
    }

    private static boolean differs(String a, String b) {
        return !a.isEmpty() && !b.isEmpty() && !a.equals(b);
    }
}
