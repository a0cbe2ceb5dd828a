package io.lakelet.bench.load;

/**
 * Latencies in buckets of 1 microsecond up to 10 ms, of 100 microseconds up to 1 s, and one overflow
 * bucket: exact enough for p50/p99 of a local server, constant memory however many requests are run.
 * Not thread-safe: one per connection (each touched only by its event loop), merged at the end.
 */
public final class LatencyHistogram {
    private static final int FINE_LIMIT_US = 10_000;
    private static final int COARSE_STEP_US = 100;
    private static final int COARSE_LIMIT_US = 1_000_000;
    private static final int BUCKETS = FINE_LIMIT_US + (COARSE_LIMIT_US - FINE_LIMIT_US) / COARSE_STEP_US + 1;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long sumNanos;

    public void record(long nanos) {
        long us = Math.max(0, nanos / 1000);
        int bucket;
        if (us < FINE_LIMIT_US) {
            bucket = (int) us;
        } else if (us < COARSE_LIMIT_US) {
            bucket = FINE_LIMIT_US + (int) ((us - FINE_LIMIT_US) / COARSE_STEP_US);
        } else {
            bucket = BUCKETS - 1;
        }
        counts[bucket]++;
        total++;
        sumNanos += nanos;
    }

    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sumNanos += other.sumNanos;
    }

    public long count() {
        return total;
    }

    public double meanMicros() {
        return total == 0 ? Double.NaN : sumNanos / 1000.0 / total;
    }

    /** The latency in microseconds below which {@code fraction} of the requests completed (upper bucket bound). */
    public double percentileMicros(double fraction) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return upperBoundMicros(i);
            }
        }
        return upperBoundMicros(BUCKETS - 1);
    }

    private static double upperBoundMicros(int bucket) {
        if (bucket < FINE_LIMIT_US) {
            return bucket + 1;
        }
        if (bucket < BUCKETS - 1) {
            return FINE_LIMIT_US + (double) (bucket - FINE_LIMIT_US + 1) * COARSE_STEP_US;
        }
        return Double.POSITIVE_INFINITY;
    }
}
