package dev.understudy.demo;

/**
 * The labels node {@code i} gets, so that the secondary choice (another zone, else rack, else machine) shows:
 * a machine each, two nodes per rack, zones alternating — node-1 m1/r1/z1, node-2 m2/r1/z2, node-3 m3/r2/z1,
 * node-4 m4/r2/z2, ... With three nodes, node-1 and node-3 (zone z1) both choose node-2 (the only node in z2),
 * and node-2 chooses one of them.
 */
record Topology(String machine, String rack, String zone) {
    static Topology of(int i) {
        return new Topology("m" + i, "r" + ((i - 1) / 2 + 1), "z" + ((i - 1) % 2 + 1));
    }

    @Override
    public String toString() {
        return "machine " + machine + ", rack " + rack + ", zone " + zone;
    }
}
