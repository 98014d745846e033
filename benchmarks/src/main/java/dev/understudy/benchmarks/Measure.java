package dev.understudy.benchmarks;

import java.lang.management.ManagementFactory;

/** Wall time and this process's CPU time between start and stop. */
final class Measure {
    private final long startNanos = System.nanoTime();
    private final long startCpu = cpuNanos();

    static Measure start() {
        return new Measure();
    }

    Result stop(String name, long updates, long brokerMessages) {
        long wall = System.nanoTime() - startNanos;
        long cpu = cpuNanos() - startCpu;
        return new Result(name, updates, brokerMessages, wall, cpu);
    }

    private static long cpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
