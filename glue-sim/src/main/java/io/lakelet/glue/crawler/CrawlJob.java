package io.lakelet.glue.crawler;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.formats.S3Location;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.Paging;
import io.lakelet.glue.catalog.Scope;
import io.lakelet.glue.classifier.FileClassifier;
import io.lakelet.glue.classifier.FileSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Classifier;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.S3Target;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * One run of a crawler over its S3 targets: list the objects (the port's listing, a thousand keys a
 * page), classify them in parallel reading only their first bytes or Parquet footers, lay them out as
 * tables and partitions, and write those to the catalog. A full crawl sees every object; an incremental
 * one (new folders only, or the folders S3 events named) sees only some, adds what it finds to the tables
 * the crawler already wrote, and deletes nothing.
 */
final class CrawlJob {
    private static final Logger LOG = LoggerFactory.getLogger(CrawlJob.class);

    /** A crawl that cannot go on; its message becomes the LastCrawl's ErrorMessage. */
    static final class CrawlFailure extends RuntimeException {
        CrawlFailure(String message) {
            super(message);
        }
    }

    /** A crawl stopped by StopCrawler. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled");
        }
    }

    record Result(int created, int updated, int deleted, int partitionsAdded, String summary) {
    }

    /** How much of the data a run looks at. */
    enum Mode { EVERYTHING, NEW_FOLDERS, EVENTS }

