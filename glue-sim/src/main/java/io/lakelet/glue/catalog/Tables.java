package io.lakelet.glue.catalog;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.StoredSdk;
import io.lakelet.glue.model.TableModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PartitionIndex;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableError;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Tables of a database. The current version is kept in {@code glue.tables}; every version, the current
 * one included, in {@code glue.table-versions}, numbered from 0 as Glue numbers them. Deleting a table
 * deletes its versions, partitions, indexes, statistics and tags in one batch.
 */
public final class Tables {
    private final CatalogStore store;
    private final Databases databases;
    private final PartitionIndexes indexes;
    private final Tags tags;

    public Tables(CatalogStore store, Databases databases, PartitionIndexes indexes, Tags tags) {
        this.store = store;
        this.databases = databases;
        this.indexes = indexes;
        this.tags = tags;
    }

    public static byte[] key(Scope scope, String db, String table) {
        return scope.key().add(db).add(table).build();
    }

    private static byte[] versionKey(Scope scope, String db, String table, long version) {
        return scope.key().add(db).add(table).add(version).build();
    }

    public static String arn(Scope scope, String db, String table) {
        return scope.arn("table/" + db + "/" + table);
    }

    public Table create(Scope scope, String database, TableInput input, List<PartitionIndex> partitionIndexes) {
        String db = Names.fold(database);
        String name = Names.fold(input.name());
        checkPartitionKeys(input);
        return store.write(() -> {
            databases.get(scope, db);
            if (store.tables.contains(key(scope, db, name))) {
                throw GlueErrors.alreadyExists("Table");
            }
            byte[] counter = store.counterKey(scope, "tables", db);
            if (store.count(counter) >= store.limits().tablesPerDatabase()) {
                throw GlueErrors.limitExceeded("The number of tables in database " + db
                        + " has reached the limit of " + store.limits().tablesPerDatabase() + ".");
            }
            Instant now = store.clock().instant();
            Table table = TableModel.table(scope.account(), db, input, now, now, "0");
            try (Batch batch = store.batch()) {
                batch.put(store.tables, key(scope, db, name), StoredSdk.write(table));
                batch.put(store.tableVersions, versionKey(scope, db, name, 0), StoredSdk.write(table));
                store.addCount(batch, counter, 1);
                store.addCount(batch, store.counterKey(scope, "versions", db, name), 1);
                if (partitionIndexes != null && !partitionIndexes.isEmpty()) {
                    indexes.putAll(batch, scope, table, partitionIndexes);
                }
                batch.commit();
            }
            return table;
        });
    }

    /** The current version of a table; the database is checked first, as Glue does. */
    public Table get(Scope scope, String database, String name) {
        return find(scope, database, name).orElseThrow(() -> GlueErrors.tableNotFound(Names.fold(name)));
    }

    /** The current version of a table, or empty; a missing database is still an error. */
    public Optional<Table> find(Scope scope, String database, String name) {
        String db = Names.fold(database);
        databases.get(scope, db);
        byte[] v = store.tables.get(key(scope, db, Names.fold(name)));
        return v == null ? Optional.empty() : Optional.of(StoredSdk.read(v, Table.class));
    }

    public Paging.Page<Table> list(Scope scope, String database, String expression, String token, int max) {
        String db = Names.fold(database);
        databases.get(scope, db);
        Pattern pattern = expression == null || expression.isBlank() ? null : namePattern(expression);
        return Paging.page(store.tables, scope.key().add(db).build(), token, max,
                v -> StoredSdk.read(v, Table.class), t -> pattern == null || pattern.matcher(t.name()).matches());
    }

    /**
     * Replaces a table's definition. Unless {@code skipArchive}, the new definition becomes a new version
     * and the old one stays readable through GetTableVersion; with it, the current version is overwritten.
     */
    public Table update(Scope scope, String database, TableInput input, boolean skipArchive, String expectedVersion) {
        checkPartitionKeys(input);
        return store.write(() -> {
            Table current = get(scope, database, input.name());
            if (expectedVersion != null && !expectedVersion.equals(current.versionId())) {
                throw GlueErrors.concurrentModification("Update table failed due to concurrent modifications.");
            }
            String db = current.databaseName();
            String name = current.name();
            long version = Long.parseLong(current.versionId());
            byte[] counter = store.counterKey(scope, "versions", db, name);
            if (!skipArchive) {
                if (store.count(counter) >= store.limits().versionsPerTable()) {
                    throw GlueErrors.limitExceeded("Number of table versions for table " + name
                            + " has reached the limit of " + store.limits().versionsPerTable() + ".");
                }
                version++;
            }
            Table updated = TableModel.table(scope.account(), db, input, current.createTime(),
                    store.clock().instant(), Long.toString(version));
            try (Batch batch = store.batch()) {
                batch.put(store.tables, key(scope, db, name), StoredSdk.write(updated));
                batch.put(store.tableVersions, versionKey(scope, db, name, version), StoredSdk.write(updated));
                if (!skipArchive) {
                    store.addCount(batch, counter, 1);
                }
                batch.commit();
            }
            return updated;
        });
    }

