package io.lakelet.glue.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.Validation;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.GlueErrors;
import io.lakelet.glue.catalog.Paging;
import io.lakelet.glue.catalog.Scope;
import io.lakelet.glue.model.TableModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionFailureEntry;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequest;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionResponse;
import software.amazon.awssdk.services.glue.model.CreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.CreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.DeletePartitionRequest;
import software.amazon.awssdk.services.glue.model.DeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.GetPartitionRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionResponse;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.UpdatePartitionRequest;
import software.amazon.awssdk.services.glue.model.UpdatePartitionResponse;

/** Partitions: single and batch create, get, update and delete, and GetPartitions with its filter. */
public final class PartitionOperations {
    private final GlueCatalog catalog;

    public PartitionOperations(GlueCatalog catalog) {
        this.catalog = catalog;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("CreatePartition", CreatePartitionRequest.class, (ctx, in) -> {
            table(in.databaseName(), in.tableName()).notNull("partitionInput", in.partitionInput()).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            Map<List<String>, AwsException> errors = catalog.partitions().create(scope, in.databaseName(),
                    in.tableName(), List.of(in.partitionInput()), true);
            throwFirst(errors);
            return CreatePartitionResponse.builder().build();
        });
        b.operation("BatchCreatePartition", BatchCreatePartitionRequest.class, (ctx, in) -> {
            var inputs = in.hasPartitionInputList() ? in.partitionInputList() : null;
            table(in.databaseName(), in.tableName()).notNull("partitionInputList", inputs)
                    .size("partitionInputList", inputs, 0, 100).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            Map<List<String>, AwsException> errors = catalog.partitions().create(scope, in.databaseName(),
                    in.tableName(), inputs, false);
            return BatchCreatePartitionResponse.builder().errors(partitionErrors(errors)).build();
        });
        b.operation("GetPartition", GetPartitionRequest.class, (ctx, in) -> {
            table(in.databaseName(), in.tableName())
                    .notNull("partitionValues", in.hasPartitionValues() ? in.partitionValues() : null).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            return GetPartitionResponse.builder().partition(catalog.partitions().get(scope, in.databaseName(),
                    in.tableName(), in.partitionValues())).build();
        });
        b.operation("BatchGetPartition", BatchGetPartitionRequest.class, (ctx, in) -> {
            var keys = in.hasPartitionsToGet() ? in.partitionsToGet() : null;
            table(in.databaseName(), in.tableName()).notNull("partitionsToGet", keys)
                    .size("partitionsToGet", keys, 0, 1000).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            List<Partition> found = catalog.partitions().getAll(scope, in.databaseName(), in.tableName(),
                    keys.stream().map(PartitionValueList::values).toList());
            return BatchGetPartitionResponse.builder().partitions(found)
                    .unprocessedKeys(List.of()).build();
        });
        b.operation("GetPartitions", GetPartitionsRequest.class, (ctx, in) -> {
            Validation v = table(in.databaseName(), in.tableName()).length("expression", in.expression(), 0, 2048);
            if (in.segment() != null) {
                v.notNull("segment.segmentNumber", in.segment().segmentNumber())
                        .notNull("segment.totalSegments", in.segment().totalSegments())
                        .range("segment.segmentNumber", in.segment().segmentNumber(), 0, Integer.MAX_VALUE)
                        .range("segment.totalSegments", in.segment().totalSegments(), 1, 10);
            }
            int max = Requests.pageSize(v, in.maxResults(), 1000, 1000);
            if (in.segment() != null && in.segment().segmentNumber() >= in.segment().totalSegments()) {
                throw GlueErrors.invalidInput("The segment number must be less than the total number of segments.");
            }
            Scope scope = Requests.scope(ctx, in.catalogId());
            Paging.Page<Partition> page = catalog.partitions().list(scope, in.databaseName(), in.tableName(),
                    in.expression(), in.segment(), in.nextToken(), max);
            List<Partition> items = Boolean.TRUE.equals(in.excludeColumnSchema())
                    ? page.items().stream().map(TableModel::withoutColumns).toList() : page.items();
            return GetPartitionsResponse.builder().partitions(items).nextToken(page.nextToken()).build();
        });
        b.operation("UpdatePartition", UpdatePartitionRequest.class, (ctx, in) -> {
            table(in.databaseName(), in.tableName())
                    .notNull("partitionValueList", in.hasPartitionValueList() ? in.partitionValueList() : null)
                    .notNull("partitionInput", in.partitionInput()).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            throwFirst(catalog.partitions().update(scope, in.databaseName(), in.tableName(),
                    Map.of(in.partitionValueList(), in.partitionInput())));
            return UpdatePartitionResponse.builder().build();
        });
        b.operation("BatchUpdatePartition", BatchUpdatePartitionRequest.class, (ctx, in) -> {
            var entries = in.hasEntries() ? in.entries() : null;
            table(in.databaseName(), in.tableName()).notNull("entries", entries).size("entries", entries, 1, 100)
                    .orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            Map<List<String>, PartitionInput> updates = new LinkedHashMap<>();
            for (BatchUpdatePartitionRequestEntry e : entries) {
                updates.put(e.partitionValueList(), e.partitionInput());
            }
            Map<List<String>, AwsException> errors = catalog.partitions().update(scope, in.databaseName(),
                    in.tableName(), updates);
            List<BatchUpdatePartitionFailureEntry> failures = new ArrayList<>();
            errors.forEach((values, e) -> failures.add(BatchUpdatePartitionFailureEntry.builder()
                    .partitionValueList(values).errorDetail(GlueErrors.detail(e)).build()));
            return BatchUpdatePartitionResponse.builder().errors(failures).build();
        });
        b.operation("DeletePartition", DeletePartitionRequest.class, (ctx, in) -> {
            table(in.databaseName(), in.tableName())
                    .notNull("partitionValues", in.hasPartitionValues() ? in.partitionValues() : null).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            throwFirst(catalog.partitions().delete(scope, in.databaseName(), in.tableName(),
                    List.of(in.partitionValues())));
            return DeletePartitionResponse.builder().build();
        });
        b.operation("BatchDeletePartition", BatchDeletePartitionRequest.class, (ctx, in) -> {
            var keys = in.hasPartitionsToDelete() ? in.partitionsToDelete() : null;
            table(in.databaseName(), in.tableName()).notNull("partitionsToDelete", keys)
                    .size("partitionsToDelete", keys, 0, 25).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            Map<List<String>, AwsException> errors = catalog.partitions().delete(scope, in.databaseName(),
                    in.tableName(), keys.stream().map(PartitionValueList::values).toList());
            return BatchDeletePartitionResponse.builder().errors(partitionErrors(errors)).build();
        });
    }

    static Validation table(String db, String table) {
        return Requests.name(Requests.name(Requests.check(), "databaseName", db), "tableName", table);
    }

    private static void throwFirst(Map<List<String>, AwsException> errors) {
        if (!errors.isEmpty()) {
            throw errors.values().iterator().next();
        }
    }

    private static List<PartitionError> partitionErrors(Map<List<String>, AwsException> errors) {
        List<PartitionError> out = new ArrayList<>();
        errors.forEach((values, e) -> out.add(PartitionError.builder().partitionValues(values)
                .errorDetail(GlueErrors.detail(e)).build()));
        return out;
    }
}
