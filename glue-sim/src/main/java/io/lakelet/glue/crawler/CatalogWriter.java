package io.lakelet.glue.crawler;

import io.lakelet.core.error.AwsException;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.Paging;
import io.lakelet.glue.catalog.Scope;
import io.lakelet.glue.classifier.Column;
import io.lakelet.glue.classifier.FileSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionIndex;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Writes what a crawl found into the catalog, through the catalog's own Tables and Partitions so every
 * rule of the catalog holds (table versions, quotas). New tables are created; existing ones are updated
 * as the crawler's SchemaChangePolicy says (UPDATE_IN_DATABASE, with MergeNewColumns keeping the columns
 * a table has; LOG leaves the table as it is and logs the change); new partitions are added in either
 * case. After a full crawl, tables this crawler wrote whose data is gone are deleted, deprecated or only
 * logged as DeleteBehavior says, and so are vanished partitions under DELETE_FROM_DATABASE.
 */
final class CatalogWriter {
    static final String UPDATED_BY = "UPDATED_BY_CRAWLER";
    static final String DEPRECATED_BY = "DEPRECATED_BY_CRAWLER";

    private final GlueCatalog catalog;
    private final Scope scope;
    private final String db;
    private final String crawler;
    private final String prefix;
    private final boolean updateInDatabase;
    private final String deleteBehavior;
    private final CrawlerConfiguration conf;
    private final Set<String> usedNames = new HashSet<>();
    final List<String> created = new ArrayList<>();
    final List<String> updated = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    int partitionsAdded;
    int partitionsUpdated;
    int partitionsDeleted;

    CatalogWriter(GlueCatalog catalog, Scope scope, String db, String crawler, String prefix, String updateBehavior,
                  String deleteBehavior, CrawlerConfiguration conf) {
        this.catalog = catalog;
        this.scope = scope;
        this.db = db;
        this.crawler = crawler;
        this.prefix = prefix == null ? "" : prefix;
        this.updateInDatabase = !"LOG".equals(updateBehavior);
        this.deleteBehavior = deleteBehavior == null ? "DEPRECATE_IN_DATABASE" : deleteBehavior;
        this.conf = conf;
    }

    /** The table a plan goes to: its name, or its name with a hash of its location when that is taken. */
    String resolveName(TablePlan plan) {
        String base = TableLayout.tableName(prefix + plan.name());
        var existing = catalog.tables().find(scope, db, base);
        boolean ours = existing.isEmpty() || plan.location().equals(location(existing.get()));
        if (ours && usedNames.add(base)) {
            return base;
        }
        String hashed = base + "_" + hash(plan.location());
        usedNames.add(hashed);
        return hashed;
    }

    /** Creates or updates one table and its partitions; {@code full} when the crawl saw all of its data. */
    void write(TablePlan plan, boolean full) {
        String name = plan.name();
        var found = catalog.tables().find(scope, db, name);
        List<Column> columns = plan.columns();
        List<software.amazon.awssdk.services.glue.model.Column> tableColumns;
        if (found.isEmpty()) {
            TableInput in = input(name, plan, glueColumns(columns), plan.partitionKeys(), plan.stats());
            List<PartitionIndex> indexes = List.of();
            if (conf.createPartitionIndex() && !plan.partitionKeys().isEmpty()) {
                indexes = List.of(PartitionIndex.builder().indexName("crawler_partition_index")
                        .keys(plan.partitionKeys().subList(0, Math.min(3, plan.partitionKeys().size()))).build());
            }
            catalog.tables().create(scope, db, in, indexes);
            created.add(name);
            tableColumns = in.storageDescriptor().columns();
        } else {
            Table current = found.get();
            List<software.amazon.awssdk.services.glue.model.Column> currentColumns =
                    current.storageDescriptor() != null && current.storageDescriptor().hasColumns()
                            ? current.storageDescriptor().columns() : List.of();
            List<software.amazon.awssdk.services.glue.model.Column> next;
            if (conf.mergeNewColumns() || !full) {
                next = new ArrayList<>(currentColumns);
                Set<String> have = new HashSet<>();
                currentColumns.forEach(c -> have.add(c.name()));
                for (var c : glueColumns(columns)) {
                    if (have.add(c.name())) {
                        next.add(c);
                    }
                }
            } else {
                next = glueColumns(columns);
            }
            List<String> keys = current.hasPartitionKeys() && !current.partitionKeys().isEmpty()
                    ? current.partitionKeys().stream().map(software.amazon.awssdk.services.glue.model.Column::name)
                    .toList() : plan.partitionKeys();
            TablePlan.Stats stats = full ? plan.stats() : plus(statsOf(current), plan.stats());
            TableInput in = input(name, plan, next, keys, stats);
            boolean schemaChanged = !sameColumns(currentColumns, next) || keys.size() != plan.partitionKeys().size();
            boolean changed = schemaChanged || !in.storageDescriptor().equals(current.storageDescriptor())
                    || !in.parameters().equals(current.parameters());
            if (!changed) {
                tableColumns = currentColumns;
            } else if (updateInDatabase) {
                catalog.tables().update(scope, db, in, false, null);
                updated.add(name);
                tableColumns = next;
            } else {
                tableColumns = currentColumns;
                if (schemaChanged) {
                    log.add("table " + name + ": the schema changed (" + describe(currentColumns) + " -> "
                            + describe(next) + "); not updated, UpdateBehavior is LOG");
                }
            }
            if (keys.size() != plan.partitionKeys().size()) {
                log.add("table " + name + ": found " + plan.partitionKeys().size()
                        + " partition levels where the table has " + keys.size() + "; partitions not written");
                return;
            }
        }
        writePartitions(name, plan, tableColumns, full);
    }

