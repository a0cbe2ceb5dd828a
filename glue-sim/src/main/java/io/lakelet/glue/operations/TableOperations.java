package io.lakelet.glue.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.GlueErrors;
import io.lakelet.glue.catalog.Names;
import io.lakelet.glue.catalog.Paging;
import io.lakelet.glue.catalog.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableRequest;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableResponse;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableVersionRequest;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableVersionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.CreateTableResponse;
import software.amazon.awssdk.services.glue.model.DeleteTableRequest;
import software.amazon.awssdk.services.glue.model.DeleteTableResponse;
import software.amazon.awssdk.services.glue.model.DeleteTableVersionRequest;
import software.amazon.awssdk.services.glue.model.DeleteTableVersionResponse;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.GetTableResponse;
import software.amazon.awssdk.services.glue.model.GetTableVersionRequest;
import software.amazon.awssdk.services.glue.model.GetTableVersionResponse;
import software.amazon.awssdk.services.glue.model.GetTableVersionsRequest;
import software.amazon.awssdk.services.glue.model.GetTableVersionsResponse;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.SearchTablesRequest;
import software.amazon.awssdk.services.glue.model.SearchTablesResponse;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.TableVersion;
import software.amazon.awssdk.services.glue.model.TableVersionError;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateTableResponse;

/** Tables, their versions, and SearchTables. */
public final class TableOperations {
    private final GlueCatalog catalog;

