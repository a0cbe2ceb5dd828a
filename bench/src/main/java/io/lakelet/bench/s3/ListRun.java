package io.lakelet.bench.s3;

import io.lakelet.bench.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listing many keys: creates {@code count} empty objects in a fresh bucket from a few threads (timed, as
 * a rate of small PUTs with a different key each), then walks ListObjectsV2 pages of 1000 keys to the end.
 */
final class ListRun {
    private static final int PAGE = 1000;

    private final S3Client client;
    private final String bucket;
    private final int count;
    private final int connections;

    ListRun(S3Client client, String bucket, int count, int connections) {
        this.client = client;
        this.bucket = bucket;
        this.count = count;
        this.connections = connections;
    }

    void run(Report report) throws Exception {
        client.send("PUT", "/" + bucket, new byte[0]);
        List<String> keys = S3Client.keys("key-", count);
        ExecutorService pool = Executors.newFixedThreadPool(connections, r -> MultipartRun.daemon(r, "list-client"));
        long start = System.nanoTime();
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                running.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                        client.send("PUT", "/" + bucket + "/" + keys.get(n), new byte[0]);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        double putSeconds = (System.nanoTime() - start) / 1e9;
        report.note("");
        report.row(new Report.Row("lakelet", "HTTP/1.1", "PUT 0B keys", connections, 1, count, count / putSeconds,
                Double.NaN, Double.NaN, putSeconds * 1e6 * connections / count, Double.NaN, 0));
        report.note("    %,d empty objects with distinct keys from %d threads (JDK HTTP client) in %.1f s",
                count, connections, putSeconds);

        start = System.nanoTime();
        int pages = 0;
        long listed = 0;
        String token = null;
        do {
            S3Client.Page page = client.listPage(bucket, PAGE, token);
            pages++;
            listed += page.keys();
            token = page.nextToken();
        } while (token != null && pages <= count / PAGE + 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        report.row(new Report.Row("lakelet", "HTTP/1.1", "LIST " + PAGE, 1, 1, pages, pages / seconds,
                Double.NaN, Double.NaN, seconds * 1e6 / pages, Double.NaN, listed == count ? 0 : 1));
        report.note("    ListObjectsV2 pages of %d, one client, to the end: %,d keys in %d pages in %.2f s = %,.0f keys/s%s",
                PAGE, listed, pages, seconds, listed / seconds,
                listed == count ? "" : " (expected " + count + " keys: counted as an error)");
    }
}
