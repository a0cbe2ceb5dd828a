package io.lakelet.glue.crawler;

import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import io.lakelet.glue.catalog.GlueErrors;
import io.lakelet.glue.catalog.Paging;
import io.lakelet.glue.catalog.Scope;
import io.lakelet.core.storage.StoredSdk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerHistory;
import software.amazon.awssdk.services.glue.model.CrawlerMetrics;

/**
 * Crawlers as stored: the crawler itself (the SDK's Crawler, as GetCrawler answers it), its crawl history
 * (newest first), its metrics, and the folders S3 events named since its last crawl (event mode).
 * Keys start with account and region, then the crawler's name.
 */
final class CrawlerStore {
    private final Keyspace crawlers;
    private final Keyspace crawls;
    private final Keyspace metrics;
    private final Keyspace events;

    CrawlerStore(Storage storage) {
        this.crawlers = storage.keyspace("glue.crawlers");
        this.crawls = storage.keyspace("glue.crawls");
        this.metrics = storage.keyspace("glue.crawler-metrics");
        this.events = storage.keyspace("glue.crawler-events");
    }

    private static byte[] key(Scope scope, String name) {
        return scope.key().add(name).build();
    }

    Optional<Crawler> find(Scope scope, String name) {
        byte[] v = crawlers.get(key(scope, name));
        return v == null ? Optional.empty() : Optional.of(StoredSdk.read(v, Crawler.class));
    }

    Crawler get(Scope scope, String name) {
        return find(scope, name).orElseThrow(() -> notFound(name));
    }

    static RuntimeException notFound(String name) {
        return GlueErrors.notFound("Crawler entry with name " + name + " does not exist");
    }

    boolean exists(Scope scope, String name) {
        return crawlers.contains(key(scope, name));
    }

    void put(Scope scope, Crawler c) {
        crawlers.put(key(scope, c.name()), StoredSdk.write(c));
    }

    void delete(Scope scope, String name) {
        crawlers.delete(key(scope, name));
        crawls.deletePrefix(key(scope, name));
        metrics.delete(key(scope, name));
        events.deletePrefix(key(scope, name));
    }

    Paging.Page<Crawler> list(Scope scope, String token, int max, Predicate<Crawler> filter) {
        return Paging.page(crawlers, scope.key().build(), token, max, v -> StoredSdk.read(v, Crawler.class), filter);
    }

    /** Every crawler of every catalog, with its scope (for the scheduler and recovery). */
    void forEach(BiConsumer<Scope, Crawler> action) {
        try (Scan scan = crawlers.scan(new byte[0])) {
            for (Scan.Entry e : scan) {
                Crawler c = StoredSdk.read(e.value(), Crawler.class);
                action.accept(scopeOf(e.key(), c.name()), c);
            }
        }
    }

    /** Every crawler of one catalog. */
    List<Crawler> all(Scope scope) {
        List<Crawler> out = new ArrayList<>();
        try (Scan scan = crawlers.scan(scope.key().build())) {
            for (Scan.Entry e : scan) {
                out.add(StoredSdk.read(e.value(), Crawler.class));
            }
        }
        return out;
    }

    /** The scope a crawler key starts with: account and region, each UTF-8 followed by a 0 byte. */
    private static Scope scopeOf(byte[] key, String name) {
        int a = indexOf(key, 0);
        int r = indexOf(key, a + 1);
        return new Scope(new String(key, 0, a, StandardCharsets.UTF_8),
                new String(key, a + 1, r - a - 1, StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] key, int from) {
        for (int i = from; i < key.length; i++) {
            if (key[i] == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreadable crawler key");
    }

    // History.

    void putCrawl(Scope scope, String name, CrawlerHistory h) {
        crawls.put(scope.key().add(name).add(Long.MAX_VALUE - h.startTime().toEpochMilli()).add(h.crawlId()).build(),
                StoredSdk.write(h));
    }

    Paging.Page<CrawlerHistory> crawls(Scope scope, String name, String token, int max,
                                       Predicate<CrawlerHistory> filter) {
        return Paging.page(crawls, key(scope, name), token, max, v -> StoredSdk.read(v, CrawlerHistory.class),
                filter);
    }

    List<Double> runtimes(Scope scope, String name) {
        List<Double> out = new ArrayList<>();
        try (Scan scan = crawls.scan(key(scope, name))) {
            for (Scan.Entry e : scan) {
                CrawlerHistory h = StoredSdk.read(e.value(), CrawlerHistory.class);
                if (h.endTime() != null) {
                    out.add((h.endTime().toEpochMilli() - h.startTime().toEpochMilli()) / 1000.0);
                }
            }
        }
        return out;
    }

    // Metrics.

    void putMetrics(Scope scope, CrawlerMetrics m) {
        metrics.put(key(scope, m.crawlerName()), StoredSdk.write(m));
    }

    Optional<CrawlerMetrics> metrics(Scope scope, String name) {
        byte[] v = metrics.get(key(scope, name));
        return v == null ? Optional.empty() : Optional.of(StoredSdk.read(v, CrawlerMetrics.class));
    }

    // Event-mode folders.

    void addEventFolder(Scope scope, String name, String folder) {
        events.put(scope.key().add(name).add(folder).build(), folder.getBytes(StandardCharsets.UTF_8));
    }

    Set<String> eventFolders(Scope scope, String name) {
        Set<String> out = new LinkedHashSet<>();
        try (Scan scan = events.scan(key(scope, name))) {
            for (Scan.Entry e : scan) {
                out.add(new String(e.value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    void removeEventFolders(Scope scope, String name, Set<String> folders) {
        for (String f : folders) {
            events.delete(scope.key().add(name).add(f).build());
        }
    }
}