    public void delete(Scope scope, String database, String name) {
        store.write(() -> {
            Table table = get(scope, database, name);
            try (Batch batch = store.batch()) {
                deleteIn(batch, scope, table.databaseName(), table.name());
                store.addCount(batch, store.counterKey(scope, "tables", table.databaseName()), -1);
                batch.commit();
            }
        });
    }

    /** Deletes several tables; the names that could not be deleted come back with their errors. */
    public List<TableError> deleteAll(Scope scope, String database, List<String> names) {
        return store.write(() -> {
            String db = Names.fold(database);
            databases.get(scope, db);
            List<TableError> errors = new ArrayList<>();
            Set<String> deleted = new HashSet<>();
            try (Batch batch = store.batch()) {
                for (String raw : names) {
                    String name = Names.fold(raw);
                    if (!store.tables.contains(key(scope, db, name)) || !deleted.add(name)) {
                        errors.add(TableError.builder().tableName(raw)
                                .errorDetail(GlueErrors.detail(GlueErrors.tableNotFound(name))).build());
                        continue;
                    }
                    deleteIn(batch, scope, db, name);
                }
                store.addCount(batch, store.counterKey(scope, "tables", db), -deleted.size());
                batch.commit();
            }
            return errors;
        });
    }

    private void deleteIn(Batch batch, Scope scope, String db, String name) {
        byte[] under = key(scope, db, name);
        batch.delete(store.tables, under);
        for (var ks : List.of(store.tableVersions, store.partitions, store.partitionIndexes,
                store.tableStatistics, store.partitionStatistics)) {
            batch.deletePrefix(ks, under);
        }
        store.deleteCounters(batch, store.counterKey(scope, "versions", db, name));
        store.deleteCounters(batch, store.counterKey(scope, "partitions", db, name));
        tags.deleteAll(batch, scope, arn(scope, db, name));
    }

    // Versions.

    public Table version(Scope scope, String database, String name, String versionId) {
        Table current = get(scope, database, name);
        if (versionId == null) {
            return current;
        }
        byte[] v = store.tableVersions.get(versionKey(scope, current.databaseName(), current.name(),
                parseVersion(versionId)));
        if (v == null) {
            throw GlueErrors.notFound("Version not found.");
        }
        return StoredSdk.read(v, Table.class);
    }

    public Paging.Page<Table> versions(Scope scope, String database, String name, String token, int max) {
        Table current = get(scope, database, name);
        return Paging.page(store.tableVersions, key(scope, current.databaseName(), current.name()), token, max,
                v -> StoredSdk.read(v, Table.class), t -> true);
    }

    /** Deletes versions of a table; those that do not exist come back as error messages by version id. */
    public Map<String, String> deleteVersions(Scope scope, String database, String name, List<String> versionIds) {
        return store.write(() -> {
            Table current = get(scope, database, name);
            Map<String, String> errors = new LinkedHashMap<>();
            int deleted = 0;
            try (Batch batch = store.batch()) {
                for (String id : versionIds) {
                    byte[] k;
                    try {
                        k = versionKey(scope, current.databaseName(), current.name(), parseVersion(id));
                    } catch (RuntimeException e) {
                        errors.put(id, "Version not found.");
                        continue;
                    }
                    if (!store.tableVersions.contains(k)) {
                        errors.put(id, "Version not found.");
                        continue;
                    }
                    batch.delete(store.tableVersions, k);
                    deleted++;
                }
                store.addCount(batch, store.counterKey(scope, "versions", current.databaseName(), current.name()),
                        -deleted);
                batch.commit();
            }
            return errors;
        });
    }

    private static long parseVersion(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw GlueErrors.notFound("Version not found.");
        }
    }

    /** Glue does not allow parameters on partition keys. */
    private static void checkPartitionKeys(TableInput input) {
        if (input.hasPartitionKeys()) {
            for (Column c : input.partitionKeys()) {
                if (c.hasParameters() && !c.parameters().isEmpty()) {
                    throw GlueErrors.invalidInput("Parameters not supported for partition columns");
                }
            }
        }
    }

    /**
     * GetTables' Expression: a regular expression over table names, where a bare {@code *} means any run
     * of characters as in Hive patterns ({@code sales_*}); matched whole and without regard to case.
     */
    static Pattern namePattern(String expression) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '*' && (i == 0 || expression.charAt(i - 1) != '.' && expression.charAt(i - 1) != ')'
                    && expression.charAt(i - 1) != ']')) {
                re.append(".*");
            } else {
                re.append(c);
            }
        }
        try {
            return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw GlueErrors.invalidInput("Invalid regular expression: " + expression);
        }
    }

    /** Every table of the catalog, for SearchTables. */
    public void forEach(Scope scope, Consumer<Table> action) {
        try (Scan scan = store.tables.scan(scope.key().build())) {
            for (Scan.Entry e : scan) {
                action.accept(StoredSdk.read(e.value(), Table.class));
            }
        }
    }
}
