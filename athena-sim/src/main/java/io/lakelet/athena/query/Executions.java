package io.lakelet.athena.query;

import io.lakelet.athena.AthenaErrors;
import io.lakelet.athena.AthenaStore;
import io.lakelet.athena.Scope;
import io.lakelet.athena.api.DataCatalogs;
import io.lakelet.athena.api.PreparedStatements;
import io.lakelet.athena.api.WorkGroups;
import io.lakelet.core.error.AwsException;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.StoredSdk;
import io.lakelet.formats.S3Location;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.ColumnInfo;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.RowCursor;
import io.lakelet.sql.Session;
import io.lakelet.sql.SqlEngine;
import io.lakelet.sql.SqlFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.ColumnNullable;
import software.amazon.awssdk.services.athena.model.EncryptionOption;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionContext;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.QueryRuntimeStatistics;
import software.amazon.awssdk.services.athena.model.QueryRuntimeStatisticsRows;
import software.amazon.awssdk.services.athena.model.QueryRuntimeStatisticsTimeline;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.ResultReuseInformation;
import software.amazon.awssdk.services.athena.model.ResultSetMetadata;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.athena.model.StatementType;
import software.amazon.awssdk.services.athena.model.WorkGroup;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;
import software.amazon.awssdk.services.athena.model.WorkGroupState;

/**
 * The life of a query: StartQueryExecution stores it QUEUED and hands it to the query pool; a pool thread
 * marks it RUNNING, runs it through the SQL engine, streams its rows into the result file in S3 and
 * stores the outcome (SUCCEEDED with statistics, FAILED with Athena's reason, or CANCELLED).
 * Every transition is written to the store before anyone can observe it, so after a restart each
 * query is either finished or, if it was cut off mid-way, FAILED with a reason that says so.
 */
public final class Executions {
    private static final Logger LOG = LoggerFactory.getLogger(Executions.class);
    static final String ENGINE = WorkGroups.ENGINE_V3;

    private final AthenaStore store;
    private final WorkGroups workGroups;
    private final PreparedStatements prepared;
    private final DataCatalogs catalogs;
    private final Supplier<ObjectStore> objects;
    private final Supplier<SqlEngine> engine;
    private final ExecutorService pool;
    private final Clock clock;
    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
    private final Object tokenLock = new Object();

    public Executions(AthenaStore store, WorkGroups workGroups, PreparedStatements prepared, DataCatalogs catalogs,
                      Supplier<ObjectStore> objects, Supplier<SqlEngine> engine, ExecutorService pool, Clock clock) {
        this.store = store;
        this.workGroups = workGroups;
        this.prepared = prepared;
        this.catalogs = catalogs;
        this.objects = objects;
        this.engine = engine;
        this.pool = pool;
        this.clock = clock;
    }

    // Lookups.

    public Optional<QueryExecution> find(Scope scope, String id) {
        return AthenaStore.get(store.executions(), AthenaStore.key(scope, id), QueryExecution.class);
    }

    public QueryExecution require(Scope scope, String id) {
        return find(scope, id).orElseThrow(() -> AthenaErrors.queryNotFound(id));
    }

    /** What GetQueryResults needs besides the rows: column metadata and the update count. */
    public Optional<ResultDescriptor> results(Scope scope, String id) {
        byte[] v = store.results().get(AthenaStore.key(scope, id));
        return v == null ? Optional.empty() : Optional.of(ResultDescriptor.read(v));
    }

    public Optional<QueryRuntimeStatistics> runtimeStatistics(Scope scope, String id) {
        return AthenaStore.get(store.statistics(), AthenaStore.key(scope, id), QueryRuntimeStatistics.class);
    }

    /** Ids of a work group's executions, newest first, after {@code afterKey} (a key from a previous page). */
    public List<byte[]> listKeys(Scope scope, String workGroup, byte[] afterKey, int max) {
        byte[] prefix = AthenaStore.key(scope, workGroup);
        List<byte[]> out = new ArrayList<>();
        try (Scan scan = afterKey == null ? store.executionIndex().scan(prefix)
                : store.executionIndex().scanFrom(prefix, afterKey)) {
            for (Scan.Entry e : scan) {
                if (afterKey != null && Keys.compare(e.key(), afterKey) <= 0) {
                    continue;
                }
                out.add(e.key());
                if (out.size() > max) {
                    break;
                }
            }
        }
        return out;
    }

