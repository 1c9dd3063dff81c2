package org.newsdesk.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Checks that a scan grows linearly with its input by how its cost scales, not by a wall-clock bound: the same
 * hostile input at {@code n} and {@code 4n} characters, each timed in this thread's CPU time (a busy machine
 * stretches wall-clock time, not the CPU time the scan itself uses), the better of two runs. A linear scan takes
 * about four times as long on the longer input, a quadratic one sixteen times; the bound is {@value #MAX_RATIO}
 * times, over a floor of {@value #FLOOR_MS} ms so that scans too fast to time are not judged on noise.
 */
public final class LinearTime {
    /** Cost at 4n over cost at n: linear is ~4, quadratic ~16. */
    public static final double MAX_RATIO = 9;
    /** Below this, the cost at n counts as this (timer and JIT noise). */
    public static final double FLOOR_MS = 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LinearTime() {
    }

    /** One scan's cost at both sizes. */
    public record Scaling(double smallMs, double largeMs) {
        public double ratio() {
            return largeMs / Math.max(smallMs, FLOOR_MS);
        }

        public boolean linear() {
            return ratio() <= MAX_RATIO;
        }
    }

    /**
     * Times {@code scan} on {@code input.apply(n)} and {@code input.apply(4 * n)} ({@code input} builds a hostile
     * text of about the given length).
     */
    public static Scaling measure(IntFunction<String> input, int n, Consumer<String> scan) {
        String small = input.apply(n);
        String large = input.apply(4 * n);
        scan.accept(small); // warm up: the first run compiles
        return new Scaling(bestCpuMs(small, scan), bestCpuMs(large, scan));
    }

    /** Fails with the measured figures when {@code scan} does not scale linearly on {@code input}. */
    public static void assertLinear(String what, IntFunction<String> input, int n, Consumer<String> scan) {
        Scaling s = measure(input, n, scan);
        if (!s.linear()) {
            throw new AssertionError(String.format(java.util.Locale.ROOT,
                    "%s is not linear: %.0f ms CPU at %d chars, %.0f ms at %d (%.1fx for 4x the input; at most %.0fx)",
                    what, s.smallMs(), n, s.largeMs(), 4 * n, s.ratio(), MAX_RATIO));
        }
    }

    private static double bestCpuMs(String text, Consumer<String> scan) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long t0 = cpuNanos();
            scan.accept(text);
            best = Math.min(best, (cpuNanos() - t0) / 1e6);
        }
        return best;
    }

    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
