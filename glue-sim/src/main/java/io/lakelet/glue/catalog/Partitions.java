package io.lakelet.glue.catalog;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.StoredSdk;
import io.lakelet.glue.expression.ExpressionException;
import io.lakelet.glue.expression.PartitionExpression;
import io.lakelet.glue.model.PartitionId;
import io.lakelet.glue.model.TableModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Segment;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Partitions of a table, keyed by their values in key order. Batch operations check every entry first
 * and write the ones that pass in one batch; the rest come back as per-entry errors, as in Glue.
 */
public final class Partitions {
    private final CatalogStore store;
    private final Tables tables;

    public Partitions(CatalogStore store, Tables tables) {
        this.store = store;
        this.tables = tables;
    }

    static byte[] key(Scope scope, Table table, List<String> values) {
        return scope.key().add(table.databaseName()).add(table.name()).add(PartitionId.of(values)).build();
    }

    /**
     * Creates partitions; returns the error of each input that was not created, by its values. When
     * {@code atomic}, any error fails the whole call and nothing is created.
     */
    public Map<List<String>, AwsException> create(Scope scope, String db, String tableName, List<PartitionInput> inputs,
                                                  boolean atomic) {
        return store.write(() -> {
            Table table = tables.get(scope, db, tableName);
            Map<List<String>, AwsException> errors = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            List<Partition> accepted = new ArrayList<>();
            for (PartitionInput in : inputs) {
                List<String> values = in.hasValues() ? in.values() : List.of();
                try {
                    checkValues(table, values);
                    if (store.partitions.contains(key(scope, table, values)) || !seen.add(PartitionId.of(values))) {
                        throw GlueErrors.alreadyExists("Partition");
                    }
                    accepted.add(TableModel.partition(scope.account(), table.databaseName(), table.name(), in,
                            store.clock().instant()));
                } catch (AwsException e) {
                    errors.put(values, e);
                }
            }
            if (atomic && !errors.isEmpty()) {
                throw errors.values().iterator().next();
            }
            byte[] counter = store.counterKey(scope, "partitions", table.databaseName(), table.name());
            if (store.count(counter) + accepted.size() > store.limits().partitionsPerTable()) {
                throw GlueErrors.limitExceeded("Number of partitions for table " + table.name()
                        + " would exceed the limit of " + store.limits().partitionsPerTable() + ".");
            }
            try (Batch batch = store.batch()) {
                for (Partition p : accepted) {
                    batch.put(store.partitions, key(scope, table, p.values()), StoredSdk.write(p));
                }
                store.addCount(batch, counter, accepted.size());
                batch.commit();
            }
            return errors;
        });
    }

    public Partition get(Scope scope, String db, String tableName, List<String> values) {
        Table table = tables.get(scope, db, tableName);
        Partition p = find(scope, table, values);
        if (p == null) {
            throw GlueErrors.partitionNotFound();
        }
        return p;
    }

    /** The partitions of these values that exist, in request order; missing ones are left out. */
    public List<Partition> getAll(Scope scope, String db, String tableName, List<List<String>> valueLists) {
        Table table = tables.get(scope, db, tableName);
        List<Partition> found = new ArrayList<>();
        for (List<String> values : valueLists) {
            Partition p = find(scope, table, values);
            if (p != null) {
                found.add(p);
            }
        }
        return found;
    }

    private Partition find(Scope scope, Table table, List<String> values) {
        byte[] v = store.partitions.get(key(scope, table, values));
        return v == null ? null : StoredSdk.read(v, Partition.class);
    }

    /**
     * One page of the partitions that match {@code expression} (null: all) and fall in {@code segment}
     * (null: the whole table). Segments split partitions by a hash of their values, so the segments of one
     * total never overlap and together cover the table.
     */
    public Paging.Page<Partition> list(Scope scope, String db, String tableName, String expression, Segment segment,
                                       String token, int max) {
        Table table = tables.get(scope, db, tableName);
        byte[] prefix = scope.key().add(table.databaseName()).add(table.name()).build();
        Predicate<List<String>> filter = values -> true;
        if (expression != null && !expression.isBlank()) {
            List<PartitionExpression.Key> keys = new ArrayList<>();
            for (Column c : TableModel.partitionKeys(table)) {
                keys.add(new PartitionExpression.Key(c.name(), c.type()));
            }
            PartitionExpression compiled = compile(expression, keys);
            filter = values -> matches(compiled, values);
        }
        if (segment != null) {
            int total = segment.totalSegments();
            int number = segment.segmentNumber();
            filter = filter.and(values -> Math.floorMod(PartitionId.of(values).hashCode(), total) == number);
        }
        Predicate<List<String>> byValues = filter;
        // The values are in the key: filter there, and decode only the partitions that match.
        return Paging.page(store.partitions, prefix, token, max,
                key -> byValues.test(PartitionId.valuesOfKey(key, prefix.length)),
                v -> StoredSdk.read(v, Partition.class), p -> true);
    }

