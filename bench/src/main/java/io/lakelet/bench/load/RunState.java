package io.lakelet.bench.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The phase of one load run, shared by its connections: warm-up (requests sent, nothing recorded), the
 * timed run (responses recorded), stopped (no new requests). The run stops when its time is up or when
 * {@code maxRequests} responses were recorded, whichever comes first.
 */
final class RunState {
    enum Phase { WARMUP, MEASURE, STOPPED }

    private final long maxRequests;
    private final AtomicLong measured = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Phase phase = Phase.WARMUP;
    private volatile long measureStartNanos;
    private volatile long measureEndNanos;

    RunState(long maxRequests) {
        this.maxRequests = maxRequests;
    }

    Phase phase() {
        return phase;
    }

    boolean running() {
        return phase != Phase.STOPPED;
    }

    boolean measuring() {
        return phase == Phase.MEASURE;
    }

    void beginMeasure() {
        measureStartNanos = System.nanoTime();
        phase = Phase.MEASURE;
    }

    /** Counts one recorded response; the one that reaches the bound stops the run. */
    void countMeasured() {
        if (measured.incrementAndGet() == maxRequests) {
            stop();
        }
    }

    synchronized void stop() {
        if (phase != Phase.STOPPED) {
            measureEndNanos = System.nanoTime();
            if (phase == Phase.WARMUP) {
                measureStartNanos = measureEndNanos;
            }
            phase = Phase.STOPPED;
            stopped.countDown();
        }
    }

    /** Waits for the timed run to end by time or by request count. */
    void awaitEnd(long nanos) throws InterruptedException {
        if (!stopped.await(nanos, TimeUnit.NANOSECONDS)) {
            stop();
        }
    }

    double measuredSeconds() {
        return (measureEndNanos - measureStartNanos) / 1e9;
    }
}
