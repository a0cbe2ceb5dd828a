package io.lakelet.sql.ddl;

import static io.lakelet.sql.ddl.FakeQueries.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.ColumnInfo;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.RowCursor;
import io.lakelet.sql.SqlFailure;
import io.lakelet.sql.StatementType;
import io.lakelet.sql.TestLake;
import io.lakelet.sql.query.QueryEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statements that write data and then fail leave the catalog unchanged and, as Athena does, the files they
 * had written (Athena "does not attempt to delete orphaned data").
 */
class WriteFailuresTest extends DdlTestSupport {

    /** A query whose rows fail after {@code goodRows} rows, across several partitions. */
    private static QueryEngine failingAfter(int goodRows, Cancellation cancelOnRow) {
        return (session, sql, cancellation) -> {
            List<ColumnInfo> columns = List.of(column("id", "bigint"), column("dt", "varchar"));
            RowCursor cursor = new RowCursor() {
                private int row = -1;

                @Override
                public List<ColumnInfo> columns() {
                    return columns;
                }

                @Override
                public boolean next() {
                    row++;
                    if (cancelOnRow != null && row == 1) {
                        cancelOnRow.cancel();
                    }
                    if (row == goodRows) {
                        throw SqlFailure.user("DIVISION_BY_ZERO", 1000, "Division by zero");
                    }
                    return true;
                }

                @Override
                public Object get(int i) {
                    return i == 0 ? (Object) (long) row : "p" + (row % 3);
                }

                @Override
                public String text(int i) {
                    return String.valueOf(get(i));
                }

                @Override
                public void close() {
                }
            };
            return new QueryResult() {
                @Override
                public StatementType statementType() {
                    return StatementType.DML;
                }

                @Override
                public RowCursor rows() {
                    return cursor;
                }

                @Override
                public long dataScannedBytes() {
                    return 0;
                }
            };
        };
    }

    @Test
    void aQueryFailingMidwayRegistersNothingAndLeavesOrphanedData() {
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, "lake");
        DdlExecutor failing = new DdlExecutor(lake.catalog, lake.store, CLOCK, failingAfter(2500, null));
        String ctas = "CREATE TABLE t WITH (external_location='s3://lake/t/', partitioned_by=ARRAY['dt'], "
                + "format='TEXTFILE') AS SELECT id, dt FROM s";

        assertThatThrownBy(() -> failing.execute(session(), ctas, new Cancellation()))
                .isInstanceOf(SqlFailure.class).hasMessage("Division by zero");

        assertThat(lake.catalog.getTable(TestLake.ACCOUNT, TestLake.REGION, "default", "t")).isEmpty();
        assertThat(lake.store.list(TestLake.ACCOUNT, "lake", "t/", null, null, 100).objects()).hasSize(3);
        assertThat(lake.store.list(TestLake.ACCOUNT, "results", "", null, null, 100).objects())
                .as("no manifest for a failed statement").isEmpty();
        assertThatThrownBy(() -> failing.execute(session(), ctas, new Cancellation()))
                .extracting(e -> ((SqlFailure) e).errorName()).isEqualTo("HIVE_PATH_ALREADY_EXISTS");
    }

    @Test
    void insertCancelledMidwayRegistersNoPartitions() {
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, "lake");
        run("CREATE EXTERNAL TABLE t (id bigint) PARTITIONED BY (dt string) STORED AS PARQUET LOCATION 's3://lake/t/'");
        Cancellation cancellation = new Cancellation();
        DdlExecutor cancelled = new DdlExecutor(lake.catalog, lake.store, CLOCK, failingAfter(5000, cancellation));

        assertThatThrownBy(() -> cancelled.execute(session(), "INSERT INTO t SELECT id, dt FROM s", cancellation))
                .isInstanceOf(SqlFailure.class).extracting(e -> ((SqlFailure) e).errorName()).isEqualTo("USER_CANCELED");

        assertThat(lake.catalog.getPartitions(TestLake.ACCOUNT, TestLake.REGION, "default", "t", null)).isEmpty();
    }

    @Test
    void ctasWithNoDataCreatesTheEmptyTableFromThePlannedColumns() {
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, "lake");
        queries.returning(List.of(column("id", "bigint"), column("tags", "map(varchar, integer)"),
                column("p", "row(x double, y varchar(5))")), List.<Object[]>of(new Object[] {1L, null, null}));

        QueryResult result = run("CREATE TABLE e WITH (format='JSON', external_location='s3://lake/e/') "
                + "AS SELECT * FROM s WITH NO DATA");

        assertThat(queries.seen).containsExactly("SELECT * FROM (SELECT * FROM s) LIMIT 0");
        assertThat(result.rowsWritten()).hasValue(0);
        var table = table("default", "e");
        assertThat(table.storage().columns()).containsExactly(new Column("id", "bigint", null),
                new Column("tags", "map<string,int>", null), new Column("p", "struct<x:double,y:varchar(5)>", null));
        assertThat(table.storage().serde().serializationLibrary()).isEqualTo("org.apache.hive.hcatalog.data.JsonSerDe");
        assertThat(table.storage().inputFormat()).isEqualTo("org.apache.hadoop.mapred.TextInputFormat");
        queries.returning(List.of(column("id", "bigint")), new ArrayList<>());
        run("CREATE TABLE plain WITH (format='TEXTFILE', external_location='s3://lake/plain/') AS SELECT 1 id");
        assertThat(table("default", "plain").storage().serde().parameters())
                .isEqualTo(java.util.Map.of("serialization.format", "1"));
        assertThatThrownBy(() -> run("CREATE TABLE managed WITH (is_external=false, external_location='s3://lake/m/') "
                + "AS SELECT 1 id")).isInstanceOf(SqlFailure.class).hasMessageContaining("is_external");
    }

    @Test
    void unnamedAndDuplicateColumnsAreRefused() {
        assertThatThrownBy(() -> run("CREATE TABLE u WITH (external_location='s3://nobucket/u/') AS SELECT 1"))
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("HIVE_FILESYSTEM_ERROR: Failed checking path: s3://nobucket/u/");
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, "lake");
        queries.returning(List.of(column("_col0", "integer")), new ArrayList<>());
        assertThatThrownBy(() -> run("CREATE TABLE u WITH (external_location='s3://lake/u/') AS SELECT 1"))
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("MISSING_COLUMN_NAME: line 1:1: Column name not specified at position 1");
        queries.returning(List.of(column("t", "time(3)")), new ArrayList<>());
        assertThatThrownBy(() -> run("CREATE TABLE u WITH (external_location='s3://lake/u/') AS SELECT current_time t"))
                .extracting(e -> ((SqlFailure) e).reason()).isEqualTo("NOT_SUPPORTED: Unsupported Hive type: time(3)");
        queries.returning(List.of(column("a", "integer"), column("A", "integer")), new ArrayList<>());
        assertThatThrownBy(() -> run("CREATE TABLE u WITH (external_location='s3://lake/u/') AS SELECT 1 a, 2 A"))
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("DUPLICATE_COLUMN_NAME: line 1:1: Column name 'a' specified more than once");
        assertThat(lake.catalog.getTable(TestLake.ACCOUNT, TestLake.REGION, "default", "u")).isEmpty();
    }

}