    public static String idOf(byte[] indexKey, AthenaStore store) {
        return new String(store.executionIndex().get(indexKey), StandardCharsets.UTF_8);
    }

    // Start.

    /** Validates and stores a new execution, queues it, and returns its id. */
    public String start(Scope scope, StartQueryExecutionRequest in) {
        String groupName = in.workGroup() == null ? WorkGroups.PRIMARY : in.workGroup();
        WorkGroup group = workGroups.require(scope, groupName);
        if (group.state() == WorkGroupState.DISABLED) {
            throw AthenaErrors.invalidRequest("WorkGroup " + groupName + " is disabled.");
        }
        WorkGroupConfiguration config = group.configuration();
        boolean enforced = Boolean.TRUE.equals(config.enforceWorkGroupConfiguration());
        ResultConfiguration requested = in.resultConfiguration();
        ResultConfiguration groupResults = config.resultConfiguration();
        ResultConfiguration effective = enforced && groupResults != null && groupResults.outputLocation() != null
                ? groupResults : merge(groupResults, requested);
        if (effective == null || effective.outputLocation() == null || effective.outputLocation().isBlank()) {
            throw AthenaErrors.invalidRequest("No output location provided. An output location is required either "
                    + "through the Workgroup result configuration setting or as an API input.");
        }
        if (effective.encryptionConfiguration() != null
                && effective.encryptionConfiguration().encryptionOption() == EncryptionOption.CSE_KMS) {
            throw AthenaErrors.invalidRequest("Lakelet cannot write CSE_KMS-encrypted results: clients would have to "
                    + "decrypt them with a KMS key it does not have. Use SSE_S3 or SSE_KMS.");
        }
        S3Location output;
        try {
            output = S3Location.parse(effective.outputLocation()).asFolder();
        } catch (IllegalArgumentException e) {
            throw AthenaErrors.invalidRequest("outputLocation is not a valid S3 path: " + effective.outputLocation());
        }
        if (!objects.get().bucketExists(scope.account(), output.bucket())) {
            throw AthenaErrors.invalidRequest("Unable to verify/create output bucket " + output.bucket());
        }
        checkSyntax(in.queryString(), in.hasExecutionParameters() ? in.executionParameters() : List.of());
        QueryExecutionContext context = in.queryExecutionContext() == null
                ? QueryExecutionContext.builder().build() : in.queryExecutionContext();
        String catalog = context.catalog() == null ? DataCatalogs.AWS_DATA_CATALOG : context.catalog();
        catalogs.require(scope, catalog);

        synchronized (tokenLock) {
            if (in.clientRequestToken() != null) {
                byte[] tokenKey = AthenaStore.key(scope, in.clientRequestToken());
                byte[] earlier = store.tokens().get(tokenKey);
                if (earlier != null) {
                    QueryExecution previous = require(scope, new String(earlier, StandardCharsets.UTF_8));
                    if (!previous.query().equals(in.queryString()) || !previous.workGroup().equals(groupName)
                            || !java.util.Objects.equals(previous.executionParameters(), in.executionParameters())) {
                        throw AthenaErrors.invalidRequest("Idempotent parameters do not match");
                    }
                    return previous.queryExecutionId();
                }
            }
            String id = UUID.randomUUID().toString();
            Instant now = clock.instant();
            String resultKey = output.key() + id + "." + (isUtility(in.queryString()) ? "txt" : "csv");
            QueryExecution execution = QueryExecution.builder()
                    .queryExecutionId(id).query(in.queryString())
                    .statementType(statementType(in.queryString()))
                    .substatementType(Statements.substatementType(in.queryString()))
                    .resultConfiguration(effective.toBuilder()
                            .outputLocation("s3://" + output.bucket() + "/" + resultKey).build())
                    .resultReuseConfiguration(in.resultReuseConfiguration())
                    .queryExecutionContext(context.toBuilder().catalog(context.catalog()).build())
                    .status(QueryExecutionStatus.builder().state(QueryExecutionState.QUEUED).submissionDateTime(now).build())
                    .statistics(QueryExecutionStatistics.builder().engineExecutionTimeInMillis(0L).dataScannedInBytes(0L)
                            .totalExecutionTimeInMillis(0L).queryQueueTimeInMillis(0L).build())
                    .workGroup(groupName)
                    .engineVersion(config.engineVersion())
                    .executionParameters(in.hasExecutionParameters() ? in.executionParameters() : null)
                    .build();
            try (Batch b = store.batch()) {
                b.put(store.executions(), AthenaStore.key(scope, id), StoredSdk.write(execution));
                b.put(store.executionIndex(), indexKey(scope, groupName, now, id), id.getBytes(StandardCharsets.UTF_8));
                if (in.clientRequestToken() != null) {
                    b.put(store.tokens(), AthenaStore.key(scope, in.clientRequestToken()), id.getBytes(StandardCharsets.UTF_8));
                }
                b.commit();
            }
            Cancellation cancellation = new Cancellation();
            running.put(id, cancellation);
            try {
                pool.execute(() -> run(scope, id, cancellation));
            } catch (RejectedExecutionException e) {
                running.remove(id);
                finish(scope, id, QueryExecutionState.FAILED, "Lakelet is shutting down", 1, 1, 0, null, null);
            }
            return id;
        }
    }

