package dev.understudy.benchmarks.http;

import java.util.Map;

/**
 * One configuration measured in one round.
 *
 * @param config what ran
 * @param round 1-based
 * @param perSecond closed-loop throughput (answered requests per second)
 * @param requests closed-loop requests
 * @param errors closed-loop requests not answered 200
 * @param closed closed-loop latency (ms): p50, p99, p99.9
 * @param nodeCpuMicros CPU of the configuration's two server JVMs (the Payara nodes, or the WildFly servers) per
 *     closed-loop request (µs)
 * @param nodeSystemMicros the part of it spent in the kernel (system time)
 * @param brokerCpuMicros CPU of the broker per request (µs); NaN for a configuration whose servers do not use it
 * @param nodeWireBytes bytes the servers sent on the replication channels (to the broker and between the Payara
 *     nodes' Hazelcast members; between the WildFly servers' JGroups TCP ports) per request, TCP payload as counted
 *     by the kernel
 * @param allWireBytes the same plus what the broker relayed to the nodes
 * @param adapterBytes the adapter's own {@code replication_bytes} counter per request (both nodes; -1 if no adapter
 *     in the path)
 * @param adapterFrames the adapters' {@code frames_sent} (broker messages, heartbeats included) per request, both
 *     nodes (-1 if no adapter in the path)
 * @param open open-loop results by target rate
 */
record Sample(Config config, int round, double perSecond, long requests, long errors, double[] closed,
        double nodeCpuMicros, double nodeSystemMicros, double brokerCpuMicros, double nodeWireBytes, double allWireBytes, double adapterBytes,
        double adapterFrames, Map<Integer, OpenLoop> open) {

    /**
     * An open-loop run at {@code targetPerSecond}: what it achieved and the latency from intended send times (ms).
     */
    record OpenLoop(int targetPerSecond, double achievedPerSecond, long errors, double p50, double p99, double p999) {
    }
}
