package io.lakelet.glue.operations;

import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.Names;
import io.lakelet.glue.catalog.Paging;
import io.lakelet.glue.catalog.Scope;
import software.amazon.awssdk.services.glue.model.CatalogImportStatus;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreateDatabaseResponse;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.DeleteDatabaseRequest;
import software.amazon.awssdk.services.glue.model.DeleteDatabaseResponse;
import software.amazon.awssdk.services.glue.model.GetCatalogImportStatusRequest;
import software.amazon.awssdk.services.glue.model.GetCatalogImportStatusResponse;
import software.amazon.awssdk.services.glue.model.GetDatabaseRequest;
import software.amazon.awssdk.services.glue.model.GetDatabaseResponse;
import software.amazon.awssdk.services.glue.model.GetDatabasesRequest;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.UpdateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.UpdateDatabaseResponse;

/** CreateDatabase, GetDatabase, GetDatabases, UpdateDatabase, DeleteDatabase and GetCatalogImportStatus. */
public final class DatabaseOperations {
    private final GlueCatalog catalog;

    public DatabaseOperations(GlueCatalog catalog) {
        this.catalog = catalog;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("CreateDatabase", CreateDatabaseRequest.class, (ctx, in) -> {
            checkInput(in.databaseInput());
            Requests.check().size("tags", in.hasTags() ? in.tags() : null, 0, 50).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.databases().create(scope, in.databaseInput(), in.hasTags() ? in.tags() : null);
            return CreateDatabaseResponse.builder().build();
        });
        b.operation("GetDatabase", GetDatabaseRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "name", in.name()).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            return GetDatabaseResponse.builder().database(catalog.databases().get(scope, in.name())).build();
        });
        b.operation("GetDatabases", GetDatabasesRequest.class, (ctx, in) -> {
            int max = Requests.pageSize(Requests.check(), in.maxResults(), 100, 100);
            Scope scope = Requests.scope(ctx, in.catalogId());
            Paging.Page<Database> page = catalog.databases().list(scope, in.nextToken(), max);
            return GetDatabasesResponse.builder().databaseList(page.items()).nextToken(page.nextToken()).build();
        });
        b.operation("UpdateDatabase", UpdateDatabaseRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "name", in.name()).orThrow();
            checkInput(in.databaseInput());
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.databases().update(scope, in.name(), in.databaseInput());
            return UpdateDatabaseResponse.builder().build();
        });
        b.operation("DeleteDatabase", DeleteDatabaseRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "name", in.name()).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.databases().delete(scope, in.name());
            return DeleteDatabaseResponse.builder().build();
        });
        b.operation("GetCatalogImportStatus", GetCatalogImportStatusRequest.class, (ctx, in) -> {
            Requests.scope(ctx, in.catalogId());
            // A Lakelet catalog was never a Hive metastore to import from: it is always complete.
            return GetCatalogImportStatusResponse.builder()
                    .importStatus(CatalogImportStatus.builder().importCompleted(true).build())
                    .build();
        });
    }

    private static void checkInput(DatabaseInput in) {
        var v = Requests.check().notNull("databaseInput", in);
        if (in != null) {
            Requests.name(v, "databaseInput.name", in.name())
                    .length("databaseInput.description", in.description(), 0, 2048)
                    .pattern("databaseInput.description", in.description(), Names.MULTI_LINE)
                    .length("databaseInput.locationUri", in.locationUri(), 1, 1024);
        }
        v.orThrow();
    }
}