    /**
     * Athena parses a statement before it queues it and answers a syntax error with InvalidRequestException
     * ("line 1:8: mismatched input ..."); other failures show later, in the FAILED query.
     */
    private void checkSyntax(String sql, List<String> parameters) {
        String statement = sql;
        Statements.Prepare prepare = Statements.prepare(sql);
        if (prepare != null) {
            statement = prepare.statement();
            parameters = null;
        } else if (Statements.execute(sql) != null || Statements.deallocate(sql) != null) {
            return;
        }
        try {
            if (parameters == null) {
                engine.get().checkSyntax(statement.replace("?", "NULL"), List.of());
            } else {
                engine.get().checkSyntax(statement, parameters);
            }
        } catch (SqlFailure e) {
            if (e.errorName().equals("SYNTAX_ERROR") || e.errorName().equals("INVALID_PARAMETER_USAGE")) {
                throw AthenaErrors.invalidRequest(e.getMessage());
            }
        }
    }

    private static ResultConfiguration merge(ResultConfiguration group, ResultConfiguration requested) {
        if (requested == null) {
            return group;
        }
        if (group == null) {
            return requested;
        }
        ResultConfiguration.Builder b = group.toBuilder();
        if (requested.outputLocation() != null) {
            b.outputLocation(requested.outputLocation());
        }
        if (requested.encryptionConfiguration() != null) {
            b.encryptionConfiguration(requested.encryptionConfiguration());
        }
        if (requested.expectedBucketOwner() != null) {
            b.expectedBucketOwner(requested.expectedBucketOwner());
        }
        if (requested.aclConfiguration() != null) {
            b.aclConfiguration(requested.aclConfiguration());
        }
        return b.build();
    }

    private static byte[] indexKey(Scope scope, String group, Instant submitted, String id) {
        return Keys.scoped(scope.account(), scope.region()).add(group).add(Long.MAX_VALUE - submitted.toEpochMilli())
                .add(id).build();
    }

    static boolean isUtility(String sql) {
        String word = io.lakelet.sql.Statements.firstWord(sql).toUpperCase(java.util.Locale.ROOT);
        return !(io.lakelet.sql.Statements.isQuery(sql) && !word.equals("EXPLAIN"))
                && !word.equals("INSERT") && !word.equals("EXECUTE") && !isCtas(sql);
    }

    private static boolean isCtas(String sql) {
        return sql.matches("(?is)\\s*CREATE\\s+TABLE\\b.*\\bAS\\b.*");
    }

