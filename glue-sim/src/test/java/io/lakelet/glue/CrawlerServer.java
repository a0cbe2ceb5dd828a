package io.lakelet.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.testing.InMemoryObjectStore;
import io.lakelet.core.testing.TestServer;
import io.lakelet.formats.parquet.ObjectStoreOutputFile;
import io.lakelet.s3.S3Module;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Lakelet server running Glue and S3, with real Glue and S3 clients and a clock the test can move
 * (it runs with the wall clock, shifted by an offset the test sets).
 */
final class CrawlerServer implements AutoCloseable {
    final TestServer server;
    final GlueClient glue;
    final S3Client s3;
    final ShiftedClock clock;

    /** The wall clock moved by an offset. */
    static final class ShiftedClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }

        /** Makes the clock read {@code at} now (and run on from there). */
        void set(Instant at) {
            offset.set(Duration.between(Instant.now(), at));
        }
    }

    private CrawlerServer(Map<String, String> settings) {
        this.clock = new ShiftedClock();
        this.server = TestServer.start(TestServer.config(settings), clock, List.of(new GlueModule(), new S3Module()));
        this.glue = GlueClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        this.s3 = S3Client.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static CrawlerServer start(Map<String, String> settings) {
        return new CrawlerServer(settings);
    }

    void reset() {
        server.server().reset();
        clock.set(Instant.now());
    }

    void bucket(String name) {
        s3.createBucket(b -> b.bucket(name));
    }

    void put(String bucket, String key, String text) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
    }

    void put(String bucket, String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    /** Parquet bytes written by parquet-java, one row group, Snappy. */
    static byte[] parquet(MessageType schema, List<Group> rows) throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        store.ensureBucket("1", "r", "b");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new ObjectStoreOutputFile(store, "1", "b", "f"))
                .withConf(new PlainParquetConfiguration()).withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            for (Group g : rows) {
                writer.write(g);
            }
        }
        try (InputStream in = store.read("1", "b", "f", 0, -1)) {
            return in.readAllBytes();
        }
    }

    /** Starts a crawler and waits until it is READY again with a LastCrawl of this run. */
    Crawler crawl(String name) {
        Instant before = glue.getCrawler(b -> b.name(name)).crawler().lastCrawl() == null ? null
                : glue.getCrawler(b -> b.name(name)).crawler().lastCrawl().startTime();
        glue.startCrawler(b -> b.name(name));
        return await(() -> glue.getCrawler(b -> b.name(name)).crawler(),
                c -> c.state() == CrawlerState.READY && c.lastCrawl() != null
                        && !c.lastCrawl().startTime().equals(before), Duration.ofSeconds(60));
    }

    /** A table's columns, name to type, in order. */
    static Map<String, String> columns(software.amazon.awssdk.services.glue.model.Table t) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (var c : t.storageDescriptor().columns()) {
            out.put(c.name(), c.type());
        }
        return out;
    }

    /** Polls until the value passes the check, or fails at the deadline. */
    static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = read.get();
        while (!done.test(last)) {
            if (System.nanoTime() > end) {
                assertThat(last).as("still not done at the deadline").matches(done);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = read.get();
        }
        return last;
    }

    @Override
    public void close() {
        glue.close();
        s3.close();
        server.close();
    }
}
