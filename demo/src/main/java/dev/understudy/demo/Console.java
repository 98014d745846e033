package dev.understudy.demo;

import java.io.PrintStream;

/**
 * The demo's output: progress lines stamped with the seconds since start ({@code [  12.3s] node-1 ready}), on
 * standard output, one line at a time (the status board and the shutdown hook write from other threads).
 */
public final class Console {
    private final PrintStream out;
    private final long start = System.nanoTime();

    public Console(PrintStream out) {
        this.out = out;
    }

    /** A progress line. */
    public synchronized void info(String message) {
        out.printf("[%6.1fs] %s%n", seconds(), message);
        out.flush();
    }

    /** A line that needs attention. */
    public synchronized void warn(String message) {
        info("WARNING: " + message);
    }

    /** Text as it is (no stamp), e.g. a block of URLs or the usage. */
    public synchronized void raw(String text) {
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }

    /** Seconds since this console was made (the demo's start). */
    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The stream, for in-place redraws (the status board). */
    PrintStream stream() {
        return out;
    }
}
