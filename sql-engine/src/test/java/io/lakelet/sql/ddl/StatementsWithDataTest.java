package io.lakelet.sql.ddl;

import static io.lakelet.sql.ddl.FakeQueries.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.core.ports.Catalog.Partition;
import io.lakelet.core.ports.Catalog.Table;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.formats.parquet.ObjectStoreInputFile;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.SqlFailure;
import io.lakelet.sql.StatementType;
import io.lakelet.sql.TestLake;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;

/** MSCK REPAIR, views, CREATE TABLE AS and INSERT INTO, with a fake query engine answering the SELECTs. */
class StatementsWithDataTest extends DdlTestSupport {

    @Test
    void msckRepairAddsTheMissingKeyValueFoldersAndPrintsWhatHivePrints() {
        run("CREATE EXTERNAL TABLE logs (m string) PARTITIONED BY (year string, month string) LOCATION 's3://lake/logs/'");
        put("lake", "logs/year=2024/month=01/a.json", "{}");
        put("lake", "logs/year=2024/month=02/b.json", "{}");
        put("lake", "logs/year=2024/c.json", "{}");
        put("lake", "logs/month=03/year=2024/d.json", "{}");
        put("lake", "logs/other/e.json", "{}");
        run("ALTER TABLE logs ADD PARTITION (year='2024', month='01')");

        QueryResult result = run("MSCK REPAIR TABLE logs");

        assertThat(result.statementType()).isEqualTo(StatementType.DDL);
        assertThat(lines("MSCK REPAIR TABLE logs")).isEmpty();
        List<Partition> partitions = lake.catalog.getPartitions(TestLake.ACCOUNT, TestLake.REGION, "default", "logs", null);
        assertThat(partitions).extracting(Partition::values)
                .containsExactly(List.of("2024", "01"), List.of("2024", "02"));
        assertThat(partitions.get(1).storage().location()).isEqualTo("s3://lake/logs/year=2024/month=02/");
        put("lake", "logs/year=2025/month=01/x", "{}");
        put("lake", "logs/year=2025/month=12/y", "{}");
        assertThat(lines("MSCK REPAIR TABLE logs")).containsExactly(
                "Partitions not in metastore:\tlogs:year=2025/month=01\tlogs:year=2025/month=12",
                "Repair: Added partition to metastore logs:year=2025/month=01",
                "Repair: Added partition to metastore logs:year=2025/month=12");
    }