    static StatementType statementType(String sql) {
        String word = io.lakelet.sql.Statements.firstWord(sql).toUpperCase(java.util.Locale.ROOT);
        if (word.equals("SHOW") || word.equals("DESCRIBE") || word.equals("DESC") || word.equals("EXPLAIN")
                || word.equals("PREPARE") || word.equals("DEALLOCATE")) {
            return StatementType.UTILITY;
        }
        if (io.lakelet.sql.Statements.isQuery(sql) || word.equals("INSERT") || word.equals("EXECUTE")) {
            return StatementType.DML;
        }
        return StatementType.DDL;
    }

    // Run.

    private void run(Scope scope, String id, Cancellation cancellation) {
        Instant started = clock.instant();
        QueryExecution execution;
        try {
            execution = require(scope, id);
        } catch (RuntimeException e) {
            running.remove(id);
            return;
        }
        if (cancellation.isCancelled() || !markRunning(scope, id)) {
            running.remove(id);
            return;
        }
        long queued = started.toEpochMilli() - execution.status().submissionDateTime().toEpochMilli();
        long scanned = 0;
        QueryResult result = null;
        try {
            WorkGroup group = workGroups.require(scope, execution.workGroup());
            Long cutoff = group.configuration().bytesScannedCutoffPerQuery();
            S3Location output = S3Location.parse(execution.resultConfiguration().outputLocation());
            String folder = output.key().substring(0, output.key().lastIndexOf('/') + 1);
            Session session = new Session(scope.account(), scope.region(), execution.queryExecutionContext().catalog(),
                    execution.queryExecutionContext().database(), id, "s3://" + output.bucket() + "/" + folder);
            result = runStatement(scope, execution, session, cancellation);
            QueryResult r = result;
            boolean csv = output.key().endsWith(".csv");
            ResultFiles.Written written = ResultFiles.write(objects.get(), scope.account(), output, r.rows(), csv,
                    cancellation, () -> {
                        if (cutoff != null && r.dataScannedBytes() > cutoff) {
                            throw new CutoffExceeded();
                        }
                    });
            scanned = r.dataScannedBytes();
            if (cutoff != null && scanned > cutoff) {
                throw new CutoffExceeded();
            }
            ResultDescriptor descriptor = new ResultDescriptor(columns(r.rows().columns()),
                    r.rowsWritten().isPresent() ? r.rowsWritten().getAsLong() : null);
            store.results().put(AthenaStore.key(scope, id), descriptor.write());
            Instant done = clock.instant();
            long engineMs = done.toEpochMilli() - started.toEpochMilli();
            AthenaStore.put(store.statistics(), AthenaStore.key(scope, id), QueryRuntimeStatistics.builder()
                    .timeline(QueryRuntimeStatisticsTimeline.builder().queryQueueTimeInMillis(queued)
                            .servicePreProcessingTimeInMillis(0L).queryPlanningTimeInMillis(0L)
                            .engineExecutionTimeInMillis(engineMs).serviceProcessingTimeInMillis(0L)
                            .totalExecutionTimeInMillis(queued + engineMs).build())
                    .rows(QueryRuntimeStatisticsRows.builder().inputBytes(scanned).outputRows(written.rows())
                            .outputBytes(written.bytes()).build())
                    .build());
            finish(scope, id, QueryExecutionState.SUCCEEDED, null, 0, 0, scanned, r.statementType(), started);
        } catch (CutoffExceeded e) {
            finish(scope, id, QueryExecutionState.CANCELLED, "Query cancelled! : Bytes scanned limit was exceeded",
                    2, 1, result == null ? 0 : result.dataScannedBytes(), null, started);
        } catch (SqlFailure e) {
            if (e.errorName().equals("USER_CANCELED") || cancellation.isCancelled()) {
                finish(scope, id, QueryExecutionState.CANCELLED, "Query cancelled by user", 0, 0,
                        result == null ? 0 : result.dataScannedBytes(), null, started);
            } else {
                finish(scope, id, QueryExecutionState.FAILED, e.reason(), e.errorCategory(), e.errorType(),
                        result == null ? 0 : result.dataScannedBytes(), null, started);
            }
        } catch (AwsException e) {
            finish(scope, id, QueryExecutionState.FAILED, e.getMessage(), 2, 1, 0, null, started);
        } catch (RuntimeException e) {
            LOG.error("query {} failed unexpectedly", id, e);
            finish(scope, id, QueryExecutionState.FAILED, "GENERIC_INTERNAL_ERROR: " + e, 1, 1, 0, null, started);
        } finally {
            running.remove(id);
            if (result != null) {
                try {
                    result.close();
                } catch (RuntimeException e) {
                    LOG.debug("closing the result of {}", id, e);
                }
            }
        }
    }

