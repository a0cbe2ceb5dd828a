package io.lakelet.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.sql.ColumnInfo;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.SqlFailure;
import io.lakelet.sql.StatementType;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShowStatementsTest extends DdlTestSupport {

    @BeforeEach
    void tables() {
        run("CREATE DATABASE sales");
        run("CREATE DATABASE hr");
        run("CREATE EXTERNAL TABLE sales.orders (id bigint COMMENT 'the id', name string) PARTITIONED BY (dt string) "
                + "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://lake/orders/' "
                + "TBLPROPERTIES ('classification'='csv')");
        run("CREATE EXTERNAL TABLE sales.order_items (sku string) STORED AS PARQUET LOCATION 's3://lake/items/'");
        run("CREATE EXTERNAL TABLE sales.customers (c string) LOCATION 's3://lake/customers/'");
        run("ALTER TABLE sales.orders ADD PARTITION (dt='2024-02-01') PARTITION (dt='2024-01-01')");
    }

    @Test
    void showDatabasesAndTablesWithHivePatterns() {
        QueryResult result = run("SHOW DATABASES");
        assertThat(result.statementType()).isEqualTo(StatementType.UTILITY);
        assertThat(result.rows().columns()).extracting(ColumnInfo::name).containsExactly("database_name");
        assertThat(lines("SHOW DATABASES")).containsExactly("default", "hr", "sales");
        assertThat(lines("SHOW SCHEMAS LIKE 's*|h*'")).containsExactly("hr", "sales");

        assertThat(run("SHOW TABLES IN sales").rows().columns()).extracting(ColumnInfo::name).containsExactly("tab_name");
        assertThat(lines("SHOW TABLES IN sales")).containsExactly("customers", "order_items", "orders");
        assertThat(lines("SHOW TABLES IN sales 'order*'")).containsExactly("order_items", "orders");
        assertThat(lines("SHOW TABLES FROM sales LIKE 'ORDERS'")).containsExactly("orders");
        assertThat(lines("SHOW TABLES")).isEmpty();
        assertThatThrownBy(() -> run("SHOW TABLES IN nope")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: SemanticException [Error 10072]: Database does not exist: nope");
    }

    @Test
    void showPartitionsColumnsAndProperties() {
        assertThat(run("SHOW PARTITIONS sales.orders").rows().columns()).extracting(ColumnInfo::name)
                .containsExactly("partition");
        assertThat(lines("SHOW PARTITIONS sales.orders")).containsExactly("dt=2024-01-01", "dt=2024-02-01");
        assertThatThrownBy(() -> run("SHOW PARTITIONS sales.customers")).isInstanceOf(SqlFailure.class)
                .hasMessageContaining("is not a partitioned table");

        assertThat(run("SHOW COLUMNS IN sales.orders").rows().columns()).extracting(ColumnInfo::name)
                .containsExactly("field");
        assertThat(lines("SHOW COLUMNS FROM orders IN sales")).containsExactly("id", "name", "dt");

        assertThat(lines("SHOW TBLPROPERTIES sales.orders")).containsExactly("EXTERNAL\tTRUE", "classification\tcsv",
                "transient_lastDdlTime\t1767323045");
        assertThat(lines("SHOW TBLPROPERTIES sales.orders('classification')")).containsExactly("csv");
    }

    @Test
    void showCreateTablePrintsHiveLayoutLineByLine() {
        assertThat(run("SHOW CREATE TABLE sales.orders").rows().columns()).extracting(ColumnInfo::name)
                .containsExactly("createtab_stmt");
        assertThat(lines("SHOW CREATE TABLE sales.orders")).containsExactly(
                "CREATE EXTERNAL TABLE `orders`(",
                "  `id` bigint COMMENT 'the id', ",
                "  `name` string)",
                "PARTITIONED BY ( ",
                "  `dt` string)",
                "ROW FORMAT DELIMITED ",
                "  FIELDS TERMINATED BY ',' ",
                "STORED AS INPUTFORMAT ",
                "  'org.apache.hadoop.mapred.TextInputFormat' ",
                "OUTPUTFORMAT ",
                "  'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
                "LOCATION",
                "  's3://lake/orders/'",
                "TBLPROPERTIES (",
                "  'classification'='csv', ",
                "  'transient_lastDdlTime'='1767323045')");
        assertThat(lines("SHOW CREATE TABLE sales.order_items")).containsSequence(
                "ROW FORMAT SERDE ",
                "  'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' ",
                "STORED AS INPUTFORMAT ",
                "  'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat' ");
    }

    @Test
    void showCreateTableRoundTripsThroughTheParser() {
        String text = String.join("\n", lines("SHOW CREATE TABLE sales.orders"));
        run("DROP TABLE sales.orders");

        run(text.replace("`orders`", "`sales`.`orders`"));

        assertThat(table("sales", "orders").storage().serde().parameters()).containsEntry("field.delim", ",");
        assertThat(table("sales", "orders").partitionKeys()).hasSize(1);
    }

    @Test
    void describePrintsHiveColumnsAndPartitionInformation() {
        assertThat(lines("DESCRIBE sales.orders")).containsExactly(
                "id                  \tbigint              \tthe id              ",
                "name                \tstring              \t                    ",
                "dt                  \tstring              \t                    ",
                "",
                "# Partition Information",
                "# col_name            \tdata_type           \tcomment             ",
                "",
                "dt                  \tstring              \t                    ");
        assertThat(lines("DESCRIBE sales.orders PARTITION (dt='2024-01-01')")).hasSize(8);
        assertThatThrownBy(() -> run("DESCRIBE sales.orders PARTITION (dt='1999')")).isInstanceOf(SqlFailure.class)
                .hasMessageContaining("Partition not found");
        assertThat(lines("DESCRIBE sales.orders id")).containsExactly(
                "id                  \tbigint              \tthe id              ");
        assertThat(lines("DESCRIBE FORMATTED sales.order_items")).contains("# Detailed Table Information",
                "Location:           \ts3://lake/items/",
                "SerDe Library:      \torg.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        assertThat(run("DESCRIBE sales.orders").statementType()).isEqualTo(StatementType.UTILITY);
        assertThatThrownBy(() -> run("DESCRIBE sales.nope")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("FAILED: SemanticException [Error 10001]: Table not found sales.nope");
        assertThatThrownBy(() -> run("DESCRIBE sales.orders zzz")).isInstanceOf(SqlFailure.class)
                .hasMessageContaining("Invalid column reference zzz");
    }

    @Test
    void describeOfAViewShowsItsColumns() {
        queries.returning(List.of(FakeQueries.column("n", "bigint")), List.of());
        run("CREATE VIEW sales.v AS SELECT count(*) AS n FROM sales.orders");

        assertThat(lines("DESCRIBE sales.v")).containsExactly("n                   \tbigint              \t                    ");
        assertThat(lines("SHOW VIEWS IN sales")).containsExactly("v");
        assertThat(lines("SHOW TABLES IN sales")).contains("v");
        assertThat(lines("DESCRIBE VIEW sales.v")).hasSize(1);
        assertThat(lines("SHOW CREATE TABLE sales.v")).containsExactly("CREATE VIEW `v` AS /* Presto View */");
        assertThatThrownBy(() -> run("SHOW CREATE VIEW sales.orders")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("NOT_SUPPORTED: line 1:1: Relation 'awsdatacatalog.sales.orders' is a table, not a view");
        assertThatThrownBy(() -> run("SHOW CREATE VIEW sales.nope")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("TABLE_NOT_FOUND: line 1:1: View 'awsdatacatalog.sales.nope' does not exist");
    }
}
