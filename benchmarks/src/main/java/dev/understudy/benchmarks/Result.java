package dev.understudy.benchmarks;

/** One measured run: updates replicated (or messages received) in a wall time, with the CPU it cost. */
public record Result(String name, long updates, long brokerMessages, long wallNanos, long cpuNanos) {
    public double perSecond() {
        return updates * 1e9 / wallNanos;
    }

    public double cpuMicrosPerUpdate() {
        return cpuNanos / 1e3 / updates;
    }
}
