package io.lakelet.athena.api;

import io.lakelet.athena.AthenaErrors;
import io.lakelet.athena.AthenaStore;
import io.lakelet.athena.Scope;
import io.lakelet.core.protocol.JsonRpcService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.athena.model.CreateDataCatalogRequest;
import software.amazon.awssdk.services.athena.model.CreateDataCatalogResponse;
import software.amazon.awssdk.services.athena.model.DataCatalog;
import software.amazon.awssdk.services.athena.model.DataCatalogStatus;
import software.amazon.awssdk.services.athena.model.DataCatalogSummary;
import software.amazon.awssdk.services.athena.model.DataCatalogType;
import software.amazon.awssdk.services.athena.model.DeleteDataCatalogRequest;
import software.amazon.awssdk.services.athena.model.DeleteDataCatalogResponse;
import software.amazon.awssdk.services.athena.model.GetDataCatalogRequest;
import software.amazon.awssdk.services.athena.model.GetDataCatalogResponse;
import software.amazon.awssdk.services.athena.model.ListDataCatalogsRequest;
import software.amazon.awssdk.services.athena.model.ListDataCatalogsResponse;
import software.amazon.awssdk.services.athena.model.UpdateDataCatalogRequest;
import software.amazon.awssdk.services.athena.model.UpdateDataCatalogResponse;

/**
 * Data catalogs: {@code AwsDataCatalog} (the account's Glue catalog) always, plus GLUE catalogs users
 * register for their own account's Glue catalog. Lakelet runs no Lambda connectors and no Hive
 * metastores, so LAMBDA, HIVE and FEDERATED catalogs are refused at creation rather than accepted and
 * left unable to answer a query.
 */
public final class DataCatalogs {
    public static final String AWS_DATA_CATALOG = "AwsDataCatalog";
    private final AthenaStore store;
    private final Tags tags;

    public DataCatalogs(AthenaStore store, Tags tags) {
        this.store = store;
        this.tags = tags;
    }

    public Optional<DataCatalog> find(Scope scope, String name) {
        if (AWS_DATA_CATALOG.equalsIgnoreCase(name)) {
            return Optional.of(DataCatalog.builder().name(AWS_DATA_CATALOG).type(DataCatalogType.GLUE)
                    .description("AWS Glue Data Catalog").parameters(Map.of("catalog-id", scope.account()))
                    .status(DataCatalogStatus.CREATE_COMPLETE).build());
        }
        return AthenaStore.get(store.dataCatalogs(), AthenaStore.key(scope, name), DataCatalog.class);
    }

    /** The catalog, or Athena's error; every catalog Lakelet holds reads the account's Glue catalog. */
    public DataCatalog require(Scope scope, String name) {
        return find(scope, name).orElseThrow(() -> AthenaErrors.invalidRequest("Catalog " + name + " was not found."));
    }

    private static void checkGlue(Scope scope, DataCatalogType type, Map<String, String> parameters) {
        if (type != DataCatalogType.GLUE) {
            throw AthenaErrors.invalidRequest("Lakelet supports GLUE data catalogs only; " + type
                    + " catalogs need connectors or metastores it does not run.");
        }
        String id = parameters == null ? null : parameters.get("catalog-id");
        if (id == null || id.isBlank()) {
            throw AthenaErrors.invalidRequest("catalog-id is required in parameters for the GLUE type");
        }
        if (!id.equals(scope.account())) {
            throw AthenaErrors.invalidRequest("Lakelet reads only this account's Glue catalog (" + scope.account()
                    + "); catalog-id " + id + " names another account.");
        }
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("CreateDataCatalog", CreateDataCatalogRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("name", in.name()).length("name", in.name(), 1, 256)
                    .notNull("type", in.typeAsString())
                    .oneOf("type", in.typeAsString(), DataCatalogType.knownValues().stream().map(Object::toString).toList())
                    .length("description", in.description(), 1, 1024).orThrow();
            Scope scope = Scope.of(ctx);
            checkGlue(scope, in.type(), in.hasParameters() ? in.parameters() : null);
            if (find(scope, in.name()).isPresent()) {
                throw AthenaErrors.invalidRequest("Catalog " + in.name() + " already exists.");
            }
            DataCatalog c = DataCatalog.builder().name(in.name()).type(in.type()).description(in.description())
                    .parameters(in.parameters()).status(DataCatalogStatus.CREATE_COMPLETE).build();
            AthenaStore.put(store.dataCatalogs(), AthenaStore.key(scope, in.name()), c);
            tags.set(scope.arn("datacatalog/" + in.name()), in.hasTags() ? in.tags() : List.of());
            return CreateDataCatalogResponse.builder().dataCatalog(c).build();
        });
        b.operation("GetDataCatalog", GetDataCatalogRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("name", in.name()).length("name", in.name(), 1, 256).orThrow();
            return GetDataCatalogResponse.builder().dataCatalog(require(Scope.of(ctx), in.name())).build();
        });
        b.operation("ListDataCatalogs", ListDataCatalogsRequest.class, (ctx, in) -> {
            AthenaErrors.check().range("maxResults", in.maxResults(), 2, 50).orThrow();
            Scope scope = Scope.of(ctx);
            List<DataCatalog> all = new ArrayList<>();
            all.add(find(scope, AWS_DATA_CATALOG).orElseThrow());
            all.addAll(AthenaStore.list(store.dataCatalogs(), AthenaStore.key(scope), DataCatalog.class));
            Paging.Page<DataCatalog> page = Paging.page(all, DataCatalog::name, in.nextToken(),
                    in.maxResults() == null ? 50 : in.maxResults());
            return ListDataCatalogsResponse.builder().nextToken(page.nextToken())
                    .dataCatalogsSummary(page.items().stream().map(c -> DataCatalogSummary.builder()
                            .catalogName(c.name()).type(c.type()).status(c.status()).build()).toList())
                    .build();
        });
        b.operation("UpdateDataCatalog", UpdateDataCatalogRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("name", in.name()).notNull("type", in.typeAsString())
                    .length("description", in.description(), 1, 1024).orThrow();
            Scope scope = Scope.of(ctx);
            if (AWS_DATA_CATALOG.equalsIgnoreCase(in.name())) {
                throw AthenaErrors.invalidRequest("Cannot update the AwsDataCatalog catalog.");
            }
            DataCatalog c = require(scope, in.name());
            checkGlue(scope, in.type(), in.hasParameters() ? in.parameters() : null);
            AthenaStore.put(store.dataCatalogs(), AthenaStore.key(scope, in.name()), c.toBuilder()
                    .type(in.type()).description(in.description()).parameters(in.parameters()).build());
            return UpdateDataCatalogResponse.builder().build();
        });
        b.operation("DeleteDataCatalog", DeleteDataCatalogRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("name", in.name()).orThrow();
            Scope scope = Scope.of(ctx);
            if (AWS_DATA_CATALOG.equalsIgnoreCase(in.name())) {
                throw AthenaErrors.invalidRequest("Cannot delete the AwsDataCatalog catalog.");
            }
            DataCatalog c = require(scope, in.name());
            store.dataCatalogs().delete(AthenaStore.key(scope, in.name()));
            tags.set(scope.arn("datacatalog/" + in.name()), List.of());
            return DeleteDataCatalogResponse.builder()
                    .dataCatalog(c.toBuilder().status(DataCatalogStatus.DELETE_COMPLETE).build()).build();
        });
    }
}