    /** PREPARE, EXECUTE and DEALLOCATE PREPARE are Athena's own; everything else goes to the engine. */
    private QueryResult runStatement(Scope scope, QueryExecution execution, Session session, Cancellation cancellation) {
        String sql = execution.query();
        List<String> parameters = execution.hasExecutionParameters() ? execution.executionParameters() : List.of();
        Statements.Prepare prepare = Statements.prepare(sql);
        if (prepare != null) {
            prepared.put(scope, execution.workGroup(), prepare.name(), prepare.statement(), null);
            return utility(io.lakelet.sql.StatementType.UTILITY);
        }
        String deallocate = Statements.deallocate(sql);
        if (deallocate != null) {
            if (!prepared.delete(scope, execution.workGroup(), deallocate)) {
                throw SqlFailure.user("NOT_FOUND", 1100, "line 1:1: Prepared statement not found: " + deallocate);
            }
            return utility(io.lakelet.sql.StatementType.UTILITY);
        }
        Statements.Execute exec = Statements.execute(sql);
        if (exec != null) {
            String statement = prepared.find(scope, execution.workGroup(), exec.name())
                    .map(p -> p.queryStatement())
                    .orElseThrow(() -> SqlFailure.user("NOT_FOUND", 1100,
                            "line 1:1: Prepared statement not found: " + exec.name()));
            List<String> values = exec.parameters().isEmpty() ? parameters : exec.parameters();
            return engine.get().execute(session, statement, values, cancellation);
        }
        return engine.get().execute(session, sql, parameters, cancellation);
    }

    private static QueryResult utility(io.lakelet.sql.StatementType type) {
        RowCursor empty = RowCursor.empty();
        return new QueryResult() {
            @Override
            public io.lakelet.sql.StatementType statementType() {
                return type;
            }

            @Override
            public RowCursor rows() {
                return empty;
            }

            @Override
            public long dataScannedBytes() {
                return 0;
            }
        };
    }

    private static List<software.amazon.awssdk.services.athena.model.ColumnInfo> columns(List<ColumnInfo> columns) {
        return columns.stream().map(c -> software.amazon.awssdk.services.athena.model.ColumnInfo.builder()
                .catalogName("hive").schemaName("").tableName("").name(c.name()).label(c.name()).type(c.type())
                .precision(c.precision()).scale(c.scale()).nullable(ColumnNullable.UNKNOWN)
                .caseSensitive(c.type().equals("varchar") || c.type().equals("char") || c.type().equals("string"))
                .build()).toList();
    }

    /** QUEUED to RUNNING; false if the query was stopped meanwhile. */
    private synchronized boolean markRunning(Scope scope, String id) {
        QueryExecution current = require(scope, id);
        if (current.status().state() != QueryExecutionState.QUEUED) {
            return false;
        }
        update(scope, current.toBuilder().status(current.status().toBuilder().state(QueryExecutionState.RUNNING)
                .build()).build());
        return true;
    }

