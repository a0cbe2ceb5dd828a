package io.lakelet.athena.api;

import io.lakelet.athena.AthenaErrors;
import io.lakelet.athena.AthenaStore;
import io.lakelet.athena.Scope;
import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.protocol.JsonRpcService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.athena.model.BatchGetPreparedStatementRequest;
import software.amazon.awssdk.services.athena.model.BatchGetPreparedStatementResponse;
import software.amazon.awssdk.services.athena.model.CreatePreparedStatementRequest;
import software.amazon.awssdk.services.athena.model.CreatePreparedStatementResponse;
import software.amazon.awssdk.services.athena.model.DeletePreparedStatementRequest;
import software.amazon.awssdk.services.athena.model.DeletePreparedStatementResponse;
import software.amazon.awssdk.services.athena.model.GetPreparedStatementRequest;
import software.amazon.awssdk.services.athena.model.GetPreparedStatementResponse;
import software.amazon.awssdk.services.athena.model.ListPreparedStatementsRequest;
import software.amazon.awssdk.services.athena.model.ListPreparedStatementsResponse;
import software.amazon.awssdk.services.athena.model.PreparedStatement;
import software.amazon.awssdk.services.athena.model.PreparedStatementSummary;
import software.amazon.awssdk.services.athena.model.UnprocessedPreparedStatementName;
import software.amazon.awssdk.services.athena.model.UpdatePreparedStatementRequest;
import software.amazon.awssdk.services.athena.model.UpdatePreparedStatementResponse;

/**
 * Prepared statements of a work group, created by the API or by {@code PREPARE name FROM ...} and run by
 * {@code EXECUTE name USING ...}.
 */