    private static PartitionExpression compile(String expression, List<PartitionExpression.Key> keys) {
        try {
            return PartitionExpression.compile(expression, keys);
        } catch (ExpressionException e) {
            throw GlueErrors.invalidInput(e.getMessage());
        }
    }

    private static boolean matches(PartitionExpression expression, List<String> values) {
        try {
            return expression.matches(values);
        } catch (ExpressionException e) {
            throw e.invalidState() ? GlueErrors.invalidState(e.getMessage()) : GlueErrors.invalidInput(e.getMessage());
        }
    }

    /** Replaces partitions (a new value list moves one); returns each failed entry's error by its old values. */
    public Map<List<String>, AwsException> update(Scope scope, String db, String tableName,
                                                  Map<List<String>, PartitionInput> updates) {
        return store.write(() -> {
            Table table = tables.get(scope, db, tableName);
            Map<List<String>, AwsException> errors = new LinkedHashMap<>();
            try (Batch batch = store.batch()) {
                for (Map.Entry<List<String>, PartitionInput> u : updates.entrySet()) {
                    try {
                        Partition current = find(scope, table, u.getKey());
                        if (current == null) {
                            throw GlueErrors.partitionNotFound();
                        }
                        PartitionInput in = u.getValue();
                        List<String> values = in.hasValues() ? in.values() : current.values();
                        checkValues(table, values);
                        boolean moved = !PartitionId.of(values).equals(PartitionId.of(current.values()));
                        if (moved && store.partitions.contains(key(scope, table, values))) {
                            throw GlueErrors.alreadyExists("Partition");
                        }
                        Partition updated = TableModel.partition(scope.account(), table.databaseName(), table.name(),
                                in.toBuilder().values(values).build(), current.creationTime());
                        if (moved) {
                            deleteIn(batch, scope, table, current.values());
                        }
                        batch.put(store.partitions, key(scope, table, values), StoredSdk.write(updated));
                    } catch (AwsException e) {
                        errors.put(u.getKey(), e);
                    }
                }
                batch.commit();
            }
            return errors;
        });
    }

    /** Deletes partitions; returns the error of each value list that was not deleted. */
    public Map<List<String>, AwsException> delete(Scope scope, String db, String tableName,
                                                  List<List<String>> valueLists) {
        return store.write(() -> {
            Table table = tables.get(scope, db, tableName);
            Map<List<String>, AwsException> errors = new LinkedHashMap<>();
            Set<String> deleted = new HashSet<>();
            try (Batch batch = store.batch()) {
                for (List<String> values : valueLists) {
                    if (find(scope, table, values) == null || !deleted.add(PartitionId.of(values))) {
                        errors.put(values, GlueErrors.partitionNotFound());
                        continue;
                    }
                    deleteIn(batch, scope, table, values);
                }
                store.addCount(batch, store.counterKey(scope, "partitions", table.databaseName(), table.name()),
                        -deleted.size());
                batch.commit();
            }
            return errors;
        });
    }

    private void deleteIn(Batch batch, Scope scope, Table table, List<String> values) {
        byte[] k = key(scope, table, values);
        batch.delete(store.partitions, k);
        batch.deletePrefix(store.partitionStatistics, k);
    }

    /** A partition's values must be one per partition key. */
    static void checkValues(Table table, List<String> values) {
        if (values.size() != TableModel.partitionKeys(table).size()) {
            throw GlueErrors.invalidInput("The number of partition keys do not match the number of partition values");
        }
        for (String v : values) {
            if (!PartitionId.storable(v)) {
                throw GlueErrors.invalidInput("Partition values must not contain the characters U+0000 or U+0001");
            }
        }
    }
}
