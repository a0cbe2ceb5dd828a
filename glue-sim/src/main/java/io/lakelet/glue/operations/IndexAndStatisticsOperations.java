package io.lakelet.glue.operations;

import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.glue.catalog.ColumnStatisticsStore;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.Scope;
import java.util.List;
import software.amazon.awssdk.services.glue.model.CreatePartitionIndexRequest;
import software.amazon.awssdk.services.glue.model.CreatePartitionIndexResponse;
import software.amazon.awssdk.services.glue.model.DeleteColumnStatisticsForPartitionRequest;
import software.amazon.awssdk.services.glue.model.DeleteColumnStatisticsForPartitionResponse;
import software.amazon.awssdk.services.glue.model.DeleteColumnStatisticsForTableRequest;
import software.amazon.awssdk.services.glue.model.DeleteColumnStatisticsForTableResponse;
import software.amazon.awssdk.services.glue.model.DeletePartitionIndexRequest;
import software.amazon.awssdk.services.glue.model.DeletePartitionIndexResponse;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForPartitionRequest;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForPartitionResponse;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForTableRequest;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForTableResponse;
import software.amazon.awssdk.services.glue.model.GetPartitionIndexesRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionIndexesResponse;
import software.amazon.awssdk.services.glue.model.PartitionIndex;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForPartitionRequest;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForPartitionResponse;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForTableResponse;

/** Partition indexes and column statistics of tables and partitions. */
public final class IndexAndStatisticsOperations {
    private final GlueCatalog catalog;

    public IndexAndStatisticsOperations(GlueCatalog catalog) {
        this.catalog = catalog;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("CreatePartitionIndex", CreatePartitionIndexRequest.class, (ctx, in) -> {
            PartitionIndex index = in.partitionIndex();
            var v = PartitionOperations.table(in.databaseName(), in.tableName()).notNull("partitionIndex", index);
            if (index != null) {
                Requests.name(v, "partitionIndex.indexName", index.indexName())
                        .notNull("partitionIndex.keys", index.hasKeys() ? index.keys() : null)
                        .size("partitionIndex.keys", index.hasKeys() ? index.keys() : null, 1, Integer.MAX_VALUE);
            }
            v.orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.store().write(() -> catalog.partitionIndexes().create(scope,
                    catalog.tables().get(scope, in.databaseName(), in.tableName()), index));
            return CreatePartitionIndexResponse.builder().build();
        });
        b.operation("GetPartitionIndexes", GetPartitionIndexesRequest.class, (ctx, in) -> {
            PartitionOperations.table(in.databaseName(), in.tableName()).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            return GetPartitionIndexesResponse.builder().partitionIndexDescriptorList(catalog.partitionIndexes()
                    .list(scope, catalog.tables().get(scope, in.databaseName(), in.tableName()))).build();
        });
        b.operation("DeletePartitionIndex", DeletePartitionIndexRequest.class, (ctx, in) -> {
            Requests.name(PartitionOperations.table(in.databaseName(), in.tableName()), "indexName", in.indexName())
                    .orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.store().write(() -> catalog.partitionIndexes().delete(scope,
                    catalog.tables().get(scope, in.databaseName(), in.tableName()), in.indexName()));
            return DeletePartitionIndexResponse.builder().build();
        });
        registerStatistics(b);
    }

    private void registerStatistics(JsonRpcService.Builder b) {
        ColumnStatisticsStore stats = catalog.statistics();
        b.operation("UpdateColumnStatisticsForTable", UpdateColumnStatisticsForTableRequest.class, (ctx, in) -> {
            var list = in.hasColumnStatisticsList() ? in.columnStatisticsList() : null;
            PartitionOperations.table(in.databaseName(), in.tableName()).notNull("columnStatisticsList", list)
                    .size("columnStatisticsList", list, 0, 25).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            return UpdateColumnStatisticsForTableResponse.builder()
                    .errors(stats.update(scope, in.databaseName(), in.tableName(), null, list)).build();
        });
        b.operation("UpdateColumnStatisticsForPartition", UpdateColumnStatisticsForPartitionRequest.class,
                (ctx, in) -> {
                    var list = in.hasColumnStatisticsList() ? in.columnStatisticsList() : null;
                    PartitionOperations.table(in.databaseName(), in.tableName())
                            .notNull("partitionValues", in.hasPartitionValues() ? in.partitionValues() : null)
                            .notNull("columnStatisticsList", list).size("columnStatisticsList", list, 0, 25)
                            .orThrow();
                    Scope scope = Requests.scope(ctx, in.catalogId());
                    return UpdateColumnStatisticsForPartitionResponse.builder().errors(stats.update(scope,
                            in.databaseName(), in.tableName(), in.partitionValues(), list)).build();
                });
        b.operation("GetColumnStatisticsForTable", GetColumnStatisticsForTableRequest.class, (ctx, in) -> {
            List<String> columns = in.hasColumnNames() ? in.columnNames() : null;
            PartitionOperations.table(in.databaseName(), in.tableName()).notNull("columnNames", columns)
                    .size("columnNames", columns, 0, 100).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            ColumnStatisticsStore.Result r = stats.get(scope, in.databaseName(), in.tableName(), null, columns);
            return GetColumnStatisticsForTableResponse.builder().columnStatisticsList(r.statistics())
                    .errors(r.errors()).build();
        });
        b.operation("GetColumnStatisticsForPartition", GetColumnStatisticsForPartitionRequest.class, (ctx, in) -> {
            List<String> columns = in.hasColumnNames() ? in.columnNames() : null;
            PartitionOperations.table(in.databaseName(), in.tableName())
                    .notNull("partitionValues", in.hasPartitionValues() ? in.partitionValues() : null)
                    .notNull("columnNames", columns).size("columnNames", columns, 0, 100).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            ColumnStatisticsStore.Result r = stats.get(scope, in.databaseName(), in.tableName(),
                    in.partitionValues(), columns);
            return GetColumnStatisticsForPartitionResponse.builder().columnStatisticsList(r.statistics())
                    .errors(r.errors()).build();
        });
        b.operation("DeleteColumnStatisticsForTable", DeleteColumnStatisticsForTableRequest.class, (ctx, in) -> {
            Requests.name(PartitionOperations.table(in.databaseName(), in.tableName()), "columnName",
                    in.columnName()).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            stats.delete(scope, in.databaseName(), in.tableName(), null, in.columnName());
            return DeleteColumnStatisticsForTableResponse.builder().build();
        });
        b.operation("DeleteColumnStatisticsForPartition", DeleteColumnStatisticsForPartitionRequest.class,
                (ctx, in) -> {
                    Requests.name(PartitionOperations.table(in.databaseName(), in.tableName()), "columnName",
                                    in.columnName())
                            .notNull("partitionValues", in.hasPartitionValues() ? in.partitionValues() : null)
                            .orThrow();
                    Scope scope = Requests.scope(ctx, in.catalogId());
                    stats.delete(scope, in.databaseName(), in.tableName(), in.partitionValues(), in.columnName());
                    return DeleteColumnStatisticsForPartitionResponse.builder().build();
                });
    }
}
