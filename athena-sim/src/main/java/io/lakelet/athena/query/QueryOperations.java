package io.lakelet.athena.query;

import io.lakelet.athena.AthenaErrors;
import io.lakelet.athena.AthenaStore;
import io.lakelet.athena.Scope;
import io.lakelet.athena.api.WorkGroups;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.formats.S3Location;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.athena.model.BatchGetQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.BatchGetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.EngineVersion;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.GetQueryResultsRequest;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.GetQueryRuntimeStatisticsRequest;
import software.amazon.awssdk.services.athena.model.GetQueryRuntimeStatisticsResponse;
import software.amazon.awssdk.services.athena.model.ListEngineVersionsRequest;
import software.amazon.awssdk.services.athena.model.ListEngineVersionsResponse;
import software.amazon.awssdk.services.athena.model.ListQueryExecutionsRequest;
import software.amazon.awssdk.services.athena.model.ListQueryExecutionsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.ResultSet;
import software.amazon.awssdk.services.athena.model.ResultSetMetadata;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.StopQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.StopQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.UnprocessedQueryExecutionId;

/**
 * StartQueryExecution, GetQueryExecution, BatchGetQueryExecution, ListQueryExecutions,
 * StopQueryExecution, GetQueryResults, GetQueryRuntimeStatistics and ListEngineVersions.
 */
public final class QueryOperations {
    private static final int MAX_QUERY = 262_144;
    private final Executions executions;
    private final AthenaStore store;
    private final WorkGroups workGroups;
    private final Supplier<ObjectStore> objects;

    public QueryOperations(Executions executions, AthenaStore store, WorkGroups workGroups, Supplier<ObjectStore> objects) {
        this.executions = executions;
        this.store = store;
        this.workGroups = workGroups;
        this.objects = objects;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("StartQueryExecution", StartQueryExecutionRequest.class, (ctx, in) -> {
            var v = AthenaErrors.check().notNull("queryString", in.queryString())
                    .length("queryString", in.queryString(), 1, MAX_QUERY)
                    .length("clientRequestToken", in.clientRequestToken(), 32, 128)
                    .size("executionParameters", in.hasExecutionParameters() ? in.executionParameters() : null, 1, 1024);
            if (in.queryExecutionContext() != null) {
                v.length("queryExecutionContext.database", in.queryExecutionContext().database(), 1, 255)
                        .length("queryExecutionContext.catalog", in.queryExecutionContext().catalog(), 1, 256);
            }
            v.orThrow();
            String id = executions.start(Scope.of(ctx), in);
            return StartQueryExecutionResponse.builder().queryExecutionId(id).build();
        });
        b.operation("GetQueryExecution", GetQueryExecutionRequest.class, (ctx, in) -> {
            checkId(in.queryExecutionId());
            return GetQueryExecutionResponse.builder()
                    .queryExecution(executions.require(Scope.of(ctx), in.queryExecutionId())).build();
        });
        b.operation("BatchGetQueryExecution", BatchGetQueryExecutionRequest.class, (ctx, in) -> {
            AthenaErrors.check().size("queryExecutionIds", in.hasQueryExecutionIds() ? in.queryExecutionIds() : null, 1, 50)
                    .orThrow();
            Scope scope = Scope.of(ctx);
            List<QueryExecution> found = new ArrayList<>();
            List<UnprocessedQueryExecutionId> missing = new ArrayList<>();
            for (String id : in.queryExecutionIds()) {
                executions.find(scope, id).ifPresentOrElse(found::add, () -> missing.add(UnprocessedQueryExecutionId
                        .builder().queryExecutionId(id).errorCode("INVALID_INPUT")
                        .errorMessage("QueryExecution " + id + " was not found").build()));
            }
            return BatchGetQueryExecutionResponse.builder().queryExecutions(found)
                    .unprocessedQueryExecutionIds(missing).build();
        });
        b.operation("ListQueryExecutions", ListQueryExecutionsRequest.class, (ctx, in) -> {
            AthenaErrors.check().range("maxResults", in.maxResults(), 0, 50).length("nextToken", in.nextToken(), 1, 1024)
                    .orThrow();
            Scope scope = Scope.of(ctx);
            String group = in.workGroup() == null ? WorkGroups.PRIMARY : in.workGroup();
            workGroups.require(scope, group);
            int max = in.maxResults() == null || in.maxResults() == 0 ? 50 : in.maxResults();
            byte[] after = in.nextToken() == null ? null : token(in.nextToken());
            List<byte[]> keys = executions.listKeys(scope, group, after, max);
            boolean more = keys.size() > max;
            List<byte[]> page = more ? keys.subList(0, max) : keys;
            return ListQueryExecutionsResponse.builder()
                    .queryExecutionIds(page.stream().map(k -> Executions.idOf(k, store)).toList())
                    .nextToken(more ? Base64.getUrlEncoder().withoutPadding().encodeToString(page.get(page.size() - 1))
                            : null)
                    .build();
        });
        b.operation("StopQueryExecution", StopQueryExecutionRequest.class, (ctx, in) -> {
            checkId(in.queryExecutionId());
            executions.stop(Scope.of(ctx), in.queryExecutionId());
            return StopQueryExecutionResponse.builder().build();
        });
        b.operation("GetQueryResults", GetQueryResultsRequest.class, (ctx, in) -> {
            checkId(in.queryExecutionId());
            AthenaErrors.check().range("maxResults", in.maxResults(), 1, 1000).length("nextToken", in.nextToken(), 1, 1024)
                    .orThrow();
            return results(Scope.of(ctx), in);
        });
        b.operation("GetQueryRuntimeStatistics", GetQueryRuntimeStatisticsRequest.class, (ctx, in) -> {
            checkId(in.queryExecutionId());
            Scope scope = Scope.of(ctx);
            QueryExecution q = executions.require(scope, in.queryExecutionId());
            var stats = executions.runtimeStatistics(scope, q.queryExecutionId());
            return GetQueryRuntimeStatisticsResponse.builder().queryRuntimeStatistics(stats.orElse(null)).build();
        });
        b.operation("ListEngineVersions", ListEngineVersionsRequest.class, (ctx, in) -> {
            AthenaErrors.check().range("maxResults", in.maxResults(), 1, 10).orThrow();
            return ListEngineVersionsResponse.builder().engineVersions(
                    EngineVersion.builder().selectedEngineVersion("AUTO").effectiveEngineVersion(Executions.ENGINE).build(),
                    EngineVersion.builder().selectedEngineVersion(Executions.ENGINE)
                            .effectiveEngineVersion(Executions.ENGINE).build()).build();
        });
    }

