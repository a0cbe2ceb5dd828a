package io.lakelet.glue.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.Validation;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.GlueErrors;
import io.lakelet.glue.catalog.Paging;
import io.lakelet.glue.catalog.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.BatchDeleteConnectionRequest;
import software.amazon.awssdk.services.glue.model.BatchDeleteConnectionResponse;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.CreateConnectionRequest;
import software.amazon.awssdk.services.glue.model.CreateConnectionResponse;
import software.amazon.awssdk.services.glue.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.glue.model.DeleteConnectionResponse;
import software.amazon.awssdk.services.glue.model.ErrorDetail;
import software.amazon.awssdk.services.glue.model.GetConnectionRequest;
import software.amazon.awssdk.services.glue.model.GetConnectionResponse;
import software.amazon.awssdk.services.glue.model.GetConnectionsRequest;
import software.amazon.awssdk.services.glue.model.GetConnectionsResponse;
import software.amazon.awssdk.services.glue.model.UpdateConnectionRequest;
import software.amazon.awssdk.services.glue.model.UpdateConnectionResponse;

/** Connections: Create, Get, GetConnections, Update, Delete and BatchDeleteConnection. */
public final class ConnectionOperations {
    private final GlueCatalog catalog;

    public ConnectionOperations(GlueCatalog catalog) {
        this.catalog = catalog;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("CreateConnection", CreateConnectionRequest.class, (ctx, in) -> {
            checkInput(Requests.check().size("tags", in.hasTags() ? in.tags() : null, 0, 50), in.connectionInput());
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.connections().create(scope, in.connectionInput(), in.hasTags() ? in.tags() : null);
            return CreateConnectionResponse.builder().createConnectionStatus(ConnectionStatus.READY).build();
        });
        b.operation("GetConnection", GetConnectionRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "name", in.name()).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            return GetConnectionResponse.builder().connection(catalog.connections().get(scope, in.name(),
                    Boolean.TRUE.equals(in.hidePassword()))).build();
        });
        b.operation("GetConnections", GetConnectionsRequest.class, (ctx, in) -> {
            int max = Requests.pageSize(Requests.check(), in.maxResults(), 1000, 100);
            Scope scope = Requests.scope(ctx, in.catalogId());
            Paging.Page<Connection> page = catalog.connections().list(scope, in.filter(),
                    Boolean.TRUE.equals(in.hidePassword()), in.nextToken(), max);
            return GetConnectionsResponse.builder().connectionList(page.items()).nextToken(page.nextToken()).build();
        });
        b.operation("UpdateConnection", UpdateConnectionRequest.class, (ctx, in) -> {
            checkInput(Requests.name(Requests.check(), "name", in.name()), in.connectionInput());
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.connections().update(scope, in.name(), in.connectionInput());
            return UpdateConnectionResponse.builder().build();
        });
        b.operation("DeleteConnection", DeleteConnectionRequest.class, (ctx, in) -> {
            Requests.name(Requests.check(), "connectionName", in.connectionName()).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            catalog.connections().delete(scope, in.connectionName());
            return DeleteConnectionResponse.builder().build();
        });
        b.operation("BatchDeleteConnection", BatchDeleteConnectionRequest.class, (ctx, in) -> {
            List<String> names = in.hasConnectionNameList() ? in.connectionNameList() : null;
            Requests.check().notNull("connectionNameList", names).size("connectionNameList", names, 0, 25).orThrow();
            Scope scope = Requests.scope(ctx, in.catalogId());
            List<String> succeeded = new ArrayList<>();
            Map<String, ErrorDetail> errors = new LinkedHashMap<>();
            for (String name : names) {
                try {
                    catalog.connections().delete(scope, name);
                    succeeded.add(name);
                } catch (AwsException e) {
                    errors.put(name, GlueErrors.detail(e));
                }
            }
            return BatchDeleteConnectionResponse.builder().succeeded(succeeded).errors(errors).build();
        });
    }

    private static void checkInput(Validation v, ConnectionInput in) {
        v.notNull("connectionInput", in);
        if (in != null) {
            Requests.name(v, "connectionInput.name", in.name())
                    .notNull("connectionInput.connectionType", in.connectionTypeAsString())
                    .notNull("connectionInput.connectionProperties",
                            in.hasConnectionProperties() ? in.connectionPropertiesAsStrings() : null)
                    .size("connectionInput.connectionProperties",
                            in.hasConnectionProperties() ? in.connectionPropertiesAsStrings() : null, 0, 100)
                    .size("connectionInput.matchCriteria", in.hasMatchCriteria() ? in.matchCriteria() : null, 0, 10)
                    .length("connectionInput.description", in.description(), 0, 2048);
        }
        v.orThrow();
    }
}
