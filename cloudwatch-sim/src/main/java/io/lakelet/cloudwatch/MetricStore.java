package io.lakelet.cloudwatch;

import io.lakelet.cloudwatch.model.MetricId;
import io.lakelet.cloudwatch.model.Sample;
import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The metrics in RocksDB. {@code cloudwatch.samples} holds every published datum under
 * account, region, namespace, metric name, dimension count, sorted dimension names and values, timestamp
 * (milliseconds) and a sequence number (several data at one timestamp are all kept);
 * {@code cloudwatch.metrics} holds one entry per metric with the time it last received data (ListMetrics
 * and its RecentlyActive filter).
 */
public final class MetricStore {
    private final Storage storage;
    private final Keyspace samples;
    private final Keyspace metrics;
    /** Distinguishes data of one metric at one timestamp; seeded from the clock so restarts never reuse one. */
    private final AtomicLong sequence;

    public MetricStore(Storage storage, Instant now) {
        this.storage = storage;
        this.samples = storage.keyspace("cloudwatch.samples");
        this.metrics = storage.keyspace("cloudwatch.metrics");
        this.sequence = new AtomicLong(now.toEpochMilli() * 1_000_000);
    }

    /** A datum to write: its metric, timestamp and sample. */
    public record Put(MetricId metric, Instant timestamp, Sample sample) {
    }

    /** Writes all data atomically, and marks each metric as having received data at {@code now}. */
    public void putAll(String account, String region, List<Put> puts, Instant now) {
        byte[] received = Keys.builder().add(now.toEpochMilli()).build();
        try (Batch batch = storage.batch()) {
            for (Put p : puts) {
                byte[] metric = metricKey(account, region, p.metric());
                byte[] key = Keys.builder().addBytes(metric).add(p.timestamp().toEpochMilli())
                        .add(sequence.incrementAndGet()).build();
                batch.put(samples, key, p.sample().encode());
                batch.put(metrics, metric, received);
            }
            batch.commit();
        }
    }

    /** Calls {@code each} with the timestamp and sample of every datum of a metric in {@code [from, to)}. */
    public void samples(String account, String region, MetricId metric, Instant from, Instant to,
                        BiConsumer<Instant, Sample> each) {
        byte[] prefix = metricKey(account, region, metric);
        byte[] start = Keys.builder().addBytes(prefix).add(from.toEpochMilli()).build();
        byte[] end = Keys.builder().addBytes(prefix).add(to.toEpochMilli()).build();
        try (Scan scan = samples.range(start, end)) {
            for (Scan.Entry e : scan) {
                long t = Keys.readLong(e.key(), prefix.length);
                each.accept(Instant.ofEpochMilli(t), Sample.decode(e.value()));
            }
        }
    }

    /** A metric known to the store, with the time it last received data and its key (for paging). */
    public record Listed(MetricId metric, Instant lastReceived, byte[] key) {
    }

    /**
     * Metrics of an account and region, in key order, optionally within a namespace and with a name, starting
     * at {@code from} (a key from an earlier {@link Listed}, or null).
     */
    public Scan listScan(String account, String region, String namespace, String metricName, byte[] from) {
        Keys k = Keys.scoped(account, region);
        if (namespace != null) {
            k.add(namespace);
            if (metricName != null) {
                k.add(metricName);
            }
        }
        byte[] prefix = k.build();
        return from == null ? metrics.scan(prefix) : metrics.scanFrom(prefix, from);
    }

    /** Whether {@code key} lies within the listing of that account and region (a NextToken check). */
    public static boolean inScope(String account, String region, byte[] key) {
        return Keys.startsWith(key, Keys.scoped(account, region).build());
    }

    /** Decodes an entry of {@link #listScan}. */
    public static Listed listed(String account, String region, Scan.Entry e) {
        int offset = Keys.scoped(account, region).build().length;
        Reader r = new Reader(e.key(), offset);
        String namespace = r.string();
        String name = r.string();
        int n = r.integer();
        List<MetricId.Dim> dims = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dims.add(new MetricId.Dim(r.string(), r.string()));
        }
        return new Listed(new MetricId(namespace, name, dims), Instant.ofEpochMilli(Keys.readLong(e.value(), 0)),
                e.key());
    }

    static byte[] metricKey(String account, String region, MetricId metric) {
        Keys k = Keys.scoped(account, region).add(metric.namespace()).add(metric.metricName())
                .add(metric.dimensions().size());
        for (MetricId.Dim d : metric.dimensions()) {
            k.add(d.name()).add(d.value());
        }
        return k.build();
    }

    /** Reads the parts of a key written by {@link Keys}. */
    private static final class Reader {
        private final byte[] key;
        private int at;

        Reader(byte[] key, int at) {
            this.key = key;
            this.at = at;
        }

        String string() {
            int end = at;
            while (key[end] != 0) {
                end++;
            }
            String s = new String(key, at, end - at, StandardCharsets.UTF_8);
            at = end + 1;
            return s;
        }

        int integer() {
            int v = Keys.readInt(key, at);
            at += 4;
            return v;
        }
    }
}