    private void writePartitions(String table, TablePlan plan, List<software.amazon.awssdk.services.glue.model.Column>
            tableColumns, boolean full) {
        if (plan.partitionKeys().isEmpty()) {
            return;
        }
        Map<List<String>, Partition> existing = new HashMap<>();
        String token = null;
        do {
            Paging.Page<Partition> page = catalog.partitions().list(scope, db, table, null, null, token, 1000);
            page.items().forEach(p -> existing.put(p.values(), p));
            token = page.nextToken();
        } while (token != null);
        List<PartitionInput> toCreate = new ArrayList<>();
        Map<List<String>, PartitionInput> toUpdate = new LinkedHashMap<>();
        Set<List<String>> seen = new HashSet<>();
        for (TablePlan.Partition p : plan.partitions()) {
            seen.add(p.values());
            List<software.amazon.awssdk.services.glue.model.Column> cols = conf.inheritFromTable() ? tableColumns
                    : glueColumns(p.columns());
            PartitionInput in = PartitionInput.builder().values(p.values())
                    .storageDescriptor(descriptor(conf.inheritFromTable() ? plan.format() : p.format(), cols,
                            p.location(), parameters(p.format(), p.stats())))
                    .parameters(Map.of())
                    .build();
            Partition current = existing.get(p.values());
            if (current == null) {
                toCreate.add(in);
            } else if (updateInDatabase && !in.storageDescriptor().equals(current.storageDescriptor())) {
                toUpdate.put(p.values(), in);
            }
        }
        for (int i = 0; i < toCreate.size(); i += 100) {
            var errors = catalog.partitions().create(scope, db, table, toCreate.subList(i, Math.min(i + 100,
                    toCreate.size())), false);
            partitionsAdded += Math.min(100, toCreate.size() - i) - errors.size();
            errors.forEach((v, e) -> log.add("partition " + v + " of " + table + " not added: " + e.getMessage()));
        }
        if (!toUpdate.isEmpty()) {
            var errors = catalog.partitions().update(scope, db, table, toUpdate);
            partitionsUpdated += toUpdate.size() - errors.size();
        }
        if (full && "DELETE_FROM_DATABASE".equals(deleteBehavior)) {
            List<List<String>> gone = existing.keySet().stream().filter(v -> !seen.contains(v)).toList();
            if (!gone.isEmpty()) {
                var errors = catalog.partitions().delete(scope, db, table, gone);
                partitionsDeleted += gone.size() - errors.size();
            }
        }
    }

    /** After a full crawl: tables this crawler wrote under the crawled paths that the crawl did not find. */
    void handleMissing(Set<String> produced, List<String> crawledLocations) {
        List<Table> ours = new ArrayList<>();
        String token = null;
        do {
            Paging.Page<Table> page = catalog.tables().list(scope, db, null, token, 100);
            for (Table t : page.items()) {
                String loc = location(t);
                if (crawler.equals(t.parameters().get(UPDATED_BY)) && !produced.contains(t.name()) && loc != null
                        && crawledLocations.stream().anyMatch(loc::startsWith)) {
                    ours.add(t);
                }
            }
            token = page.nextToken();
        } while (token != null);
        for (Table t : ours) {
            switch (deleteBehavior) {
                case "DELETE_FROM_DATABASE" -> {
                    try {
                        catalog.tables().delete(scope, db, t.name());
                        deleted.add(t.name());
                    } catch (AwsException e) {
                        log.add("table " + t.name() + " not deleted: " + e.getMessage());
                    }
                }
                case "DEPRECATE_IN_DATABASE" -> {
                    if (!t.parameters().containsKey(DEPRECATED_BY)) {
                        Map<String, String> params = new LinkedHashMap<>(t.parameters());
                        params.put(DEPRECATED_BY, crawler);
                        catalog.tables().update(scope, db, toInput(t).toBuilder().parameters(params).build(), false,
                                null);
                        updated.add(t.name());
                        log.add("table " + t.name() + ": its data is gone; marked " + DEPRECATED_BY);
                    }
                }
                default -> log.add("table " + t.name() + ": its data is gone; left as it is (DeleteBehavior LOG)");
            }
        }
    }

