package io.lakelet.bench.kinesis;

import io.lakelet.bench.Report;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * GetRecords drain: every shard read from TRIM_HORIZON with {@code Limit} records per call, following
 * NextShardIterator until a call returns no record with MillisBehindLatest 0 (caught up) or no iterator.
 * Each shard is read sequentially by its own thread and JDK HTTP client, as one consumer per shard does;
 * records/s is every record read divided by the time from the first GetShardIterator to the last answer.
 */
final class DrainRun {
    /** What the drain read. */
    record Result(long records, long dataBytes, long calls, double seconds, double meanCallMicros, long errors,
                  String firstError) {
    }

    private final InetSocketAddress target;
    private final String stream;
    private final String body;
    private final int limit;
    private final Duration timeout;

    DrainRun(InetSocketAddress target, String stream, String body, int limit, Duration timeout) {
        this.target = target;
        this.stream = stream;
        this.body = body;
        this.limit = limit;
        this.timeout = timeout;
    }

    private record ShardResult(long records, long dataBytes, long calls, long callNanos) {
    }

    Result run() throws Exception {
        List<String> shards = new KinesisApi(target, body).shardIds(stream);
        ExecutorService pool = Executors.newFixedThreadPool(shards.size(), r -> {
            Thread t = new Thread(r, "drain-" + body);
            t.setDaemon(true);
            return t;
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        long start = System.nanoTime();
        long records = 0;
        long bytes = 0;
        long calls = 0;
        long callNanos = 0;
        long errors = 0;
        String firstError = null;
        try {
            List<Future<ShardResult>> running = new ArrayList<>();
            for (String shard : shards) {
                running.add(pool.submit(() -> drain(shard, deadline)));
            }
            for (Future<ShardResult> f : running) {
                try {
                    ShardResult s = f.get(timeout.toMillis() + 60_000, TimeUnit.MILLISECONDS);
                    records += s.records();
                    bytes += s.dataBytes();
                    calls += s.calls();
                    callNanos += s.callNanos();
                } catch (Exception e) {
                    errors++;
                    firstError = firstError != null ? firstError : String.valueOf(e.getCause() != null ? e.getCause() : e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(records, bytes, calls, seconds, calls == 0 ? Double.NaN : callNanos / 1000.0 / calls,
                errors, firstError);
    }

    private ShardResult drain(String shard, long deadline) throws Exception {
        KinesisApi api = new KinesisApi(target, body);
        String iterator = api.trimHorizonIterator(stream, shard);
        long records = 0;
        long bytes = 0;
        long calls = 0;
        long callNanos = 0;
        while (iterator != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(shard + " not caught up after " + timeout.toMillis() + " ms ("
                        + records + " records read)");
            }
            long t0 = System.nanoTime();
            KinesisApi.Page page = api.getRecords(iterator, limit);
            callNanos += System.nanoTime() - t0;
            calls++;
            records += page.records();
            bytes += page.dataBytes();
            iterator = page.nextIterator();
            if (page.records() == 0 && page.millisBehindLatest() == 0) {
                break;
            }
        }
        return new ShardResult(records, bytes, calls, callNanos);
    }

    /** Reports the drain as a row (requests = GetRecords calls) and a note with records/s. */
    static void report(Report report, String source, String body, Result r, long expectedAtLeast) {
        long errors = r.errors() + (r.records() < expectedAtLeast ? 1 : 0);
        report.row(new Report.Row(source, "HTTP/1.1", "GetRecords " + body, 4, 1, r.calls(), r.calls() / r.seconds(),
                Double.NaN, Double.NaN, r.meanCallMicros(), Double.NaN, errors,
                r.dataBytes() / r.seconds() / (1 << 20), Double.NaN));
        report.note("    drain from TRIM_HORIZON, one thread per shard: %,d records (%,d MiB of data) in %.2f s = "
                + "%,.0f records/s; %,d GetRecords calls%s", r.records(), r.dataBytes() >> 20, r.seconds(),
                r.records() / r.seconds(), r.calls(),
                r.records() < expectedAtLeast ? String.format(" (fewer than the %,d acknowledged in timed runs: "
                        + "counted as an error)", expectedAtLeast) : "");
        if (r.firstError() != null) {
            report.note("    first error: %s", r.firstError());
        }
    }
}
