package io.lakelet.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.core.ports.Catalog.Partition;
import io.lakelet.core.ports.Catalog.Table;
import io.lakelet.sql.SqlFailure;
import io.lakelet.sql.StatementType;
import io.lakelet.sql.TestLake;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HiveDdlTest extends DdlTestSupport {

    @Test
    void createsDatabaseWithCommentLocationAndProperties() {
        assertThat(run("CREATE DATABASE IF NOT EXISTS Sales COMMENT 'all sales' LOCATION 's3://b/sales/' "
                + "WITH DBPROPERTIES ('owner'='me')").statementType()).isEqualTo(StatementType.DDL);

        var db = lake.catalog.getDatabase(TestLake.ACCOUNT, TestLake.REGION, "sales").orElseThrow();
        assertThat(db.description()).isEqualTo("all sales");
        assertThat(db.locationUri()).isEqualTo("s3://b/sales/");
        assertThat(db.parameters()).containsEntry("owner", "me");
        run("CREATE SCHEMA IF NOT EXISTS sales");
        assertThatThrownBy(() -> run("CREATE DATABASE sales")).isInstanceOf(SqlFailure.class)
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                        + "Database sales already exists");
    }

    @Test
    void dropDatabaseRefusesANonEmptyDatabaseWithoutCascade() {
        run("CREATE DATABASE d");
        run("CREATE EXTERNAL TABLE d.t (a int) LOCATION 's3://b/t/'");

        assertThatThrownBy(() -> run("DROP DATABASE d")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                        + "InvalidOperationException(message:Database d is not empty. One or more tables exist.)");
        assertThat(lake.catalog.getDatabase(TestLake.ACCOUNT, TestLake.REGION, "d")).isPresent();

        run("DROP SCHEMA d CASCADE");
        assertThat(lake.catalog.getDatabase(TestLake.ACCOUNT, TestLake.REGION, "d")).isEmpty();
        run("DROP DATABASE IF EXISTS d");
        assertThatThrownBy(() -> run("DROP DATABASE d")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: SemanticException [Error 10072]: Database does not exist: d");
    }

    @Test
    void createsACsvTableAsAthenaWritesIt() {
        run("CREATE DATABASE d");
        run("""
                CREATE EXTERNAL TABLE IF NOT EXISTS d.`Orders` (
                  id BIGINT COMMENT 'order id',
                  items ARRAY<STRUCT<sku: STRING, qty: INT>>,
                  attrs MAP<STRING, STRING>,
                  price DECIMAL(12, 2),
                  code CHAR(3), name VARCHAR(10), ts TIMESTAMP
                )
                COMMENT 'orders'
                PARTITIONED BY (dt STRING, hr INTEGER)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' ESCAPED BY '\\\\' COLLECTION ITEMS TERMINATED BY '|'
                  MAP KEYS TERMINATED BY ':' LINES TERMINATED BY '\\n' NULL DEFINED AS ''
                STORED AS TEXTFILE
                LOCATION 's3://lake/orders/'
                TBLPROPERTIES ('skip.header.line.count'='1', 'classification'='csv')
                """);

        Table t = table("d", "orders");
        assertThat(t.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(t.description()).isEqualTo("orders");
        assertThat(t.parameters()).containsEntry("EXTERNAL", "TRUE").containsEntry("skip.header.line.count", "1")
                .containsEntry("classification", "csv").containsEntry("transient_lastDdlTime", "1767323045");
        assertThat(t.storage().columns()).containsExactly(
                new Column("id", "bigint", "order id"),
                new Column("items", "array<struct<sku:string,qty:int>>", null),
                new Column("attrs", "map<string,string>", null),
                new Column("price", "decimal(12,2)", null),
                new Column("code", "char(3)", null), new Column("name", "varchar(10)", null),
                new Column("ts", "timestamp", null));
        assertThat(t.partitionKeys()).containsExactly(new Column("dt", "string", null), new Column("hr", "int", null));
        assertThat(t.storage().location()).isEqualTo("s3://lake/orders/");
        assertThat(t.storage().inputFormat()).isEqualTo("org.apache.hadoop.mapred.TextInputFormat");
        assertThat(t.storage().outputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
        assertThat(t.storage().serde().serializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
        assertThat(t.storage().serde().parameters()).isEqualTo(Map.of("field.delim", ",", "serialization.format", ",",
                "escape.delim", "\\", "collection.delim", "|", "mapkey.delim", ":", "line.delim", "\n",
                "serialization.null.format", ""));
    }

    @Test
    void aTableWithoutLocationGoesUnderItsDatabaseLocation() {
        run("CREATE DATABASE withloc LOCATION 's3://b/warehouse/withloc.db'");

        run("CREATE EXTERNAL TABLE withloc.t (a int)");

        assertThat(table("withloc", "t").storage().location()).isEqualTo("s3://b/warehouse/withloc.db/t");
        assertThatThrownBy(() -> run("CREATE EXTERNAL TABLE u (a int)")).isInstanceOf(SqlFailure.class)
                .hasMessageContaining("requires a LOCATION");
    }

    @Test
    void storedAsAndSerdeFillTheClassesAthenaFillsIn() {
        run("CREATE EXTERNAL TABLE p (a string) STORED AS PARQUET LOCATION 's3://b/p/' "
                + "TBLPROPERTIES ('parquet.compression'='SNAPPY')");
        run("CREATE EXTERNAL TABLE j (a string) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' "
                + "WITH SERDEPROPERTIES ('ignore.malformed.json'='true') LOCATION 's3://b/j/'");
        run("CREATE EXTERNAL TABLE o (a string) STORED AS ORC LOCATION 's3://b/o/'");
        run("CREATE EXTERNAL TABLE c (a string) STORED AS INPUTFORMAT 'my.In' OUTPUTFORMAT 'my.Out' LOCATION 's3://b/c/'");

        Table p = table("default", "p");
        assertThat(p.storage().inputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
        assertThat(p.storage().outputFormat())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
        assertThat(p.storage().serde().serializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        assertThat(p.storage().serde().parameters()).isEqualTo(Map.of("serialization.format", "1"));
        Table j = table("default", "j");
        assertThat(j.storage().serde().serializationLibrary()).isEqualTo("org.openx.data.jsonserde.JsonSerDe");
        assertThat(j.storage().serde().parameters())
                .isEqualTo(Map.of("serialization.format", "1", "ignore.malformed.json", "true"));
        assertThat(j.storage().inputFormat()).isEqualTo("org.apache.hadoop.mapred.TextInputFormat");
        assertThat(table("default", "o").storage().serde().serializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.ql.io.orc.OrcSerde");
        Table c = table("default", "c");
        assertThat(c.storage().inputFormat()).isEqualTo("my.In");
        assertThat(c.storage().serde().serializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
    }

    @Test
    void badStatementsFailAsAthenaDoesAndChangeNothing() {
        assertThatThrownBy(() -> run("CREATE TABL t (a int)")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("SYNTAX_ERROR: line 1:8: mismatched input 'TABL'. Expecting: 'DATABASE', 'EXTERNAL', "
                        + "'OR', 'SCHEMA', 'TABLE', 'VIEW'");
        assertThatThrownBy(() -> run("CREATE EXTERNAL TABLE t (a int LOCATION 's3://b/'"))
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("SYNTAX_ERROR: line 1:32: mismatched input 'LOCATION'. Expecting: ')'");
        assertThatThrownBy(() -> run("CREATE EXTERNAL TABLE nodb.t (a int) LOCATION 's3://b/t/'"))
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: SemanticException [Error 10072]: Database does not exist: nodb");
        assertThatThrownBy(() -> run("CREATE TABLE t (a int) LOCATION 's3://b/t/'"))
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: SemanticException Only external table creation is supported.");
        assertThatThrownBy(() -> run("CREATE TABLE i (a int) LOCATION 's3://b/i/' TBLPROPERTIES ('table_type'='ICEBERG')"))
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("NOT_SUPPORTED: line 1:14: Lakelet does not support Iceberg tables");
        assertThatThrownBy(() -> run("DROP TABLE missing")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: SemanticException [Error 10001]: Table not found missing");
        assertThat(lake.catalog.listTables(TestLake.ACCOUNT, TestLake.REGION, "default")).isEmpty();

        run("CREATE EXTERNAL TABLE t (a int) LOCATION 's3://b/t/'");
        assertThatThrownBy(() -> run("CREATE EXTERNAL TABLE t (b int) LOCATION 's3://b/x/'"))
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                        + "AlreadyExistsException(message:Table already exists.)");
        assertThat(table("default", "t").storage().columns()).containsExactly(new Column("a", "int", null));
        run("CREATE EXTERNAL TABLE IF NOT EXISTS t (b int) LOCATION 's3://b/x/'");
        assertThat(table("default", "t").storage().location()).isEqualTo("s3://b/t/");
        assertThatThrownBy(() -> run("ALTER TABLE t RENAME TO u")).isInstanceOf(SqlFailure.class)
                .hasMessageContaining("RENAME");
        run("DROP TABLE t;");
        run("DROP TABLE IF EXISTS t");
        run("DROP TABLE IF EXISTS nodb.t");
        assertThatThrownBy(() -> run("DROP TABLE nodb.t")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: SemanticException [Error 10001]: Table not found nodb.t");
        assertThat(lake.catalog.listTables(TestLake.ACCOUNT, TestLake.REGION, "default")).isEmpty();
    }

    @Test
    void addsAndDropsPartitionsWithDefaultAndGivenLocations() {
        run("CREATE EXTERNAL TABLE t (a int) PARTITIONED BY (dt string, hr int) STORED AS PARQUET "
                + "LOCATION 's3://b/t'");

        run("ALTER TABLE t ADD PARTITION (hr=1, dt='2024-01-01') PARTITION (dt='2024-01-02', hr='2') "
                + "LOCATION 's3://elsewhere/x/'");

        List<Partition> partitions = lake.catalog.getPartitions(TestLake.ACCOUNT, TestLake.REGION, "default", "t", null);
        assertThat(partitions).extracting(Partition::values)
                .containsExactly(List.of("2024-01-01", "1"), List.of("2024-01-02", "2"));
        assertThat(partitions).extracting(p -> p.storage().location())
                .containsExactly("s3://b/t/dt=2024-01-01/hr=1", "s3://elsewhere/x/");
        assertThat(partitions.get(0).storage().serde().serializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");

        assertThatThrownBy(() -> run("ALTER TABLE t ADD PARTITION (dt='2024-01-01', hr=1)"))
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                        + "AlreadyExistsException(message:Partition already exists.)");
        run("ALTER TABLE t ADD IF NOT EXISTS PARTITION (dt='2024-01-01', hr=1) PARTITION (dt='2024-01-03', hr=3)");
        assertThatThrownBy(() -> run("ALTER TABLE t ADD PARTITION (dt='2024-01-09')"))
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: ValidationFailureSemanticException partition spec {dt=2024-01-09} doesn't contain "
                        + "all (2) partition columns");

        run("ALTER TABLE t PARTITION (dt='2024-01-03', hr=3) SET LOCATION 's3://b/moved/'");
        assertThat(lake.catalog.getPartition(TestLake.ACCOUNT, TestLake.REGION, "default", "t",
                List.of("2024-01-03", "3")).orElseThrow().storage().location()).isEqualTo("s3://b/moved/");

        run("ALTER TABLE t DROP PARTITION (dt='2024-01-01', hr=1), PARTITION (dt='2024-01-02')");
        assertThat(lake.catalog.getPartitions(TestLake.ACCOUNT, TestLake.REGION, "default", "t", null))
                .extracting(Partition::values).containsExactly(List.of("2024-01-03", "3"));
        assertThatThrownBy(() -> run("ALTER TABLE t DROP PARTITION (dt='nope')")).isInstanceOf(SqlFailure.class)
                .hasMessageContaining("Partition not found");
        run("ALTER TABLE t DROP IF EXISTS PARTITION (dt='nope')");
    }

    @Test
    void altersPropertiesColumnsAndLocation() {
        run("CREATE EXTERNAL TABLE t (a int) LOCATION 's3://b/t/' TBLPROPERTIES ('x'='1')");

        run("ALTER TABLE t SET TBLPROPERTIES ('x'='2', 'y'='3')");
        run("ALTER TABLE t ADD COLUMNS (b string COMMENT 'bee', c array<int>)");
        run("ALTER TABLE t SET LOCATION 's3://b/t2/'");

        Table t = table("default", "t");
        assertThat(t.parameters()).containsEntry("x", "2").containsEntry("y", "3").containsEntry("EXTERNAL", "TRUE");
        assertThat(t.storage().columns()).containsExactly(new Column("a", "int", null),
                new Column("b", "string", "bee"), new Column("c", "array<int>", null));
        assertThat(t.storage().location()).isEqualTo("s3://b/t2/");
        assertThatThrownBy(() -> run("ALTER TABLE t ADD COLUMNS (a bigint)")).isInstanceOf(SqlFailure.class)
                .hasMessageContaining("Duplicate column name: a");

        run("ALTER TABLE t REPLACE COLUMNS (z double)");
        assertThat(table("default", "t").storage().columns()).containsExactly(new Column("z", "double", null));
    }

    @Test
    void changesColumnsRenamesPartitionsAndSetsDatabaseProperties() {
        run("CREATE EXTERNAL TABLE t (a int, b string, c double) PARTITIONED BY (dt string) LOCATION 's3://b/t/'");
        run("ALTER TABLE t ADD PARTITION (dt='1')");

        run("ALTER TABLE t CHANGE COLUMN a a2 bigint COMMENT 'wider' AFTER c");
        run("ALTER TABLE t CHANGE b b string FIRST");
        run("ALTER TABLE t PARTITION (dt='1') RENAME TO PARTITION (dt='2')");
        run("ALTER DATABASE default SET DBPROPERTIES ('team'='data')");

        assertThat(table("default", "t").storage().columns()).containsExactly(new Column("b", "string", null),
                new Column("c", "double", null), new Column("a2", "bigint", "wider"));
        List<Partition> partitions = lake.catalog.getPartitions(TestLake.ACCOUNT, TestLake.REGION, "default", "t", null);
        assertThat(partitions).extracting(Partition::values).containsExactly(List.of("2"));
        assertThat(partitions.get(0).storage().location()).isEqualTo("s3://b/t/dt=1");
        assertThat(lake.catalog.getDatabase(TestLake.ACCOUNT, TestLake.REGION, "default").orElseThrow().parameters())
                .containsEntry("team", "data");
        assertThatThrownBy(() -> run("ALTER TABLE t CHANGE zz y int")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. "
                        + "Invalid column reference zz");
        assertThatThrownBy(() -> run("ALTER TABLE t CHANGE b c int")).isInstanceOf(SqlFailure.class)
                .hasMessageContaining("Duplicate column name: c");
    }
}
