package io.lakelet.bench.s3;

import io.lakelet.bench.Report;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A large multipart upload to Lakelet: CreateMultipartUpload, the parts from a few threads at once (each part
 * the same buffer: the client holds one part in memory), CompleteMultipartUpload. It reports MiB/s from the
 * create to the complete, and the JVM's used heap sampled every 100 ms: the server streams parts to the
 * store, so the peak must stay near the baseline whatever the object's size.
 */
final class MultipartRun {
    private static final long SAMPLE_MS = 100;

    private final S3Client client;
    private final String path;
    private final long totalMib;
    private final int partMib;
    private final int connections;

    MultipartRun(S3Client client, String bucketAndKey, long totalMib, int partMib, int connections) {
        if (partMib < 5 || totalMib % partMib != 0) {
            throw new IllegalArgumentException("--part-mib must be at least 5 and divide --multipart-mib");
        }
        this.client = client;
        this.path = "/" + bucketAndKey;
        this.totalMib = totalMib;
        this.partMib = partMib;
        this.connections = connections;
    }

    void run(Report report) throws Exception {
        int parts = (int) (totalMib / partMib);
        byte[] part = S3Benchmark.randomBytes(partMib << 20);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        MemoryPoolMXBean old = oldGeneration();
        long oldBaseline = old == null ? -1 : old.getUsage().getUsed();
        AtomicLong oldPeak = new AtomicLong(oldBaseline);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "heap-sampler"));
        ExecutorService uploaders = Executors.newFixedThreadPool(connections, r -> daemon(r, "multipart-client"));
        String[] etags = new String[parts];
        long start = System.nanoTime();
        long[] partNanos = new long[parts];
        try {
            sampler.scheduleAtFixedRate(() -> {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                if (old != null) {
                    oldPeak.accumulateAndGet(old.getUsage().getUsed(), Math::max);
                }
            }, 0, SAMPLE_MS, TimeUnit.MILLISECONDS);
            String uploadId = client.createMultipartUpload(path);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                running.add(uploaders.submit(() -> {
                    for (int n = next.getAndIncrement(); n < parts; n = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        etags[n] = client.uploadPart(path, uploadId, n + 1, part);
                        partNanos[n] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
            client.completeMultipartUpload(path, uploadId, Arrays.asList(etags));
        } finally {
            uploaders.shutdownNow();
            sampler.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        long[] sorted = partNanos.clone();
        Arrays.sort(sorted);
        report.note("");
        report.row(new Report.Row("lakelet", "HTTP/1.1", "multipart " + S3Benchmark.size(totalMib << 20), connections, 1,
                parts, parts / seconds, sorted[parts / 2] / 1e3, sorted[Math.min(parts - 1, (int) (parts * 0.99))] / 1e3,
                Arrays.stream(sorted).average().orElse(0) / 1e3, Double.NaN, 0, totalMib / seconds, Double.NaN));
        report.note("    multipart: %d parts of %d MiB over %d connections (JDK HTTP client), %.1f s create to "
                + "complete, %.0f MiB/s; a request is one part (latency per part)", parts, partMib, connections,
                seconds, totalMib / seconds);
        report.note("    heap used (whole JVM: server, client, its %d MiB part buffer): baseline %d MiB after a GC, "
                + "peak %d MiB (+%d MiB) sampled every %d ms, max heap %d MiB", partMib, baseline >> 20,
                peak.get() >> 20, (peak.get() - baseline) >> 20, SAMPLE_MS, Runtime.getRuntime().maxMemory() >> 20);
        System.gc();
        report.note("    old generation (%s: what survived young GCs, and with G1 arrays of half a region or more, "
                + "such as 1 MiB chunk buffers): baseline %d MiB, peak %d MiB; heap used after a GC at the end %d MiB "
                + "(a flat after-GC figure means the peaks were garbage, not retained data; run with a small -Xmx to "
                + "prove it)",
                old == null ? "-" : old.getName(), oldBaseline >> 20, oldPeak.get() >> 20,
                memory.getHeapMemoryUsage().getUsed() >> 20);
    }

    /** The heap pool of long-lived objects (G1 Old Gen, Tenured Gen, PS Old Gen), or null. */
    private static MemoryPoolMXBean oldGeneration() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                return pool;
            }
        }
        return null;
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
