package io.lakelet.sql.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.sql.SqlFailure;
import io.lakelet.sql.ddl.DdlStatement.*;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DdlParserTest {

    @Test
    void readsQuotedIdentifiersAndHiveStringEscapes() {
        CreateTable t = (CreateTable) DdlParser.parse("create external table `My-Db`.\"Tbl\" (`Select` int) "
                + "row format delimited fields terminated by '\\001' lines terminated by '\\n' "
                + "location 's3://b/it''s/' tblproperties ('a'='x\\'y', 'u'='\\u0002')");

        assertThat(t.table().database()).isEqualTo("my-db");
        assertThat(t.table().name()).isEqualTo("tbl");
        assertThat(t.columns().get(0).name()).isEqualTo("select");
        assertThat(t.rowFormat().parameters()).containsEntry("field.delim", "\u0001").containsEntry("line.delim", "\n");
        assertThat(t.location()).isEqualTo("s3://b/it's/");
        assertThat(t.properties()).isEqualTo(Map.of("a", "x'y", "u", "\u0002"));
    }

    @Test
    void skipsCommentsAndKeepsQueriesAsWritten() {
        CreateTableAs ctas = (CreateTableAs) DdlParser.parse("-- make it\nCREATE TABLE IF NOT EXISTS t WITH ("
                + "format='TEXTFILE', partitioned_by=ARRAY['a','b']) AS\n  SELECT x, 'WITH NO DATA' FROM s WITH NO DATA");

        assertThat(ctas.ifNotExists()).isTrue();
        assertThat(ctas.withData()).isFalse();
        assertThat(ctas.properties()).containsEntry("format", "TEXTFILE")
                .containsEntry("partitioned_by", List.of("a", "b"));
        assertThat(ctas.query()).isEqualTo("SELECT x, 'WITH NO DATA' FROM s");

        Insert insert = (Insert) DdlParser.parse("INSERT INTO db.t (a, b) VALUES (1, 'x')");
        assertThat(insert.columns()).containsExactly("a", "b");
        assertThat(insert.query()).isEqualTo("VALUES (1, 'x')");
        Insert sub = (Insert) DdlParser.parse("INSERT INTO t (SELECT 1)");
        assertThat(sub.columns()).isEmpty();
        assertThat(sub.query()).isEqualTo("(SELECT 1)");
        CreateView view = (CreateView) DdlParser.parse("CREATE OR REPLACE VIEW v AS /* c */ SELECT 1");
        assertThat(view.orReplace()).isTrue();
        assertThat(view.query()).isEqualTo("/* c */ SELECT 1");
    }

    @Test
    void acceptsHyphenatedNamesWithoutBackticksAsAthenaDoesFromJdbc() {
        DropTable drop = (DropTable) DdlParser.parse("DROP TABLE my-athena-database-01.my-athena-table");

        assertThat(drop.table().database()).isEqualTo("my-athena-database-01");
        assertThat(drop.table().name()).isEqualTo("my-athena-table");
        assertThatThrownBy(() -> DdlParser.parse("DROP TABLE a - b")).isInstanceOf(SqlFailure.class);
    }

    @Test
    void acceptsTheDataCatalogInThreePartNames() {
        Insert insert = (Insert) DdlParser.parse("INSERT INTO \"AwsDataCatalog\".\"db\".\"t\" SELECT 1");

        assertThat(insert.table().database()).isEqualTo("db");
        assertThat(insert.table().name()).isEqualTo("t");
        assertThatThrownBy(() -> DdlParser.parse("DROP VIEW hive.db.v")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("CATALOG_NOT_FOUND: line 1:11: Catalog 'hive' does not exist");
    }

    @Test
    void syntaxErrorsCarryTrinoPositions() {
        assertThatThrownBy(() -> DdlParser.parse("DROP TABEL t")).extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("SYNTAX_ERROR: line 1:6: mismatched input 'TABEL'. Expecting: 'DATABASE', 'SCHEMA', 'TABLE', "
                        + "'VIEW'");
        assertThatThrownBy(() -> DdlParser.parse("CREATE EXTERNAL TABLE t (a int)\nLOCATION s3"))
                .extracting(e -> ((SqlFailure) e).reason())
                .isEqualTo("SYNTAX_ERROR: line 2:10: mismatched input 's3'. Expecting: <string>");
        assertThatThrownBy(() -> DdlParser.parse("CREATE EXTERNAL TABLE t (a integr) LOCATION 's3://b/'"))
                .isInstanceOf(SqlFailure.class).hasMessageContaining("line 1:28: Unknown type: 'integr'");
        assertThatThrownBy(() -> DdlParser.parse("DROP TABLE t extra")).isInstanceOf(SqlFailure.class)
                .hasMessage("line 1:14: mismatched input 'extra'. Expecting: <EOF>");
    }
}
