package io.lakelet.athena.api;

import io.lakelet.athena.AthenaErrors;
import io.lakelet.athena.AthenaStore;
import io.lakelet.athena.Scope;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.core.error.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.athena.model.BatchGetNamedQueryRequest;
import software.amazon.awssdk.services.athena.model.BatchGetNamedQueryResponse;
import software.amazon.awssdk.services.athena.model.CreateNamedQueryRequest;
import software.amazon.awssdk.services.athena.model.CreateNamedQueryResponse;
import software.amazon.awssdk.services.athena.model.DeleteNamedQueryRequest;
import software.amazon.awssdk.services.athena.model.DeleteNamedQueryResponse;
import software.amazon.awssdk.services.athena.model.GetNamedQueryRequest;
import software.amazon.awssdk.services.athena.model.GetNamedQueryResponse;
import software.amazon.awssdk.services.athena.model.ListNamedQueriesRequest;
import software.amazon.awssdk.services.athena.model.ListNamedQueriesResponse;
import software.amazon.awssdk.services.athena.model.NamedQuery;
import software.amazon.awssdk.services.athena.model.UnprocessedNamedQueryId;
import software.amazon.awssdk.services.athena.model.UpdateNamedQueryRequest;
import software.amazon.awssdk.services.athena.model.UpdateNamedQueryResponse;

/** Saved queries, kept per work group: Create, Get, BatchGet, List, Update, Delete. */
public final class NamedQueries {
    private final AthenaStore store;
    private final WorkGroups workGroups;

    public NamedQueries(AthenaStore store, WorkGroups workGroups) {
        this.store = store;
        this.workGroups = workGroups;
    }

    private Optional<NamedQuery> find(Scope scope, String id) {
        return AthenaStore.list(store.namedQueries(), AthenaStore.key(scope), NamedQuery.class).stream()
                .filter(q -> q.namedQueryId().equals(id)).findFirst();
    }

    private static AwsException notFound(String id) {
        return AthenaErrors.invalidRequest("NamedQuery " + id + " was not found");
    }

    private static byte[] key(Scope scope, String workGroup, String id) {
        return AthenaStore.key(scope, workGroup, id);
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("CreateNamedQuery", CreateNamedQueryRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("name", in.name()).length("name", in.name(), 1, 128)
                    .notNull("database", in.database()).length("database", in.database(), 1, 255)
                    .notNull("queryString", in.queryString()).length("queryString", in.queryString(), 1, 262144)
                    .length("description", in.description(), 0, 1024)
                    .length("clientRequestToken", in.clientRequestToken(), 32, 128)
                    .orThrow();
            Scope scope = Scope.of(ctx);
            String group = in.workGroup() == null ? WorkGroups.PRIMARY : in.workGroup();
            workGroups.require(scope, group);
            String id = in.clientRequestToken() == null ? UUID.randomUUID().toString()
                    : UUID.nameUUIDFromBytes((scope.account() + "/named/" + in.clientRequestToken()).getBytes()).toString();
            NamedQuery query = NamedQuery.builder().namedQueryId(id).name(in.name()).description(in.description())
                    .database(in.database()).queryString(in.queryString()).workGroup(group).build();
            Optional<NamedQuery> earlier = find(scope, id);
            if (earlier.isPresent() && !earlier.get().equals(query)) {
                throw AthenaErrors.invalidRequest("Idempotent parameters do not match");
            }
            AthenaStore.put(store.namedQueries(), key(scope, group, id), query);
            return CreateNamedQueryResponse.builder().namedQueryId(id).build();
        });
        b.operation("GetNamedQuery", GetNamedQueryRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("namedQueryId", in.namedQueryId()).orThrow();
            NamedQuery q = find(Scope.of(ctx), in.namedQueryId()).orElseThrow(() -> notFound(in.namedQueryId()));
            return GetNamedQueryResponse.builder().namedQuery(q).build();
        });
        b.operation("BatchGetNamedQuery", BatchGetNamedQueryRequest.class, (ctx, in) -> {
            AthenaErrors.check().size("namedQueryIds", in.hasNamedQueryIds() ? in.namedQueryIds() : null, 1, 50).orThrow();
            Scope scope = Scope.of(ctx);
            List<NamedQuery> found = new ArrayList<>();
            List<UnprocessedNamedQueryId> missing = new ArrayList<>();
            for (String id : in.namedQueryIds()) {
                find(scope, id).ifPresentOrElse(found::add, () -> missing.add(UnprocessedNamedQueryId.builder()
                        .namedQueryId(id).errorCode("INVALID_INPUT").errorMessage("NamedQuery " + id + " was not found").build()));
            }
            return BatchGetNamedQueryResponse.builder().namedQueries(found).unprocessedNamedQueryIds(missing).build();
        });
        b.operation("ListNamedQueries", ListNamedQueriesRequest.class, (ctx, in) -> {
            AthenaErrors.check().range("maxResults", in.maxResults(), 0, 50).orThrow();
            Scope scope = Scope.of(ctx);
            String group = in.workGroup() == null ? WorkGroups.PRIMARY : in.workGroup();
            workGroups.require(scope, group);
            List<String> ids = AthenaStore.list(store.namedQueries(), AthenaStore.key(scope, group), NamedQuery.class)
                    .stream().map(NamedQuery::namedQueryId).sorted().toList();
            int max = in.maxResults() == null || in.maxResults() == 0 ? 50 : in.maxResults();
            Paging.Page<String> page = Paging.page(ids, id -> id, in.nextToken(), max);
            return ListNamedQueriesResponse.builder().namedQueryIds(page.items()).nextToken(page.nextToken()).build();
        });
        b.operation("UpdateNamedQuery", UpdateNamedQueryRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("namedQueryId", in.namedQueryId()).notNull("name", in.name())
                    .length("name", in.name(), 1, 128).notNull("queryString", in.queryString())
                    .length("queryString", in.queryString(), 1, 262144).length("description", in.description(), 0, 1024)
                    .orThrow();
            Scope scope = Scope.of(ctx);
            NamedQuery q = find(scope, in.namedQueryId()).orElseThrow(() -> notFound(in.namedQueryId()));
            AthenaStore.put(store.namedQueries(), key(scope, q.workGroup(), q.namedQueryId()), q.toBuilder()
                    .name(in.name()).description(in.description()).queryString(in.queryString()).build());
            return UpdateNamedQueryResponse.builder().build();
        });
        b.operation("DeleteNamedQuery", DeleteNamedQueryRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("namedQueryId", in.namedQueryId()).orThrow();
            Scope scope = Scope.of(ctx);
            NamedQuery q = find(scope, in.namedQueryId()).orElseThrow(() -> notFound(in.namedQueryId()));
            store.namedQueries().delete(key(scope, q.workGroup(), q.namedQueryId()));
            return DeleteNamedQueryResponse.builder().build();
        });
    }
}
