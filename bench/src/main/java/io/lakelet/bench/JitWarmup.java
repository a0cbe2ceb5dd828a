package io.lakelet.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Repeats a round of work until the JIT compilers are nearly idle, so that timed runs measure compiled
 * code rather than the compilers: on 2 busy cores C2 can lag the load by tens of seconds, and its threads
 * take the CPU the measured work needs.
 */
public final class JitWarmup {
    /** The compilers' share of a round's wall time under which the JVM counts as warm. */
    public static final double IDLE = 0.05;

    /** One round of warm-up work. */
    @FunctionalInterface
    public interface Round {
        void run() throws Exception;
    }

    /**
     * What a warm-up did: its wall time, rounds, the compilers' share of the last round (0 when the JVM
     * cannot tell) and their time in all ({@code -1} when it cannot tell).
     */
    public record Result(long millis, int rounds, double lastShare, long compileMillis) {
        /** "N round(s) in M ms, until ...": for a note. */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%d round(s) in %,d ms, until the compilers took less than "
                            + "%.0f%% of a round: %.0f%% in the last; %,d ms compiling", rounds, millis, IDLE * 100,
                    lastShare * 100, compileMillis);
        }
    }

    private JitWarmup() {
    }

    /**
     * Runs {@code round} at least once, and again while the compilers took more than {@link #IDLE} of the
     * last one, for at most {@code max} in all (a round under way is finished).
     */
    public static Result untilIdle(Duration max, Round round) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean canWatch = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long compiledBefore = canWatch ? jit.getTotalCompilationTime() : 0;
        int rounds = 0;
        double share;
        do {
            long roundStart = System.nanoTime();
            long compiledAtRoundStart = canWatch ? jit.getTotalCompilationTime() : 0;
            round.run();
            rounds++;
            share = canWatch ? (jit.getTotalCompilationTime() - compiledAtRoundStart) * 1e6
                    / (System.nanoTime() - roundStart) : 0;
        } while (share > IDLE && System.nanoTime() - start < max.toNanos());
        return new Result((System.nanoTime() - start) / 1_000_000, rounds, share,
                canWatch ? jit.getTotalCompilationTime() - compiledBefore : -1);
    }
}