    private static void checkId(String id) {
        AthenaErrors.check().notNull("queryExecutionId", id).length("queryExecutionId", id, 1, 128).orThrow();
    }

    private GetQueryResultsResponse results(Scope scope, GetQueryResultsRequest in) {
        QueryExecution q = executions.require(scope, in.queryExecutionId());
        QueryExecutionState state = q.status().state();
        if (state == QueryExecutionState.QUEUED || state == QueryExecutionState.RUNNING) {
            throw AthenaErrors.invalidRequest("Query has not yet finished. Current state: " + state);
        }
        if (state != QueryExecutionState.SUCCEEDED) {
            throw AthenaErrors.invalidRequest("Query did not finish successfully. Final query state: " + state);
        }
        ResultDescriptor descriptor = executions.results(scope, q.queryExecutionId())
                .orElseThrow(() -> AthenaErrors.invalidRequest("Could not find results"));
        S3Location file = S3Location.parse(q.resultConfiguration().outputLocation());
        if (objects.get().head(scope.account(), file.bucket(), file.key()).isEmpty()) {
            throw AthenaErrors.invalidRequest("Could not find results: the result file "
                    + q.resultConfiguration().outputLocation() + " no longer exists.");
        }
        long offset = 0;
        if (in.nextToken() != null) {
            byte[] t = token(in.nextToken());
            offset = t.length == Long.BYTES ? ByteBuffer.wrap(t).getLong() : -1;
            if (offset < 0) {
                throw AthenaErrors.invalidRequest("Invalid NextToken: " + in.nextToken());
            }
        }
        int max = in.maxResults() == null ? 1000 : in.maxResults();
        boolean csv = file.key().endsWith(".csv");
        int columns = descriptor.columns().size();
        ResultFiles.Page page = columns == 0 ? new ResultFiles.Page(List.of(), -1)
                : ResultFiles.read(objects.get(), scope.account(), file, offset, max, columns, csv);
        List<Row> rows = page.rows().stream().map(values -> Row.builder().data(values.stream()
                .map(value -> value == null ? Datum.builder().build() : Datum.builder().varCharValue(value).build())
                .toList()).build()).toList();
        String next = page.nextOffset() < 0 ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ByteBuffer.allocate(Long.BYTES).putLong(page.nextOffset()).array());
        return GetQueryResultsResponse.builder().updateCount(descriptor.updateCount() == null ? 0L : descriptor.updateCount())
                .resultSet(ResultSet.builder().rows(rows)
                        .resultSetMetadata(ResultSetMetadata.builder().columnInfo(descriptor.columns()).build()).build())
                .nextToken(next).build();
    }

    private static byte[] token(String token) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(token);
            if (raw.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return raw;
        } catch (IllegalArgumentException e) {
            throw AthenaErrors.invalidRequest("Invalid NextToken: " + token);
        }
    }
}