public final class PreparedStatements {
    static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_@:]{0,255}");
    private final AthenaStore store;
    private final WorkGroups workGroups;
    private final Clock clock;

    public PreparedStatements(AthenaStore store, WorkGroups workGroups, Clock clock) {
        this.store = store;
        this.workGroups = workGroups;
        this.clock = clock;
    }

    public Optional<PreparedStatement> find(Scope scope, String workGroup, String name) {
        return AthenaStore.get(store.preparedStatements(), AthenaStore.key(scope, workGroup, name), PreparedStatement.class);
    }

    /** Creates or replaces a statement (PREPARE replaces, as Trino's does). */
    public void put(Scope scope, String workGroup, String name, String query, String description) {
        AthenaStore.put(store.preparedStatements(), AthenaStore.key(scope, workGroup, name), PreparedStatement.builder()
                .statementName(name).workGroupName(workGroup).queryStatement(query).description(description)
                .lastModifiedTime(clock.instant()).build());
    }

    /** Deletes a statement; false if there was none. */
    public boolean delete(Scope scope, String workGroup, String name) {
        if (find(scope, workGroup, name).isEmpty()) {
            return false;
        }
        store.preparedStatements().delete(AthenaStore.key(scope, workGroup, name));
        return true;
    }

    private static io.lakelet.core.error.AwsException notFound(String name) {
        return AthenaErrors.resourceNotFound(name, "Prepared statement " + name + " was not found.");
    }

    /** The request's scope once the statement name and work group are valid and the group exists. */
    private Scope checked(RequestContext ctx, String name, String workGroup) {
        return checked(ctx, name, workGroup, null, null, false);
    }

    /** As above, for requests that carry the statement itself (create, update). */
    private Scope checked(RequestContext ctx, String name, String workGroup, String statement, String description) {
        return checked(ctx, name, workGroup, statement, description, true);
    }

    private Scope checked(RequestContext ctx, String name, String workGroup, String statement, String description,
                          boolean withStatement) {
        Validation v = AthenaErrors.check().notNull("statementName", name).length("statementName", name, 1, 256)
                .pattern("statementName", name, NAME).notNull("workGroup", workGroup);
        if (withStatement) {
            v.notNull("queryStatement", statement).length("queryStatement", statement, 1, 262144)
                    .length("description", description, 1, 1024);
        }
        v.orThrow();
        Scope scope = Scope.of(ctx);
        workGroups.require(scope, workGroup);
        return scope;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("CreatePreparedStatement", CreatePreparedStatementRequest.class, (ctx, in) -> {
            Scope scope = checked(ctx, in.statementName(), in.workGroup(), in.queryStatement(), in.description());
            if (find(scope, in.workGroup(), in.statementName()).isPresent()) {
                throw AthenaErrors.invalidRequest("Prepared statement " + in.statementName()
                        + " already exists in WorkGroup " + in.workGroup());
            }
            put(scope, in.workGroup(), in.statementName(), in.queryStatement(), in.description());
            return CreatePreparedStatementResponse.builder().build();
        });
        b.operation("GetPreparedStatement", GetPreparedStatementRequest.class, (ctx, in) -> {
            Scope scope = checked(ctx, in.statementName(), in.workGroup());
            return GetPreparedStatementResponse.builder().preparedStatement(
                    find(scope, in.workGroup(), in.statementName()).orElseThrow(() -> notFound(in.statementName()))).build();
        });
        b.operation("BatchGetPreparedStatement", BatchGetPreparedStatementRequest.class, (ctx, in) -> {
            AthenaErrors.check().size("preparedStatementNames",
                    in.hasPreparedStatementNames() ? in.preparedStatementNames() : null, 1, 50)
                    .notNull("workGroup", in.workGroup()).orThrow();
            Scope scope = Scope.of(ctx);
            workGroups.require(scope, in.workGroup());
            List<PreparedStatement> found = new ArrayList<>();
            List<UnprocessedPreparedStatementName> missing = new ArrayList<>();
            for (String name : in.preparedStatementNames()) {
                find(scope, in.workGroup(), name).ifPresentOrElse(found::add, () -> missing.add(
                        UnprocessedPreparedStatementName.builder().statementName(name).errorCode("STATEMENT_NOT_FOUND")
                                .errorMessage("Prepared statement " + name + " was not found.").build()));
            }
            return BatchGetPreparedStatementResponse.builder().preparedStatements(found)
                    .unprocessedPreparedStatementNames(missing).build();
        });
        b.operation("ListPreparedStatements", ListPreparedStatementsRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("workGroup", in.workGroup()).range("maxResults", in.maxResults(), 1, 50).orThrow();
            Scope scope = Scope.of(ctx);
            workGroups.require(scope, in.workGroup());
            List<PreparedStatement> all = AthenaStore.list(store.preparedStatements(),
                    AthenaStore.key(scope, in.workGroup()), PreparedStatement.class);
            Paging.Page<PreparedStatement> page = Paging.page(all, PreparedStatement::statementName, in.nextToken(),
                    in.maxResults() == null ? 50 : in.maxResults());
            return ListPreparedStatementsResponse.builder().nextToken(page.nextToken())
                    .preparedStatements(page.items().stream().map(p -> PreparedStatementSummary.builder()
                            .statementName(p.statementName()).lastModifiedTime(p.lastModifiedTime()).build()).toList())
                    .build();
        });
        b.operation("UpdatePreparedStatement", UpdatePreparedStatementRequest.class, (ctx, in) -> {
            Scope scope = checked(ctx, in.statementName(), in.workGroup(), in.queryStatement(), in.description());
            find(scope, in.workGroup(), in.statementName()).orElseThrow(() -> notFound(in.statementName()));
            put(scope, in.workGroup(), in.statementName(), in.queryStatement(), in.description());
            return UpdatePreparedStatementResponse.builder().build();
        });
        b.operation("DeletePreparedStatement", DeletePreparedStatementRequest.class, (ctx, in) -> {
            Scope scope = checked(ctx, in.statementName(), in.workGroup());
            if (!delete(scope, in.workGroup(), in.statementName())) {
                throw notFound(in.statementName());
            }
            return DeletePreparedStatementResponse.builder().build();
        });
    }
}
