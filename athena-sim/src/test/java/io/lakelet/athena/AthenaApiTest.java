package io.lakelet.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.DataCatalogType;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.ListQueryExecutionsResponse;
import software.amazon.awssdk.services.athena.model.MetadataException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.ResourceNotFoundException;
import software.amazon.awssdk.services.athena.model.StatementType;
import software.amazon.awssdk.services.athena.model.WorkGroup;
import software.amazon.awssdk.services.athena.model.WorkGroupState;
import software.amazon.awssdk.services.glue.model.Column;

/** Athena's control plane through the real Java SDK v2 client: work groups, saved and prepared statements, catalogs. */
class AthenaApiTest {
    private static AthenaServer server;

    @BeforeAll
    static void start() {
        server = AthenaServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clean() {
        server.reset();
    }

    @Test
    void primaryWorkGroupExistsAndUserGroupsAreCreatedUpdatedListedAndDeleted() {
        WorkGroup primary = server.athena.getWorkGroup(b -> b.workGroup("primary")).workGroup();
        assertThat(primary.state()).isEqualTo(WorkGroupState.ENABLED);
        assertThat(primary.configuration().engineVersion().effectiveEngineVersion()).isEqualTo("Athena engine version 3");

        server.athena.createWorkGroup(b -> b.name("analysts").description("team")
                .configuration(c -> c.resultConfiguration(r -> r.outputLocation("s3://results/analysts/"))
                        .bytesScannedCutoffPerQuery(10_000_000L)));
        assertThatThrownBy(() -> server.athena.createWorkGroup(b -> b.name("analysts")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("WorkGroup is already created");
        assertThat(server.athena.listWorkGroups(b -> { }).workGroups()).extracting(w -> w.name())
                .containsExactly("analysts", "primary");

        server.athena.updateWorkGroup(b -> b.workGroup("analysts").state(WorkGroupState.DISABLED)
                .configurationUpdates(u -> u.removeBytesScannedCutoffPerQuery(true)
                        .resultConfigurationUpdates(r -> r.outputLocation("s3://results/other/"))));
        WorkGroup updated = server.athena.getWorkGroup(b -> b.workGroup("analysts")).workGroup();
        assertThat(updated.state()).isEqualTo(WorkGroupState.DISABLED);
        assertThat(updated.configuration().bytesScannedCutoffPerQuery()).isNull();
        assertThat(updated.configuration().resultConfiguration().outputLocation()).isEqualTo("s3://results/other/");
        assertThatThrownBy(() -> server.athena.startQueryExecution(b -> b.queryString("SELECT 1").workGroup("analysts")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("is disabled");

        server.athena.deleteWorkGroup(b -> b.workGroup("analysts"));
        assertThatThrownBy(() -> server.athena.getWorkGroup(b -> b.workGroup("analysts")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("WorkGroup analysts is not found");
        assertThatThrownBy(() -> server.athena.deleteWorkGroup(b -> b.workGroup("primary")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void workGroupValidationRefusesBadInputAndStoresNothing() {
        assertThatThrownBy(() -> server.athena.createWorkGroup(b -> b.name("bad name!")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("1 validation error detected");
        assertThatThrownBy(() -> server.athena.createWorkGroup(b -> b.name("tiny")
                .configuration(c -> c.bytesScannedCutoffPerQuery(5L))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("bytesScannedCutoffPerQuery");
        assertThat(server.athena.listWorkGroups(b -> { }).workGroups()).extracting(w -> w.name()).containsExactly("primary");
    }

    @Test
    void queriesNeedAnOutputLocationAndAnExistingBucket() {
        assertThatThrownBy(() -> server.athena.startQueryExecution(b -> b.queryString("SELECT 1")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("No output location provided");
        assertThatThrownBy(() -> server.athena.startQueryExecution(b -> b.queryString("SELECT 1")
                .resultConfiguration(r -> r.outputLocation("s3://no-such-bucket/x/"))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Unable to verify/create output bucket no-such-bucket");
        assertThat(server.athena.listQueryExecutions(b -> { }).queryExecutionIds()).isEmpty();
    }

    @Test
    void preparedStatementsByApiAndBySql() {
        server.athena.createPreparedStatement(b -> b.statementName("by_id").workGroup("primary")
                .queryStatement("SELECT * FROM t WHERE id = ?").description("lookup"));
        assertThat(server.athena.getPreparedStatement(b -> b.statementName("by_id").workGroup("primary"))
                .preparedStatement().queryStatement()).isEqualTo("SELECT * FROM t WHERE id = ?");
        assertThatThrownBy(() -> server.athena.createPreparedStatement(b -> b.statementName("by_id").workGroup("primary")
                .queryStatement("SELECT 2"))).isInstanceOf(InvalidRequestException.class);

        QueryExecution prepare = server.run("default", "PREPARE my_count FROM SELECT count(*) FROM t WHERE x > ?");
        assertThat(prepare.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        assertThat(prepare.statementType()).isEqualTo(StatementType.UTILITY);
        assertThat(server.athena.listPreparedStatements(b -> b.workGroup("primary")).preparedStatements())
                .extracting(p -> p.statementName()).containsExactly("by_id", "my_count");

        QueryExecution deallocate = server.run("default", "DEALLOCATE PREPARE my_count");
        assertThat(deallocate.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        assertThatThrownBy(() -> server.athena.getPreparedStatement(b -> b.statementName("my_count").workGroup("primary")))
                .isInstanceOf(ResourceNotFoundException.class);

        QueryExecution missing = server.run("default", "EXECUTE nothing_here USING 1");
        assertThat(missing.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(missing.status().stateChangeReason()).contains("Prepared statement not found: nothing_here");
        assertThat(missing.status().athenaError().errorCategory()).isEqualTo(2);

        var batch = server.athena.batchGetPreparedStatement(b -> b.workGroup("primary")
                .preparedStatementNames("by_id", "gone"));
        assertThat(batch.preparedStatements()).extracting(p -> p.statementName()).containsExactly("by_id");
        assertThat(batch.unprocessedPreparedStatementNames()).extracting(u -> u.statementName()).containsExactly("gone");
    }

    @Test
    void resultsOfAStatementWithoutRowsAreAnEmptyPage() {
        String id = server.start("default", "PREPARE p FROM SELECT 1");
        server.await(id);
        GetQueryResultsResponse r = server.athena.getQueryResults(b -> b.queryExecutionId(id));
        assertThat(r.resultSet().rows()).isEmpty();
        assertThat(r.nextToken()).isNull();
        QueryExecution q = server.athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution();
        assertThat(q.resultConfiguration().outputLocation()).isEqualTo(AthenaServer.RESULTS + id + ".txt");
        assertThat(q.statistics().totalExecutionTimeInMillis()).isNotNull();
        assertThat(server.s3.headObject(b -> b.bucket("results").key("athena/" + id + ".txt")).contentLength()).isZero();
    }

    @Test
    void namedQueriesAreSavedPerWorkGroup() {
        String id = server.athena.createNamedQuery(b -> b.name("daily").database("lake").queryString("SELECT 1")
                .description("d")).namedQueryId();
        assertThat(server.athena.getNamedQuery(b -> b.namedQueryId(id)).namedQuery().queryString()).isEqualTo("SELECT 1");
        assertThat(server.athena.listNamedQueries(b -> { }).namedQueryIds()).containsExactly(id);
        server.athena.updateNamedQuery(b -> b.namedQueryId(id).name("daily2").queryString("SELECT 2"));
        assertThat(server.athena.batchGetNamedQuery(b -> b.namedQueryIds(id, "nope")).namedQueries())
                .extracting(q -> q.name()).containsExactly("daily2");
        server.athena.deleteNamedQuery(b -> b.namedQueryId(id));
        assertThatThrownBy(() -> server.athena.getNamedQuery(b -> b.namedQueryId(id)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> server.athena.createNamedQuery(b -> b.name("x").database("d").queryString("SELECT 1")
                .workGroup("nope"))).isInstanceOf(InvalidRequestException.class).hasMessageContaining("nope");
    }

    @Test
    void dataCatalogsAndMetadataReadTheGlueCatalog() {
        assertThat(server.athena.listDataCatalogs(b -> { }).dataCatalogsSummary()).extracting(c -> c.catalogName())
                .containsExactly("AwsDataCatalog");
        server.athena.createDataCatalog(b -> b.name("mine").type(DataCatalogType.GLUE)
                .parameters(Map.of("catalog-id", "000000000000")));
        assertThatThrownBy(() -> server.athena.createDataCatalog(b -> b.name("fed").type(DataCatalogType.LAMBDA)
                .parameters(Map.of("function", "arn:aws:lambda:us-east-1:000000000000:function:f"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("GLUE");
        assertThat(server.athena.getDataCatalog(b -> b.name("mine")).dataCatalog().type()).isEqualTo(DataCatalogType.GLUE);

        server.glue.createDatabase(b -> b.databaseInput(d -> d.name("lake").description("the lake")));
        server.glue.createTable(b -> b.databaseName("lake").tableInput(t -> t.name("events").tableType("EXTERNAL_TABLE")
                .partitionKeys(Column.builder().name("dt").type("string").build())
                .storageDescriptor(s -> s.location("s3://lake/events/")
                        .columns(Column.builder().name("id").type("bigint").build()))));
        assertThat(server.athena.listDatabases(b -> b.catalogName("AwsDataCatalog")).databaseList())
                .extracting(d -> d.name()).contains("lake");
        var table = server.athena.getTableMetadata(b -> b.catalogName("mine").databaseName("lake").tableName("events"))
                .tableMetadata();
        assertThat(table.columns()).extracting(c -> c.name() + ":" + c.type()).containsExactly("id:bigint");
        assertThat(table.partitionKeys()).extracting(c -> c.name()).containsExactly("dt");
        assertThat(server.athena.listTableMetadata(b -> b.catalogName("AwsDataCatalog").databaseName("lake")
                .expression("ev*")).tableMetadataList()).extracting(t -> t.name()).containsExactly("events");
        assertThatThrownBy(() -> server.athena.getTableMetadata(b -> b.catalogName("AwsDataCatalog")
                .databaseName("lake").tableName("nope"))).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> server.athena.getDatabase(b -> b.catalogName("AwsDataCatalog").databaseName("nope")))
                .isInstanceOf(MetadataException.class);
    }

    @Test
    void executionsAreListedNewestFirstAndPagedAndTokensAreIdempotent() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(server.start("default", "PREPARE p" + i + " FROM SELECT " + i));
            sleep(3);
        }
        ListQueryExecutionsResponse first = server.athena.listQueryExecutions(b -> b.maxResults(3));
        assertThat(first.queryExecutionIds()).containsExactly(ids.get(4), ids.get(3), ids.get(2));
        ListQueryExecutionsResponse second = server.athena.listQueryExecutions(b -> b.maxResults(3)
                .nextToken(first.nextToken()));
        assertThat(second.queryExecutionIds()).containsExactly(ids.get(1), ids.get(0));
        assertThat(second.nextToken()).isNull();

        String token = "0123456789abcdef0123456789abcdef";
        String a = server.athena.startQueryExecution(b -> b.queryString("PREPARE q FROM SELECT 1").clientRequestToken(token)
                .resultConfiguration(r -> r.outputLocation(AthenaServer.RESULTS))).queryExecutionId();
        String again = server.athena.startQueryExecution(b -> b.queryString("PREPARE q FROM SELECT 1")
                .clientRequestToken(token).resultConfiguration(r -> r.outputLocation(AthenaServer.RESULTS)))
                .queryExecutionId();
        assertThat(again).isEqualTo(a);
        assertThatThrownBy(() -> server.athena.startQueryExecution(b -> b.queryString("PREPARE q FROM SELECT 2")
                .clientRequestToken(token).resultConfiguration(r -> r.outputLocation(AthenaServer.RESULTS))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Idempotent parameters do not match");

        var batch = server.athena.batchGetQueryExecution(b -> b.queryExecutionIds(ids.get(0), "missing"));
        assertThat(batch.queryExecutions()).extracting(q -> q.queryExecutionId()).containsExactly(ids.get(0));
        assertThat(batch.unprocessedQueryExecutionIds()).extracting(u -> u.queryExecutionId()).containsExactly("missing");
        assertThatThrownBy(() -> server.athena.getQueryExecution(b -> b.queryExecutionId("missing")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("QueryExecution missing was not found");
        // Stopping a finished query changes nothing.
        server.await(ids.get(0));
        server.athena.stopQueryExecution(b -> b.queryExecutionId(ids.get(0)));
        assertThat(server.athena.getQueryExecution(b -> b.queryExecutionId(ids.get(0))).queryExecution().status().state())
                .isEqualTo(QueryExecutionState.SUCCEEDED);
    }

    @Test
    void tagsOnWorkGroupsAndCatalogs() {
        server.athena.createWorkGroup(b -> b.name("tagged").tags(t -> t.key("team").value("data")));
        String arn = "arn:aws:athena:us-east-1:000000000000:workgroup/tagged";
        server.athena.tagResource(b -> b.resourceARN(arn).tags(t -> t.key("env").value("ci")));
        assertThat(server.athena.listTagsForResource(b -> b.resourceARN(arn)).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("env=ci", "team=data");
        server.athena.untagResource(b -> b.resourceARN(arn).tagKeys("team"));
        assertThat(server.athena.listTagsForResource(b -> b.resourceARN(arn)).tags()).extracting(t -> t.key())
                .containsExactly("env");
        assertThatThrownBy(() -> server.athena.tagResource(b -> b.resourceARN(
                "arn:aws:athena:us-east-1:000000000000:workgroup/none").tags(t -> t.key("a").value("b"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void theAsyncClientOverNettyRunsAQueryToItsEnd() throws Exception {
        String id = server.async.startQueryExecution(b -> b.queryString("PREPARE via_async FROM SELECT 1")
                .resultConfiguration(r -> r.outputLocation(AthenaServer.RESULTS))).get().queryExecutionId();
        QueryExecution q;
        do {
            q = server.async.getQueryExecution(b -> b.queryExecutionId(id)).get().queryExecution();
        } while (q.status().state() == QueryExecutionState.QUEUED || q.status().state() == QueryExecutionState.RUNNING);
        assertThat(q.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        assertThat(server.async.getPreparedStatement(b -> b.statementName("via_async").workGroup("primary")).get()
                .preparedStatement().queryStatement()).isEqualTo("SELECT 1");
        assertThatThrownBy(() -> server.async.getQueryExecution(b -> b.queryExecutionId("nope")).join())
                .hasCauseInstanceOf(InvalidRequestException.class);
    }

    @Test
    void sparkAndCapacityOperationsAreRefusedAsNotImplemented() {
        assertThatThrownBy(() -> server.athena.listSessions(b -> b.workGroup("primary")))
                .isInstanceOf(AthenaException.class)
                .satisfies(e -> assertThat(((AthenaException) e).statusCode()).isEqualTo(501));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
