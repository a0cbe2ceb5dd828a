package io.lakelet.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.StatementType;

/**
 * SQL through the whole stack: data PUT with the S3 client, tables created with Athena DDL, queries run
 * and results read with the Athena client, exactly as a user's pipeline test would.
 */
class AthenaQueryTest {
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
        server.s3.createBucket(b -> b.bucket("lake"));
        succeed("default", "CREATE DATABASE lake");
    }

    private static QueryExecution succeed(String db, String sql) {
        QueryExecution q = server.run(db, sql);
        assertThat(q.status().state()).as(sql + " -> " + q.status().stateChangeReason())
                .isEqualTo(QueryExecutionState.SUCCEEDED);
        return q;
    }

    private void salesTable() {
        server.put("lake", "sales/region=eu/part-0.csv", "id,item,amount\n1,apple,1.50\n2,pear,2.25\n");
        server.put("lake", "sales/region=us/part-0.csv", "id,item,amount\n3,plum,3.00\n4,fig,\n5,kiwi,0.75\n");
        succeed("lake", """
                CREATE EXTERNAL TABLE sales (id bigint, item string, amount double)
                PARTITIONED BY (region string)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
                LOCATION 's3://lake/sales/'
                TBLPROPERTIES ('skip.header.line.count'='1')""");
        succeed("lake", "MSCK REPAIR TABLE sales");
    }

    @Test
    void selectOverCsvReturnsAHeaderRowTypedColumnsAndNulls() {
        salesTable();
        QueryExecution q = succeed("lake", "SELECT id, item, amount, region FROM sales ORDER BY id");
        assertThat(q.statementType()).isEqualTo(StatementType.DML);
        assertThat(q.statistics().dataScannedInBytes()).isPositive();
        assertThat(q.resultConfiguration().outputLocation()).endsWith(q.queryExecutionId() + ".csv");
        List<List<String>> rows = server.rows(q.queryExecutionId());
        assertThat(rows).containsExactly(
                List.of("id", "item", "amount", "region"),
                List.of("1", "apple", "1.5", "eu"),
                List.of("2", "pear", "2.25", "eu"),
                List.of("3", "plum", "3.0", "us"),
                java.util.Arrays.asList("4", "fig", null, "us"),
                List.of("5", "kiwi", "0.75", "us"));
        GetQueryResultsResponse first = server.athena.getQueryResults(b -> b.queryExecutionId(q.queryExecutionId()));
        List<ColumnInfo> columns = first.resultSet().resultSetMetadata().columnInfo();
        assertThat(columns).extracting(ColumnInfo::name).containsExactly("id", "item", "amount", "region");
        assertThat(columns).extracting(ColumnInfo::type).containsExactly("bigint", "varchar", "double", "varchar");
        String csv = server.s3.getObjectAsBytes(b -> b.bucket("results")
                .key("athena/" + q.queryExecutionId() + ".csv")).asUtf8String();
        assertThat(csv).startsWith("\"id\",\"item\",\"amount\",\"region\"\n\"1\",\"apple\",\"1.5\",\"eu\"\n")
                .contains("\"4\",\"fig\",,\"us\"\n");
    }

    @Test
    void partitionPruningShowsInDataScanned() {
        salesTable();
        long all = succeed("lake", "SELECT count(*) FROM sales").statistics().dataScannedInBytes();
        QueryExecution eu = succeed("lake", "SELECT count(*) FROM sales WHERE region = 'eu'");
        assertThat(eu.statistics().dataScannedInBytes()).isPositive().isLessThan(all);
        assertThat(server.rows(eu.queryExecutionId())).containsExactly(List.of("_col0"), List.of("2"));
    }

    @Test
    void ctasToPartitionedParquetCanBeQueriedBack() {
        salesTable();
        QueryExecution ctas = succeed("lake", """
                CREATE TABLE sales_pq WITH (format = 'PARQUET', external_location = 's3://lake/sales_pq/',
                  partitioned_by = ARRAY['region'], write_compression = 'SNAPPY')
                AS SELECT id, item, amount, region FROM sales""");
        assertThat(server.athena.getQueryResults(b -> b.queryExecutionId(ctas.queryExecutionId())).updateCount())
                .isEqualTo(5L);
        assertThat(server.s3.listObjectsV2(b -> b.bucket("lake").prefix("sales_pq/region=us/")).contents()).isNotEmpty();
        QueryExecution q = succeed("lake", "SELECT item FROM sales_pq WHERE region = 'us' AND amount > 1 ORDER BY item");
        assertThat(server.rows(q.queryExecutionId())).containsExactly(List.of("item"), List.of("plum"));
    }

    @Test
    void viewsArePrestoViewsInGlueAndQueryable() {
        salesTable();
        succeed("lake", "CREATE VIEW big_sales AS SELECT id, item FROM sales WHERE amount > 1");
        var table = server.glue.getTable(b -> b.databaseName("lake").name("big_sales")).table();
        assertThat(table.tableType()).isEqualTo("VIRTUAL_VIEW");
        assertThat(table.viewOriginalText()).startsWith("/* Presto View: ");
        QueryExecution q = succeed("lake", "SELECT item FROM big_sales ORDER BY id");
        assertThat(server.rows(q.queryExecutionId())).containsExactly(List.of("item"), List.of("apple"),
                List.of("pear"), List.of("plum"));
        QueryExecution show = succeed("lake", "SHOW TABLES");
        assertThat(show.statementType()).isEqualTo(StatementType.UTILITY);
        assertThat(server.rows(show.queryExecutionId())).contains(List.of("sales"), List.of("big_sales"));
    }

    @Test
    void preparedStatementsRunWithUsingAndExecutionParameters() {
        salesTable();
        succeed("lake", "PREPARE by_region FROM SELECT count(*) FROM sales WHERE region = ?");
        QueryExecution q = succeed("lake", "EXECUTE by_region USING 'us'");
        assertThat(server.rows(q.queryExecutionId())).containsExactly(List.of("_col0"), List.of("3"));
        String id = server.athena.startQueryExecution(b -> b.queryString("SELECT item FROM sales WHERE id = ?")
                .executionParameters("2").queryExecutionContext(c -> c.database("lake"))
                .resultConfiguration(r -> r.outputLocation(AthenaServer.RESULTS))).queryExecutionId();
        assertThat(server.await(id).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        assertThat(server.rows(id)).containsExactly(List.of("item"), List.of("pear"));
    }

    @Test
    void aFailingQueryReportsAthenasReason() {
        salesTable();
        QueryExecution q = server.run("lake", "SELECT nope FROM sales");
        assertThat(q.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(q.status().stateChangeReason()).contains("Column 'nope' cannot be resolved");
        assertThat(q.status().athenaError().errorCategory()).isEqualTo(2);
        QueryExecution missing = server.run("lake", "SELECT * FROM no_such_table");
        assertThat(missing.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(missing.status().stateChangeReason()).contains("TABLE_NOT_FOUND");
    }

    @Test
    void aDivisionByZeroFailsTheQueryAndTryTurnsItIntoNull() {
        salesTable();
        QueryExecution failed = server.run("lake", "SELECT id, 100 / (id - 3) FROM sales");
        assertThat(failed.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(failed.status().stateChangeReason()).contains("Division by zero");

        QueryExecution q = succeed("lake", "SELECT id, try(100 / (id - 3)) AS q FROM sales ORDER BY id");
        assertThat(server.rows(q.queryExecutionId())).containsExactly(
                List.of("id", "q"), List.of("1", "-50"), List.of("2", "-100"), java.util.Arrays.asList("3", null),
                List.of("4", "100"), List.of("5", "50"));
    }

    @Test
    void aSyntaxErrorFailsTheCallItselfAsAthenasDoes() {
        for (String sql : List.of("SELECT * FORM sales", "CREATE EXTERNAL TABLE t (a int", "SELEC 1")) {
            assertThatThrownBy(() -> server.start("lake", sql))
                    .isInstanceOf(software.amazon.awssdk.services.athena.model.InvalidRequestException.class)
                    .hasMessageContaining("line 1:");
        }
        assertThat(server.athena.listQueryExecutions(b -> { }).queryExecutionIds())
                .as("only the set-up statement ran").hasSize(1);
    }

    @Test
    void resultsOfFiveThousandRowsArePagedAThousandAtATime() {
        // OpenCSVSerde: a quoted field may hold the separator and doubled quotes.
        String body = IntStream.range(0, 5000).mapToObj(i -> i + ",\"name \"\"" + i + "\"\", with comma\"")
                .collect(Collectors.joining("\n", "", "\n"));
        server.put("lake", "big/data.csv", body);
        succeed("lake", "CREATE EXTERNAL TABLE big (n int, label string) ROW FORMAT SERDE "
                + "'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES ('separatorChar'=',') "
                + "LOCATION 's3://lake/big/'");
        QueryExecution q = succeed("lake", "SELECT n, concat('x', label) AS label FROM big ORDER BY n");
        GetQueryResultsResponse first = server.athena.getQueryResults(b -> b.queryExecutionId(q.queryExecutionId()));
        assertThat(first.resultSet().rows()).hasSize(1000);
        assertThat(first.nextToken()).isNotNull();
        List<List<String>> rows = server.rows(q.queryExecutionId());
        assertThat(rows).hasSize(5001);
        assertThat(rows.get(4999)).containsExactly("4998", "xname \"4998\", with comma");
    }

    @Test
    void aLongQueryIsReallyCancelled() {
        String body = IntStream.range(0, 3000).mapToObj(Integer::toString).collect(Collectors.joining("\n", "", "\n"));
        server.put("lake", "nums/n.csv", body);
        succeed("lake", "CREATE EXTERNAL TABLE nums (n int) LOCATION 's3://lake/nums/'");
        String id = server.start("lake", "SELECT a.n, b.n, c.n FROM nums a CROSS JOIN nums b CROSS JOIN nums c");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (server.athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status().state()
                == QueryExecutionState.QUEUED && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        server.athena.stopQueryExecution(b -> b.queryExecutionId(id));
        QueryExecution q = server.await(id);
        assertThat(q.status().state()).isEqualTo(QueryExecutionState.CANCELLED);
    }

    @Test
    void theWorkGroupScanCutoffCancelsABigQuery() {
        StringBuilder body = new StringBuilder();
        while (body.length() < 11_000_000) {
            body.append("0123456789012345678901234567890123456789\n");
        }
        server.put("lake", "wide/w.csv", body.toString());
        succeed("lake", "CREATE EXTERNAL TABLE wide (s string) LOCATION 's3://lake/wide/'");
        server.athena.createWorkGroup(b -> b.name("capped").configuration(c -> c.bytesScannedCutoffPerQuery(10_000_000L)
                .resultConfiguration(r -> r.outputLocation("s3://results/capped/"))));
        String id = server.athena.startQueryExecution(b -> b.queryString("SELECT count(*) FROM wide").workGroup("capped")
                .queryExecutionContext(c -> c.database("lake"))).queryExecutionId();
        QueryExecution q = server.await(id);
        assertThat(q.status().state()).isEqualTo(QueryExecutionState.CANCELLED);
        assertThat(q.status().stateChangeReason()).contains("Bytes scanned limit was exceeded");
    }

    @Test
    void ddlIsReportedAsDdlAndChangesTheCatalog() {
        QueryExecution q = succeed("lake", "CREATE EXTERNAL TABLE t (a int) STORED AS PARQUET LOCATION 's3://lake/t/'");
        assertThat(q.statementType()).isEqualTo(StatementType.DDL);
        assertThat(server.glue.getTable(b -> b.databaseName("lake").name("t")).table().storageDescriptor()
                .serdeInfo().serializationLibrary()).isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        succeed("lake", "DROP TABLE t");
        assertThat(server.glue.getTables(b -> b.databaseName("lake")).tableList()).isEmpty();
        QueryExecution dropAgain = server.run("lake", "DROP TABLE t");
        assertThat(dropAgain.status().state()).isEqualTo(QueryExecutionState.FAILED);
    }
}