    private synchronized void finish(Scope scope, String id, QueryExecutionState state, String reason, int category, int type,
                        long scanned, io.lakelet.sql.StatementType statementType, Instant started) {
        QueryExecution current = require(scope, id);
        QueryExecutionState was = current.status().state();
        if (was != QueryExecutionState.QUEUED && was != QueryExecutionState.RUNNING) {
            // Already finished (a stop raced with the end of the run): the first outcome stands.
            return;
        }
        Instant now = clock.instant();
        long submitted = current.status().submissionDateTime().toEpochMilli();
        long engineMs = started == null ? 0 : now.toEpochMilli() - started.toEpochMilli();
        long queueMs = started == null ? now.toEpochMilli() - submitted : started.toEpochMilli() - submitted;
        QueryExecutionStatus.Builder status = current.status().toBuilder().state(state).stateChangeReason(reason)
                .completionDateTime(now);
        if (state != QueryExecutionState.SUCCEEDED && reason != null) {
            status.athenaError(AthenaError.builder().errorCategory(category).errorType(type).retryable(false)
                    .errorMessage(reason).build());
        }
        QueryExecution.Builder next = current.toBuilder().status(status.build())
                .statistics(current.statistics().toBuilder().engineExecutionTimeInMillis(engineMs)
                        .dataScannedInBytes(scanned).queryQueueTimeInMillis(queueMs)
                        .totalExecutionTimeInMillis(now.toEpochMilli() - submitted)
                        .servicePreProcessingTimeInMillis(0L).serviceProcessingTimeInMillis(0L)
                        .queryPlanningTimeInMillis(0L)
                        .resultReuseInformation(ResultReuseInformation.builder().reusedPreviousResult(false).build())
                        .build());
        if (statementType != null) {
            next.statementType(StatementType.fromValue(statementType.name()));
        }
        update(scope, next.build());
        LOG.debug("query {} {} ({} ms, {} bytes scanned){}", id, state, engineMs, scanned,
                reason == null ? "" : ": " + reason);
    }

    private void update(Scope scope, QueryExecution execution) {
        AthenaStore.put(store.executions(), AthenaStore.key(scope, execution.queryExecutionId()), execution);
    }

    // Stop.

    /** Cancels a queued or running query; stopping a finished one changes nothing, as in Athena. */
    public void stop(Scope scope, String id) {
        QueryExecution execution = require(scope, id);
        QueryExecutionState state = execution.status().state();
        if (state == QueryExecutionState.QUEUED || state == QueryExecutionState.RUNNING) {
            Cancellation c = running.get(id);
            if (c != null) {
                c.cancel();
            }
            if (state == QueryExecutionState.QUEUED) {
                finish(scope, id, QueryExecutionState.CANCELLED, "Query cancelled by user", 0, 0, 0, null, null);
            }
        }
    }

    /** Marks executions left QUEUED or RUNNING by a previous process as FAILED: they will never finish. */
    public void recover() {
        List<QueryExecution> stale = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        try (Scan scan = store.executions().scan(new byte[0])) {
            for (Scan.Entry e : scan) {
                QueryExecution q = StoredSdk.read(e.value(), QueryExecution.class);
                if (q.status().state() == QueryExecutionState.QUEUED || q.status().state() == QueryExecutionState.RUNNING) {
                    stale.add(q);
                    keys.add(e.key());
                }
            }
        }
        Instant now = clock.instant();
        for (int i = 0; i < stale.size(); i++) {
            QueryExecution q = stale.get(i);
            String reason = "GENERIC_INTERNAL_ERROR: the query was interrupted because Lakelet restarted";
            store.executions().put(keys.get(i), StoredSdk.write(q.toBuilder().status(q.status().toBuilder()
                    .state(QueryExecutionState.FAILED).stateChangeReason(reason).completionDateTime(now)
                    .athenaError(AthenaError.builder().errorCategory(1).errorType(401).retryable(true)
                            .errorMessage(reason).build()).build()).build()));
        }
        if (!stale.isEmpty()) {
            LOG.info("{} Athena queries interrupted by the last shutdown were marked FAILED", stale.size());
        }
    }

    /** Thrown from the row loop when a work group's per-query scan cutoff is passed. */
    private static final class CutoffExceeded extends RuntimeException {
        CutoffExceeded() {
            super(null, null, false, false);
        }
    }

}
