package io.lakelet.athena.api;

import io.lakelet.athena.AthenaErrors;
import io.lakelet.athena.Scope;
import io.lakelet.core.error.AwsException;
import io.lakelet.core.ports.Catalog;
import io.lakelet.core.protocol.JsonRpcService;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import software.amazon.awssdk.services.athena.model.Column;
import software.amazon.awssdk.services.athena.model.Database;
import software.amazon.awssdk.services.athena.model.GetDatabaseRequest;
import software.amazon.awssdk.services.athena.model.GetDatabaseResponse;
import software.amazon.awssdk.services.athena.model.GetTableMetadataRequest;
import software.amazon.awssdk.services.athena.model.GetTableMetadataResponse;
import software.amazon.awssdk.services.athena.model.ListDatabasesRequest;
import software.amazon.awssdk.services.athena.model.ListDatabasesResponse;
import software.amazon.awssdk.services.athena.model.ListTableMetadataRequest;
import software.amazon.awssdk.services.athena.model.ListTableMetadataResponse;
import software.amazon.awssdk.services.athena.model.TableMetadata;

/**
 * GetDatabase, ListDatabases, GetTableMetadata and ListTableMetadata: Athena's view of the Glue catalog,
 * read through the Catalog port at each call.
 */
public final class Metadata {
    private final DataCatalogs catalogs;
    private final Supplier<Catalog> glue;

    public Metadata(DataCatalogs catalogs, Supplier<Catalog> glue) {
        this.catalogs = catalogs;
        this.glue = glue;
    }

    private void checkCatalog(Scope scope, String name) {
        if (catalogs.find(scope, name).isEmpty()) {
            throw AthenaErrors.metadata("Catalog " + name + " was not found.");
        }
    }

    /** Glue's EntityNotFoundException and friends become Athena's MetadataException, as Athena reports them. */
    private static <T> T glueCall(Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsException e) {
            if (e.code().equals("EntityNotFoundException")) {
                throw AthenaErrors.metadata(e.getMessage());
            }
            throw e;
        }
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("GetDatabase", GetDatabaseRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("catalogName", in.catalogName()).notNull("databaseName", in.databaseName())
                    .length("databaseName", in.databaseName(), 1, 128).orThrow();
            Scope scope = Scope.of(ctx);
            checkCatalog(scope, in.catalogName());
            Catalog.Database db = glueCall(() -> glue.get().getDatabase(scope.account(), scope.region(), in.databaseName()))
                    .orElseThrow(() -> AthenaErrors.metadata("Database " + in.databaseName() + " not found."));
            return GetDatabaseResponse.builder().database(database(db)).build();
        });
        b.operation("ListDatabases", ListDatabasesRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("catalogName", in.catalogName()).range("maxResults", in.maxResults(), 1, 50)
                    .orThrow();
            Scope scope = Scope.of(ctx);
            checkCatalog(scope, in.catalogName());
            List<Database> all = glue.get().listDatabases(scope.account(), scope.region()).stream()
                    .map(Metadata::database).sorted(Comparator.comparing(Database::name)).toList();
            Paging.Page<Database> page = Paging.page(all, Database::name, in.nextToken(),
                    in.maxResults() == null ? 50 : in.maxResults());
            return ListDatabasesResponse.builder().databaseList(page.items()).nextToken(page.nextToken()).build();
        });
        b.operation("GetTableMetadata", GetTableMetadataRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("catalogName", in.catalogName()).notNull("databaseName", in.databaseName())
                    .notNull("tableName", in.tableName()).orThrow();
            Scope scope = Scope.of(ctx);
            checkCatalog(scope, in.catalogName());
            Catalog.Table t = glueCall(() -> glue.get().getTable(scope.account(), scope.region(), in.databaseName(),
                    in.tableName())).orElseThrow(() -> AthenaErrors.metadata(
                    "Table " + in.tableName() + " not found in database " + in.databaseName() + "."));
            return GetTableMetadataResponse.builder().tableMetadata(table(t)).build();
        });
        b.operation("ListTableMetadata", ListTableMetadataRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("catalogName", in.catalogName()).notNull("databaseName", in.databaseName())
                    .range("maxResults", in.maxResults(), 1, 50).length("expression", in.expression(), 0, 256).orThrow();
            Scope scope = Scope.of(ctx);
            checkCatalog(scope, in.catalogName());
            Pattern filter = expression(in.expression());
            List<TableMetadata> all = glueCall(() -> glue.get().listTables(scope.account(), scope.region(),
                    in.databaseName())).stream()
                    .filter(t -> filter == null || filter.matcher(t.name()).matches())
                    .map(Metadata::table).sorted(Comparator.comparing(TableMetadata::name)).toList();
            Paging.Page<TableMetadata> page = Paging.page(all, TableMetadata::name, in.nextToken(),
                    in.maxResults() == null ? 50 : in.maxResults());
            return ListTableMetadataResponse.builder().tableMetadataList(page.items()).nextToken(page.nextToken()).build();
        });
    }

    /** ListTableMetadata's Expression: a regular expression on table names (Hive's {@code *} means {@code .*}). */
    private static Pattern expression(String expression) {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        String regex = expression.contains(".*") ? expression : expression.replace("*", ".*");
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw AthenaErrors.invalidRequest("Invalid expression: " + expression);
        }
    }

    private static Database database(Catalog.Database db) {
        return Database.builder().name(db.name()).description(db.description()).parameters(db.parameters()).build();
    }

    private static TableMetadata table(Catalog.Table t) {
        return TableMetadata.builder().name(t.name()).tableType(t.tableType()).createTime(t.createTime())
                .lastAccessTime(t.updateTime())
                .columns(t.storage() == null ? List.of() : t.storage().columns().stream().map(Metadata::column).toList())
                .partitionKeys(t.partitionKeys().stream().map(Metadata::column).toList())
                .parameters(t.parameters()).build();
    }

    private static Column column(Catalog.Column c) {
        return Column.builder().name(c.name()).type(c.type()).comment(c.comment()).build();
    }
}