    @Test
    void viewsAreStoredAsPrestoViewsAndRoundTrip() throws Exception {
        queries.returning(List.of(column("id", "bigint"), column("names", "array(varchar)"),
                column("amount", "decimal(12,2)")), List.of());

        run("CREATE VIEW v AS SELECT id, names, amount FROM t");

        assertThat(queries.seen).containsExactly("SELECT * FROM (SELECT id, names, amount FROM t) LIMIT 0");
        Table v = table("default", "v");
        assertThat(v.tableType()).isEqualTo("VIRTUAL_VIEW");
        assertThat(v.parameters()).containsEntry("presto_view", "true").containsEntry("comment", "Presto View");
        assertThat(v.viewExpandedText()).isEqualTo("/* Presto View */");
        assertThat(v.storage().serde().parameters()).isEmpty();
        assertThat(v.storage().serde().serializationLibrary()).isNull();
        assertThat(v.storage().columns()).containsExactly(new Column("id", "bigint", null),
                new Column("names", "array<string>", null), new Column("amount", "decimal(12,2)", null));
        String text = v.viewOriginalText();
        assertThat(text).startsWith("/* Presto View: ").endsWith(" */");
        String json = new String(Base64.getDecoder().decode(text.substring(16, text.length() - 3)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"originalSql\":\"SELECT id, names, amount FROM t\",\"catalog\":\"awsdatacatalog\","
                + "\"schema\":\"default\",\"columns\":[{\"name\":\"id\",\"type\":\"bigint\"},{\"name\":\"names\","
                + "\"type\":\"array(varchar)\"},{\"name\":\"amount\",\"type\":\"decimal(12,2)\"}],"
                + "\"owner\":\"arn:aws:iam::000000000000:root\",\"runAsInvoker\":false}");
        assertThat(lines("SHOW CREATE VIEW v"))
                .containsExactly("CREATE VIEW awsdatacatalog.default.v SECURITY DEFINER AS\nSELECT id, names, amount FROM t");

        assertThatThrownBy(() -> run("CREATE VIEW v AS SELECT 1 AS x")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("TABLE_ALREADY_EXISTS: line 1:1: View already exists: 'awsdatacatalog.default.v'");
        queries.returning(List.of(column("x", "integer")), List.of());
        run("CREATE OR REPLACE VIEW v AS SELECT 1 AS x");
        assertThat(PrestoViews.decode(table("default", "v").viewOriginalText()).originalSql()).isEqualTo("SELECT 1 AS x");
        assertThat(lines("SHOW VIEWS")).containsExactly("v");

        assertThatThrownBy(() -> run("DROP TABLE v")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                        + "Cannot drop a view with DROP TABLE");
        run("DROP VIEW v");
        assertThat(lake.catalog.getTable(TestLake.ACCOUNT, TestLake.REGION, "default", "v")).isEmpty();
        run("DROP VIEW IF EXISTS v");
        queries.returning(List.of(column("EXPR$0", "integer")), List.of());
        assertThatThrownBy(() -> run("CREATE VIEW unnamed AS SELECT 1")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("MISSING_COLUMN_NAME: line 1:1: Column name not specified at position 1");
        assertThat(lake.catalog.getTable(TestLake.ACCOUNT, TestLake.REGION, "default", "unnamed")).isEmpty();
        assertThatThrownBy(() -> run("DROP VIEW v")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("TABLE_NOT_FOUND: line 1:1: View 'awsdatacatalog.default.v' does not exist");
    }

    @Test
    void ctasWritesPartitionedParquetAndRegistersTableAndPartitions() throws Exception {
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, "lake");
        queries.returning(List.of(column("id", "bigint"), column("amount", "decimal(12,2)"), column("day", "date"),
                column("dt", "varchar")), List.<Object[]>of(
                new Object[] {1L, new BigDecimal("1.50"), LocalDate.of(2024, 1, 1), "a"},
                new Object[] {2L, null, LocalDate.of(2024, 1, 2), "b"},
                new Object[] {3L, new BigDecimal("3.25"), LocalDate.of(2024, 1, 3), "a"}));

        QueryResult result = run("CREATE TABLE sales WITH (format = 'PARQUET', external_location = 's3://lake/sales/', "
                + "partitioned_by = ARRAY['dt'], write_compression = 'SNAPPY') AS SELECT id, amount, day, dt FROM src");

        assertThat(result.statementType()).isEqualTo(StatementType.DML);
        assertThat(result.rowsWritten()).hasValue(3);
        assertThat(queries.seen).containsExactly("SELECT id, amount, day, dt FROM src");
        Table t = table("default", "sales");
        assertThat(t.storage().columns()).containsExactly(new Column("id", "bigint", null),
                new Column("amount", "decimal(12,2)", null), new Column("day", "date", null));
        assertThat(t.partitionKeys()).containsExactly(new Column("dt", "string", null));
        assertThat(t.storage().location()).isEqualTo("s3://lake/sales/");
        assertThat(t.storage().serde().serializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        assertThat(t.parameters()).containsEntry("EXTERNAL", "TRUE").containsEntry("parquet.compression", "SNAPPY");
        List<Partition> partitions = lake.catalog.getPartitions(TestLake.ACCOUNT, TestLake.REGION, "default", "sales", null);
        assertThat(partitions).extracting(Partition::values).containsExactly(List.of("a"), List.of("b"));
        assertThat(partitions.get(0).storage().location()).isEqualTo("s3://lake/sales/dt=a/");

        List<ObjectStore.ObjectInfo> files = lake.store.list(TestLake.ACCOUNT, "lake", "sales/dt=a/", null, null, 10)
                .objects();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).key()).startsWith("sales/dt=a/q-1_");
        List<String> rows = readParquet("lake", files.get(0));
        assertThat(rows).containsExactly("1|150|19723", "3|325|19725");

        assertThatThrownBy(() -> run("CREATE TABLE sales2 WITH (external_location = 's3://lake/sales/') AS SELECT 1"))
                .extracting(e -> ((SqlFailure) e).reason()).asString()
                .startsWith("HIVE_PATH_ALREADY_EXISTS: Target directory for table 'default.sales2' already exists: "
                        + "s3://lake/sales/.");
        assertThatThrownBy(() -> run("CREATE TABLE sales AS SELECT 1")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("TABLE_ALREADY_EXISTS: line 1:1: Destination table 'awsdatacatalog.default.sales' already exists");
    }

    @Test
    void ctasRefusesPartitionColumnsThatAreNotLastAndFormatsItCannotWrite() {
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, "results");
        queries.returning(List.of(column("dt", "varchar"), column("id", "bigint")), List.<Object[]>of(new Object[] {"a", 1L}));

        assertThatThrownBy(() -> run("CREATE TABLE t WITH (partitioned_by = ARRAY['dt']) AS SELECT dt, id FROM s"))
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("INVALID_TABLE_PROPERTY: Partition keys must be the last columns in the table and in the "
                        + "same order as the table properties: [dt]");
        assertThatThrownBy(() -> run("CREATE TABLE t WITH (format = 'ORC') AS SELECT dt, id FROM s"))
                .isInstanceOf(SqlFailure.class).hasMessageContaining("cannot write ORC");
        assertThatThrownBy(() -> run("CREATE TABLE t WITH (colour = 'red') AS SELECT dt, id FROM s"))
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("INVALID_TABLE_PROPERTY: line 1:22: Catalog 'awsdatacatalog' table property 'colour' does not exist");
        assertThat(lake.catalog.listTables(TestLake.ACCOUNT, TestLake.REGION, "default")).isEmpty();
        assertThat(lake.store.list(TestLake.ACCOUNT, "results", "", null, null, 10).objects()).isEmpty();
    }

    @Test
    void ctasTextDefaultsToTheResultLocationAndInsertAppendsGzipText() throws Exception {
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, "results");
        queries.returning(List.of(column("id", "integer"), column("tags", "array(varchar)")),
                List.<Object[]>of(new Object[] {1, List.of("x", "y")}, new Object[] {2, null}));

        run("CREATE TABLE t WITH (format = 'TEXTFILE', field_delimiter = ',', write_compression = 'NONE') "
                + "AS SELECT id, tags FROM s");

        Table t = table("default", "t");
        assertThat(t.storage().location()).isEqualTo("s3://results/out/tables/q-1/");
        assertThat(read("results", "out/q-1-manifest.csv", false)).startsWith("s3://results/out/tables/q-1/q-1_");
        assertThat(t.storage().serde().parameters()).containsEntry("field.delim", ",");
        List<ObjectStore.ObjectInfo> files = lake.store.list(TestLake.ACCOUNT, "results", "out/tables/q-1/", null, null,
                10).objects();
        assertThat(files).hasSize(1);
        assertThat(read("results", files.get(0).key(), false)).isEqualTo("1,x\u0002y\n2,\\N\n");

        queries.returning(List.of(column("id", "integer")), List.<Object[]>of(new Object[] {7}));
        QueryResult insert = run("INSERT INTO t (id) SELECT 7");
        assertThat(insert.statementType()).isEqualTo(StatementType.DML);
        assertThat(insert.rowsWritten()).hasValue(1);
        List<ObjectStore.ObjectInfo> after = lake.store.list(TestLake.ACCOUNT, "results", "out/tables/q-1/", null,
                null, 10).objects();
        assertThat(after).hasSize(2);
        ObjectStore.ObjectInfo gz = after.stream().filter(o -> o.key().endsWith(".gz")).findFirst().orElseThrow();
        assertThat(read("results", gz.key(), true)).isEqualTo("7,\\N\n");

        queries.returning(List.of(column("id", "varchar"), column("tags", "array(varchar)")), List.of());
        assertThatThrownBy(() -> run("INSERT INTO t SELECT 'a', tags FROM s")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("TYPE_MISMATCH: line 1:1: Insert query has mismatched column types: Table: [integer, "
                        + "array(varchar)], Query: [varchar, array(varchar)]");
        assertThatThrownBy(() -> run("INSERT INTO nope SELECT 1")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("TABLE_NOT_FOUND: line 1:1: Table 'awsdatacatalog.default.nope' does not exist");
    }

    @Test
    void insertIntoAPartitionedTableAddsNewPartitions() throws Exception {
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, "lake");
        run("CREATE EXTERNAL TABLE e (msg string) PARTITIONED BY (dt string) ROW FORMAT SERDE "
                + "'org.apache.hive.hcatalog.data.JsonSerDe' LOCATION 's3://lake/e/'");
        queries.returning(List.of(column("msg", "varchar"), column("dt", "varchar")),
                List.<Object[]>of(new Object[] {"hello", "2024"}, new Object[] {"bye", "2025"}));

        run("INSERT INTO e VALUES ('hello', '2024'), ('bye', '2025')");

        assertThat(lake.catalog.getPartitions(TestLake.ACCOUNT, TestLake.REGION, "default", "e", null))
                .extracting(Partition::values).containsExactly(List.of("2024"), List.of("2025"));
        var file = lake.store.list(TestLake.ACCOUNT, "lake", "e/dt=2024/", null, null, 10).objects().get(0);
        assertThat(read("lake", file.key(), true)).isEqualTo("{\"msg\":\"hello\"}\n");
    }

    private String read(String bucket, String key, boolean gzip) throws Exception {
        try (InputStream raw = lake.store.read(TestLake.ACCOUNT, bucket, key, 0, -1);
             InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<String> readParquet(String bucket, ObjectStore.ObjectInfo file) throws Exception {
        List<String> out = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new ObjectStoreInputFile(lake.store, TestLake.ACCOUNT,
                bucket, file.key(), file.size(), new LongAdder()))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            var io = new ColumnIOFactory().getColumnIO(schema);
            for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null; rowGroup = reader.readNextRowGroup()) {
                RecordReader<Group> records = io.getRecordReader(rowGroup, new GroupRecordConverter(schema));
                for (long r = 0; r < rowGroup.getRowCount(); r++) {
                    Group g = records.read();
                    out.add(g.getLong("id", 0) + "|" + g.getLong("amount", 0) + "|" + g.getInteger("day", 0));
                }
            }
        }
        return out;
    }
}
