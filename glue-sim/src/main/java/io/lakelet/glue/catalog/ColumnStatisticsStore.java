package io.lakelet.glue.catalog;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.StoredSdk;
import io.lakelet.glue.model.TableModel;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ColumnError;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsError;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Column statistics of a table or of one of its partitions, one stored entry per column under the
 * table's or the partition's key. Statistics are kept only for columns of the table's schema.
 */
public final class ColumnStatisticsStore {
    private static final String NO_STATISTICS = "Statistics do not exist for this column";

    private final CatalogStore store;
    private final Tables tables;
    private final Partitions partitions;

    public ColumnStatisticsStore(CatalogStore store, Tables tables, Partitions partitions) {
        this.store = store;
        this.tables = tables;
        this.partitions = partitions;
    }

    /** Where a table's (values null) or a partition's statistics live, checking that it exists. */
    private record Target(Table table, Keyspace keyspace, byte[] prefix) {
        byte[] key(String column) {
            return Keys.builder().addBytes(prefix).add(Names.fold(column)).build();
        }
    }

    private Target target(Scope scope, String db, String tableName, List<String> values) {
        Table table = tables.get(scope, db, tableName);
        if (values == null) {
            return new Target(table, store.tableStatistics, Tables.key(scope, table.databaseName(), table.name()));
        }
        partitions.get(scope, db, tableName, values);
        return new Target(table, store.partitionStatistics, Partitions.key(scope, table, values));
    }

    public List<ColumnStatisticsError> update(Scope scope, String db, String tableName, List<String> values,
                                              List<ColumnStatistics> statistics) {
        return store.write(() -> {
            Target t = target(scope, db, tableName, values);
            List<ColumnStatisticsError> errors = new ArrayList<>();
            try (Batch batch = store.batch()) {
                for (ColumnStatistics s : statistics) {
                    if (column(t.table(), s.columnName()) == null) {
                        errors.add(ColumnStatisticsError.builder().columnStatistics(s)
                                .error(GlueErrors.detail(GlueErrors.notFound("Column " + s.columnName()
                                        + " not found in table " + t.table().name() + ".")))
                                .build());
                        continue;
                    }
                    batch.put(t.keyspace(), t.key(s.columnName()), StoredSdk.write(s));
                }
                batch.commit();
            }
            return errors;
        });
    }

    /** The statistics of the named columns, and an error for each column that has none. */
    public Result get(Scope scope, String db, String tableName, List<String> values, List<String> columns) {
        Target t = target(scope, db, tableName, values);
        List<ColumnStatistics> found = new ArrayList<>();
        List<ColumnError> errors = new ArrayList<>();
        for (String c : columns) {
            byte[] v = t.keyspace().get(t.key(c));
            if (v == null) {
                errors.add(ColumnError.builder().columnName(c)
                        .error(GlueErrors.detail(GlueErrors.notFound(NO_STATISTICS))).build());
            } else {
                found.add(StoredSdk.read(v, ColumnStatistics.class));
            }
        }
        return new Result(found, errors);
    }

    public record Result(List<ColumnStatistics> statistics, List<ColumnError> errors) {
    }

    public void delete(Scope scope, String db, String tableName, List<String> values, String column) {
        store.write(() -> {
            Target t = target(scope, db, tableName, values);
            byte[] k = t.key(column);
            if (!t.keyspace().contains(k)) {
                throw GlueErrors.notFound(NO_STATISTICS);
            }
            t.keyspace().delete(k);
        });
    }

    private static Column column(Table table, String name) {
        for (Column c : TableModel.columns(table)) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }
}