    private final Scope scope;
    private final Crawler crawler;
    private final CrawlerConfiguration conf;
    private final List<Classifier> custom;
    private final ObjectStore store;
    private final GlueCatalog catalog;
    private final ExecutorService readers;
    private final BooleanSupplier cancelled;
    private final Mode mode;
    private final Set<String> eventFolders;
    private final List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());
    private long listNanos;
    private long classifyNanos;

    CrawlJob(Scope scope, Crawler crawler, CrawlerConfiguration conf, List<Classifier> custom, ObjectStore store,
             GlueCatalog catalog, ExecutorService readers, BooleanSupplier cancelled, Mode mode,
             Set<String> eventFolders) {
        this.scope = scope;
        this.crawler = crawler;
        this.conf = conf;
        this.custom = custom;
        this.store = store;
        this.catalog = catalog;
        this.readers = readers;
        this.cancelled = cancelled;
        this.mode = mode;
        this.eventFolders = eventFolders;
    }

    Result run() {
        long started = System.nanoTime();
        CrawlerTargets targets = crawler.targets();
        checkTargets(targets);
        String db = crawler.databaseName();
        if (db == null || db.isEmpty()) {
            throw new CrawlFailure("The crawler has no DatabaseName to write its tables to.");
        }
        if (!catalog.databases().exists(scope, db)) {
            catalog.databases().create(scope, DatabaseInput.builder().name(db).build(), null);
            notes.add("created database " + db);
        }
        String update = crawler.schemaChangePolicy() == null ? null
                : crawler.schemaChangePolicy().updateBehaviorAsString();
        String delete = crawler.schemaChangePolicy() == null ? null
                : crawler.schemaChangePolicy().deleteBehaviorAsString();
        CatalogWriter writer = new CatalogWriter(catalog, scope, db.toLowerCase(java.util.Locale.ROOT),
                crawler.name(), crawler.tablePrefix(), update, delete, conf);
        List<Table> ours = ourTables(db);
        Set<String> produced = new HashSet<>();
        List<String> crawledLocations = new ArrayList<>();
        int files = 0;
        int detected = 0;
        List<TablePlan> plans = new ArrayList<>();
        for (S3Target target : targets.s3Targets()) {
            S3Location loc = S3Location.parse(target.path());
            if (!store.bucketExists(scope.account(), loc.bucket())) {
                throw new CrawlFailure("The S3 bucket " + loc.bucket() + " of target " + target.path()
                        + " does not exist.");
            }
            boolean singleFile = !loc.key().isEmpty() && !loc.key().endsWith("/")
                    && store.head(scope.account(), loc.bucket(), loc.key()).isPresent();
            String include = singleFile ? loc.key().substring(0, loc.key().lastIndexOf('/') + 1)
                    : loc.asFolder().key();
            crawledLocations.add("s3://" + loc.bucket() + "/" + (singleFile ? loc.key() : include));
            long t0 = System.nanoTime();
            List<ObjectStore.ObjectInfo> objects = singleFile
                    ? List.of(store.head(scope.account(), loc.bucket(), loc.key()).orElseThrow())
                    : list(loc.bucket(), include);
            listNanos += System.nanoTime() - t0;
            List<Glob> exclusions = target.hasExclusions()
                    ? target.exclusions().stream().map(Glob::compile).toList() : List.of();
            List<ObjectStore.ObjectInfo> selected = new ArrayList<>();
            for (ObjectStore.ObjectInfo o : objects) {
                String rel = o.key().substring(include.length());
                if (skipped(rel) || exclusions.stream().anyMatch(g -> g.excludes(rel))) {
                    continue;
                }
                selected.add(o);
            }
            if (mode == Mode.NEW_FOLDERS) {
                Set<String> known = knownFolders(ours);
                selected.removeIf(o -> known.contains(folderOf(o.bucket(), o.key())));
            }
            files += selected.size();
            long t1 = System.nanoTime();
            List<CrawledFile> crawled = classify(selected, include, target.sampleSize());
            classifyNanos += System.nanoTime() - t1;
            List<CrawledFile> unassigned = crawled;
            if (mode != Mode.EVERYTHING) {
                unassigned = new ArrayList<>();
                plans.addAll(assign(crawled, ours, unassigned));
            }
            TableLayout layout = new TableLayout(conf, loc.bucket(), include)
                    .pin(tableFolders(ours, "s3://" + loc.bucket() + "/" + include));
            List<TablePlan> found;
            if (singleFile && unassigned.size() == 1) {
                found = List.of(layout.single(unassigned.get(0)));
            } else {
                found = layout.plan(unassigned);
            }
            notes.addAll(layout.notes());
            detected += found.size();
            for (TablePlan p : found) {
                plans.add(p.withName(writer.resolveName(p)));
            }
        }
        if (conf.tableThreshold() != null && detected > conf.tableThreshold()) {
            throw new CrawlFailure("The number of tables detected by crawler: " + detected
                    + " is greater than the table threshold value provided: " + conf.tableThreshold());
        }
        long t2 = System.nanoTime();
        for (TablePlan p : plans) {
            checkCancelled();
            writer.write(p, mode == Mode.EVERYTHING);
            produced.add(p.name());
        }
        if (mode == Mode.EVERYTHING) {
            writer.handleMissing(produced, crawledLocations);
        }
        long writeMs = (System.nanoTime() - t2) / 1_000_000;
        notes.addAll(writer.log);
        long ms = (System.nanoTime() - started) / 1_000_000;
        String summary = String.format("%d objects crawled in %d ms (listing %d ms, reading %d ms, catalog %d ms);"
                        + " tables created %s, updated %s, deleted %s; partitions added %d, updated %d, deleted %d",
                files, ms, listNanos / 1_000_000, classifyNanos / 1_000_000, writeMs, writer.created, writer.updated,
                writer.deleted, writer.partitionsAdded, writer.partitionsUpdated, writer.partitionsDeleted);
        LOG.info("crawler {} ({}, {}): {}", crawler.name(), scope.account(), mode, summary);
        synchronized (notes) {
            for (String n : notes) {
                LOG.info("crawler {}: {}", crawler.name(), n);
            }
        }
        return new Result(writer.created.size(), writer.updated.size(), writer.deleted.size(),
                writer.partitionsAdded, summary);
    }

    private void checkTargets(CrawlerTargets t) {
        if (t == null) {
            throw new CrawlFailure("The crawler has no targets.");
        }
        List<String> other = new ArrayList<>();
        if (t.hasJdbcTargets() && !t.jdbcTargets().isEmpty()) {
            other.add("JDBC");
        }
        if (t.hasDynamoDBTargets() && !t.dynamoDBTargets().isEmpty()) {
            other.add("DynamoDB");
        }
        if (t.hasMongoDBTargets() && !t.mongoDBTargets().isEmpty()) {
            other.add("MongoDB");
        }
        if (t.hasCatalogTargets() && !t.catalogTargets().isEmpty()) {
            other.add("Data Catalog");
        }
        if (t.hasDeltaTargets() && !t.deltaTargets().isEmpty()) {
            other.add("Delta Lake");
        }
        if (t.hasIcebergTargets() && !t.icebergTargets().isEmpty()) {
            other.add("Iceberg");
        }
        if (t.hasHudiTargets() && !t.hudiTargets().isEmpty()) {
            other.add("Hudi");
        }
        if (!other.isEmpty()) {
            throw new CrawlFailure("Lakelet crawls S3 targets only; this crawler's " + String.join(", ", other)
                    + " targets cannot be crawled.");
        }
        if (!t.hasS3Targets() || t.s3Targets().isEmpty()) {
            throw new CrawlFailure("The crawler has no targets.");
        }
    }

    /** Hidden and marker objects Glue's crawler passes over: names starting with _ or ., folder markers. */
    static boolean skipped(String rel) {
        if (rel.isEmpty() || rel.endsWith("/") || rel.endsWith("_$folder$")) {
            return true;
        }
        for (String part : rel.split("/")) {
            if (part.startsWith("_") || part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private List<ObjectStore.ObjectInfo> list(String bucket, String include) {
        List<ObjectStore.ObjectInfo> out = new ArrayList<>();
        if (mode == Mode.EVENTS) {
            for (String folder : eventFolders) {
                String prefix = "s3://" + bucket + "/";
                if (!folder.startsWith(prefix + include)) {
                    continue;
                }
                String key = folder.substring(prefix.length());
                pages(bucket, key, "/", out);
            }
            return out;
        }
        pages(bucket, include, null, out);
        return out;
    }

    private void pages(String bucket, String prefix, String delimiter, List<ObjectStore.ObjectInfo> out) {
        String after = null;
        do {
            checkCancelled();
            ObjectStore.Listing page = store.list(scope.account(), bucket, prefix, delimiter, after, 1000);
            out.addAll(page.objects());
            after = page.nextStartAfter();
        } while (after != null);
    }

    /** Classifies objects in parallel; with a SampleSize only that many per folder are read. */
    private List<CrawledFile> classify(List<ObjectStore.ObjectInfo> objects, String include, Integer sampleSize) {
        Map<String, List<ObjectStore.ObjectInfo>> byFolder = new LinkedHashMap<>();
        objects.stream().sorted(Comparator.comparing(ObjectStore.ObjectInfo::key))
                .forEach(o -> byFolder.computeIfAbsent(folderOf(o.bucket(), o.key()), k -> new ArrayList<>()).add(o));
        List<CompletableFuture<CrawledFile>> read = new ArrayList<>();
        List<ObjectStore.ObjectInfo> inferred = new ArrayList<>();
        for (List<ObjectStore.ObjectInfo> folder : byFolder.values()) {
            for (int i = 0; i < folder.size(); i++) {
                ObjectStore.ObjectInfo o = folder.get(i);
                if (sampleSize != null && i >= sampleSize) {
                    inferred.add(o);
                    continue;
                }
                read.add(CompletableFuture.supplyAsync(() -> classifyOne(o, include), readers));
            }
        }
        List<CrawledFile> out = new ArrayList<>();
        Map<String, CrawledFile> sampleOfFolder = new HashMap<>();
        for (CompletableFuture<CrawledFile> f : read) {
            if (cancelled.getAsBoolean()) {
                read.forEach(x -> x.cancel(false));
                throw new Cancelled();
            }
            try {
                CrawledFile c = f.get();
                if (c != null) {
                    out.add(c);
                    sampleOfFolder.putIfAbsent(folderOf(c.bucket(), c.key()), c);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            } catch (ExecutionException e) {
                notes.add("reading failed: " + e.getCause());
            }
        }
        for (ObjectStore.ObjectInfo o : inferred) {
            CrawledFile sample = sampleOfFolder.get(folderOf(o.bucket(), o.key()));
            if (sample != null) {
                FileSchema s = sample.schema();
                long avg = Math.max(1, s.size() / Math.max(1, s.records()));
                out.add(new CrawledFile(o.bucket(), o.key(), o.key().substring(include.length()), o.size(),
                        s.withSize(o.size(), o.size() / avg, s.compression())));
            }
        }
        return out;
    }

    private CrawledFile classifyOne(ObjectStore.ObjectInfo o, String include) {
        if (cancelled.getAsBoolean()) {
            return null;
        }
        try {
            FileSchema s = new FileClassifier(store).classify(scope.account(), o.bucket(), o.key(), o.size(), custom);
            if (s == null) {
                notes.add("no classifier recognised s3://" + o.bucket() + "/" + o.key() + "; skipped");
                return null;
            }
            return new CrawledFile(o.bucket(), o.key(), o.key().substring(include.length()), o.size(), s);
        } catch (Exception e) {
            notes.add("s3://" + o.bucket() + "/" + o.key() + " could not be read (" + e.getMessage() + "); skipped");
            return null;
        }
    }

    /** Tables of the crawler's database that this crawler wrote. */
    private List<Table> ourTables(String db) {
        List<Table> out = new ArrayList<>();
        if (!catalog.databases().exists(scope, db)) {
            return out;
        }
        String token = null;
        do {
            Paging.Page<Table> page = catalog.tables().list(scope, db, null, token, 100);
            page.items().stream().filter(t -> crawler.name().equals(t.parameters().get(CatalogWriter.UPDATED_BY)))
                    .forEach(out::add);
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    /** Folders the crawler's tables already cover: unpartitioned tables' roots and partitions' folders. */
    private Set<String> knownFolders(List<Table> tables) {
        Set<String> known = new HashSet<>();
        for (Table t : tables) {
            String loc = CatalogWriter.location(t);
            if (loc == null) {
                continue;
            }
            if (!t.hasPartitionKeys() || t.partitionKeys().isEmpty()) {
                known.add(loc.endsWith("/") ? loc : loc + "/");
                continue;
            }
            String token = null;
            do {
                Paging.Page<Partition> page = catalog.partitions().list(scope, t.databaseName(), t.name(), null, null,
                        token, 1000);
                for (Partition p : page.items()) {
                    if (p.storageDescriptor() != null && p.storageDescriptor().location() != null) {
                        String l = p.storageDescriptor().location();
                        known.add(l.endsWith("/") ? l : l + "/");
                    }
                }
                token = page.nextToken();
            } while (token != null);
        }
        return known;
    }

    /**
     * Files below a table the crawler already wrote go to that table (their folders below its root are
     * partition values); the others are left for the layout.
     */
    private List<TablePlan> assign(List<CrawledFile> files, List<Table> tables, List<CrawledFile> unassigned) {
        Map<Table, List<CrawledFile>> byTable = new LinkedHashMap<>();
        for (CrawledFile f : files) {
            String path = "s3://" + f.bucket() + "/" + f.key();
            Table best = null;
            for (Table t : tables) {
                String loc = CatalogWriter.location(t);
                if (loc != null && loc.endsWith("/") && path.startsWith(loc)
                        && (best == null || loc.length() > CatalogWriter.location(best).length())) {
                    best = t;
                }
            }
            if (best == null) {
                unassigned.add(f);
            } else {
                byTable.computeIfAbsent(best, t -> new ArrayList<>()).add(f);
            }
        }
        List<TablePlan> plans = new ArrayList<>();
        byTable.forEach((t, fs) -> {
            String loc = CatalogWriter.location(t);
            List<String> keys = t.hasPartitionKeys()
                    ? t.partitionKeys().stream().map(software.amazon.awssdk.services.glue.model.Column::name).toList()
                    : List.of();
            Map<List<String>, List<CrawledFile>> byValues = new LinkedHashMap<>();
            Map<List<String>, String> folders = new HashMap<>();
            for (CrawledFile f : fs) {
                String rel = ("s3://" + f.bucket() + "/" + f.key()).substring(loc.length());
                String[] parts = rel.split("/");
                if (parts.length - 1 != keys.size()) {
                    notes.add("s3://" + f.bucket() + "/" + f.key() + " is not at the partition depth of table "
                            + t.name() + "; skipped");
                    continue;
                }
                List<String> values = new ArrayList<>();
                for (int i = 0; i < keys.size(); i++) {
                    values.add(TableLayout.value(parts[i], keys.get(i)));
                }
                byValues.computeIfAbsent(values, v -> new ArrayList<>()).add(f);
                folders.putIfAbsent(values, loc + rel.substring(0, rel.lastIndexOf('/') + 1));
            }
            if (byValues.isEmpty()) {
                return;
            }
            plans.add(TableLayout.build(t.name(), loc, keys, byValues, folders));
        });
        return plans;
    }

    /** The folders of these tables below an include path, relative to it without the trailing slash. */
    private static Set<String> tableFolders(List<Table> tables, String includeLocation) {
        Set<String> out = new HashSet<>();
        for (Table t : tables) {
            String loc = CatalogWriter.location(t);
            if (loc != null && loc.endsWith("/") && loc.startsWith(includeLocation)
                    && !t.parameters().containsKey(CatalogWriter.DEPRECATED_BY)) {
                String rel = loc.substring(includeLocation.length());
                out.add(rel.isEmpty() ? "" : rel.substring(0, rel.length() - 1));
            }
        }
        return out;
    }

    static String folderOf(String bucket, String key) {
        return "s3://" + bucket + "/" + key.substring(0, key.lastIndexOf('/') + 1);
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new Cancelled();
        }
    }

    static String message(Throwable e) {
        if (e instanceof AwsException a) {
            return a.code() + ": " + a.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