    public TableOperations(GlueCatalog catalog) {
        this.catalog = catalog;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("CreateTable", CreateTableRequest.class, (ctx, in) -> {
            Validation v = Requests.name(Requests.check(), "databaseName", in.databaseName());
            checkInput(v, in.tableInput());
            v.size("partitionIndexes", in.hasPartitionIndexes() ? in.partitionIndexes() : null, 0, 3).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.tables().create(scope, in.databaseName(), in.tableInput(),
                    in.hasPartitionIndexes() ? in.partitionIndexes() : List.of());
            return CreateTableResponse.builder().build();
        });
        b.operation("GetTable", GetTableRequest.class, (ctx, in) -> {
            Requests.name(Requests.name(Requests.check(), "databaseName", in.databaseName()), "name", in.name())
                    .orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            return GetTableResponse.builder().table(catalog.tables().get(scope, in.databaseName(), in.name())).build();
        });
        b.operation("GetTables", GetTablesRequest.class, (ctx, in) -> {
            Validation v = Requests.name(Requests.check(), "databaseName", in.databaseName())
                    .length("expression", in.expression(), 0, 2048);
            int max = Requests.pageSize(v, in.maxResults(), 100, 100);
            Scope scope = Requests.scope(ctx, in.catalogId());
            Paging.Page<Table> page = catalog.tables().list(scope, in.databaseName(), in.expression(),
                    in.nextToken(), max);
            return GetTablesResponse.builder().tableList(page.items()).nextToken(page.nextToken()).build();
        });
        b.operation("UpdateTable", UpdateTableRequest.class, (ctx, in) -> {
            Validation v = Requests.name(Requests.check(), "databaseName", in.databaseName());
            checkInput(v, in.tableInput());
            v.orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.tables().update(scope, in.databaseName(), in.tableInput(),
                    Boolean.TRUE.equals(in.skipArchive()), in.versionId());
            return UpdateTableResponse.builder().build();
        });
        b.operation("DeleteTable", DeleteTableRequest.class, (ctx, in) -> {
            Requests.name(Requests.name(Requests.check(), "databaseName", in.databaseName()), "name", in.name())
                    .orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.tables().delete(scope, in.databaseName(), in.name());
            return DeleteTableResponse.builder().build();
        });
        b.operation("BatchDeleteTable", BatchDeleteTableRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "databaseName", in.databaseName())
                    .notNull("tablesToDelete", in.hasTablesToDelete() ? in.tablesToDelete() : null)
                    .size("tablesToDelete", in.hasTablesToDelete() ? in.tablesToDelete() : null, 0, 100)
                    .orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            return BatchDeleteTableResponse.builder()
                    .errors(catalog.tables().deleteAll(scope, in.databaseName(), in.tablesToDelete()))
                    .build();
        });
        registerVersions(b);
        b.operation("SearchTables", SearchTablesRequest.class, (ctx, in) -> {
            Validation v = Requests.check().length("searchText", in.searchText(), 1, 1024)
                    .size("sortCriteria", in.hasSortCriteria() ? in.sortCriteria() : null, 0, 1);
            int max = Requests.pageSize(v, in.maxResults(), 1000, 100);
            Scope scope = Requests.scope(ctx, in.catalogId());
            Paging.Page<Table> page = catalog.search().search(scope, in.searchText(),
                    in.hasFilters() ? in.filters() : List.of(), in.hasSortCriteria() ? in.sortCriteria() : List.of(),
                    in.nextToken(), max);
            return SearchTablesResponse.builder().tableList(page.items()).nextToken(page.nextToken()).build();
        });
    }

    private void registerVersions(JsonRpcService.Builder b) {
        b.operation("GetTableVersion", GetTableVersionRequest.class, (ctx, in) -> {
            tableName(in.databaseName(), in.tableName()).length("versionId", in.versionId(), 1, 255).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            Table t = catalog.tables().version(scope, in.databaseName(), in.tableName(), in.versionId());
            return GetTableVersionResponse.builder()
                    .tableVersion(TableVersion.builder().table(t).versionId(t.versionId()).build()).build();
        });
        b.operation("GetTableVersions", GetTableVersionsRequest.class, (ctx, in) -> {
            int max = Requests.pageSize(tableName(in.databaseName(), in.tableName()), in.maxResults(), 100, 100);
            Scope scope = Requests.scope(ctx, in.catalogId());
            Paging.Page<Table> page = catalog.tables().versions(scope, in.databaseName(), in.tableName(),
                    in.nextToken(), max);
            return GetTableVersionsResponse.builder()
                    .tableVersions(page.items().stream()
                            .map(t -> TableVersion.builder().table(t).versionId(t.versionId()).build()).toList())
                    .nextToken(page.nextToken()).build();
        });
        b.operation("DeleteTableVersion", DeleteTableVersionRequest.class, (ctx, in) -> {
            tableName(in.databaseName(), in.tableName()).notNull("versionId", in.versionId())
                    .length("versionId", in.versionId(), 1, 255).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            Map<String, String> errors = catalog.tables().deleteVersions(scope, in.databaseName(), in.tableName(),
                    List.of(in.versionId()));
            if (!errors.isEmpty()) {
                throw GlueErrors.notFound(errors.values().iterator().next());
            }
            return DeleteTableVersionResponse.builder().build();
        });
        b.operation("BatchDeleteTableVersion", BatchDeleteTableVersionRequest.class, (ctx, in) -> {
            List<String> ids = in.hasVersionIds() ? in.versionIds() : null;
            tableName(in.databaseName(), in.tableName()).notNull("versionIds", ids).size("versionIds", ids, 0, 100)
                    .orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            Map<String, String> errors = catalog.tables().deleteVersions(scope, in.databaseName(), in.tableName(),
                    ids);
            List<TableVersionError> out = new ArrayList<>();
            errors.forEach((id, message) -> out.add(TableVersionError.builder().tableName(Names.fold(in.tableName()))
                    .versionId(id).errorDetail(GlueErrors.detail(GlueErrors.notFound(message))).build()));
            return BatchDeleteTableVersionResponse.builder().errors(out).build();
        });
    }

    private static Validation tableName(String db, String table) {
        return Requests.name(Requests.name(Requests.check(), "databaseName", db), "tableName", table);
    }

    /** TableInput's constraints: a name, and columns and partition keys that have names. */
    private static void checkInput(Validation v, TableInput in) {
        v.notNull("tableInput", in);
        if (in == null) {
            v.orThrow();
            return;
        }
        Requests.name(v, "tableInput.name", in.name())
                .length("tableInput.description", in.description(), 0, 2048)
                .pattern("tableInput.description", in.description(), Names.MULTI_LINE)
                .length("tableInput.tableType", in.tableType(), 0, 255)
                .length("tableInput.viewOriginalText", in.viewOriginalText(), 0, 409600)
                .length("tableInput.viewExpandedText", in.viewExpandedText(), 0, 409600)
                .range("tableInput.retention", in.retention(), 0, Integer.MAX_VALUE);
        if (in.storageDescriptor() != null) {
            checkColumns(v, "tableInput.storageDescriptor.columns", in.storageDescriptor().columns());
            v.length("tableInput.storageDescriptor.location", in.storageDescriptor().location(), 0, 2056)
                    .length("tableInput.storageDescriptor.inputFormat", in.storageDescriptor().inputFormat(), 0, 128)
                    .length("tableInput.storageDescriptor.outputFormat", in.storageDescriptor().outputFormat(), 0, 128);
        }
        if (in.hasPartitionKeys()) {
            checkColumns(v, "tableInput.partitionKeys", in.partitionKeys());
        }
    }

    private static void checkColumns(Validation v, String member, List<Column> columns) {
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            String at = member + "." + (i + 1) + ".member";
            Requests.name(v, at + ".name", c.name())
                    .length(at + ".type", c.type(), 0, 131072)
                    .length(at + ".comment", c.comment(), 0, 255)
                    .pattern(at + ".comment", c.comment(), Names.SINGLE_LINE);
        }
    }
}