    private TableInput input(String name, TablePlan plan, List<software.amazon.awssdk.services.glue.model.Column>
            columns, List<String> keys, TablePlan.Stats stats) {
        Map<String, String> params = parameters(plan.format(), stats);
        return TableInput.builder()
                .name(name)
                .owner("owner")
                .retention(0)
                .tableType("EXTERNAL_TABLE")
                .partitionKeys(keys.stream().map(k -> software.amazon.awssdk.services.glue.model.Column.builder()
                        .name(k).type("string").build()).toList())
                .parameters(params)
                .storageDescriptor(descriptor(plan.format(), columns, plan.location(), params))
                .build();
    }

    private static StorageDescriptor descriptor(FileSchema f, List<software.amazon.awssdk.services.glue.model.Column>
            columns, String location, Map<String, String> params) {
        Map<String, String> serdeParams = f.serdeParameters();
        if (serdeParams.containsKey("paths")) {
            // The JSON SerDe's paths name the columns it reads: those of the table (or partition) as written.
            serdeParams = new LinkedHashMap<>(serdeParams);
            serdeParams.put("paths", String.join(",", new java.util.TreeSet<>(
                    columns.stream().map(software.amazon.awssdk.services.glue.model.Column::name).toList())));
        }
        return StorageDescriptor.builder()
                .columns(columns)
                .location(location)
                .inputFormat(f.inputFormat())
                .outputFormat(f.outputFormat())
                .compressed(!"none".equals(f.compression()))
                .numberOfBuckets(-1)
                .serdeInfo(SerDeInfo.builder().serializationLibrary(f.serde()).parameters(serdeParams).build())
                .bucketColumns(List.of())
                .sortColumns(List.of())
                .parameters(params)
                .storedAsSubDirectories(false)
                .build();
    }

    private Map<String, String> parameters(FileSchema f, TablePlan.Stats stats) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CrawlerSchemaDeserializerVersion", "1.0");
        p.put("CrawlerSchemaSerializerVersion", "1.0");
        p.put(UPDATED_BY, crawler);
        p.put("averageRecordSize", Long.toString(stats.averageRecordSize()));
        p.put("classification", f.classification());
        p.put("compressionType", f.compression());
        p.put("objectCount", Long.toString(stats.objects()));
        p.put("recordCount", Long.toString(stats.records()));
        p.put("sizeKey", Long.toString(stats.bytes()));
        p.put("typeOfData", "file");
        p.putAll(f.parameters());
        return p;
    }

    static List<software.amazon.awssdk.services.glue.model.Column> glueColumns(List<Column> columns) {
        return columns.stream().map(c -> software.amazon.awssdk.services.glue.model.Column.builder().name(c.name())
                .type(c.type().hive()).build()).toList();
    }

    private static boolean sameColumns(List<software.amazon.awssdk.services.glue.model.Column> a,
                                       List<software.amazon.awssdk.services.glue.model.Column> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equals(b.get(i).name()) || !a.get(i).type().equals(b.get(i).type())) {
                return false;
            }
        }
        return true;
    }

    private static String describe(List<software.amazon.awssdk.services.glue.model.Column> cols) {
        return String.join(", ", cols.stream().map(c -> c.name() + " " + c.type()).toList());
    }

    private static TablePlan.Stats statsOf(Table t) {
        Map<String, String> p = t.parameters();
        return new TablePlan.Stats(num(p.get("objectCount")), num(p.get("recordCount")), num(p.get("sizeKey")));
    }

    private static TablePlan.Stats plus(TablePlan.Stats a, TablePlan.Stats b) {
        return a.plus(b);
    }

    private static long num(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String location(Table t) {
        return t.storageDescriptor() == null ? null : t.storageDescriptor().location();
    }

    static TableInput toInput(Table t) {
        return TableInput.builder().name(t.name()).description(t.description()).owner(t.owner())
                .retention(t.retention()).storageDescriptor(t.storageDescriptor())
                .partitionKeys(t.hasPartitionKeys() ? t.partitionKeys() : List.of()).tableType(t.tableType())
                .parameters(t.parameters()).build();
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
