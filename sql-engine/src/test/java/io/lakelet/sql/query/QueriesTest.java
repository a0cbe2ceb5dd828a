package io.lakelet.sql.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lakelet.core.ports.Catalog;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.SqlFailure;
import io.lakelet.sql.StatementType;
import io.lakelet.sql.TestLake;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streaming, cancellation, views and EXPLAIN. */
class QueriesTest {
    private TestLake lake;

    @BeforeEach
    void setUp() {
        lake = new TestLake();
        Lakes.database(lake, "db");
        Lakes.database(lake, "other");
    }

    @AfterEach
    void tearDown() {
        lake.close();
    }

    private void numbers(String name, int files, int rowsPerFile) {
        Lakes.table(lake, "db", name, Lakes.columns("n", "bigint", "label", "string"), List.of(),
                "s3://lake/" + name + "/", Lakes.LAZY, Map.of("field.delim", ","), Map.of());
        for (int f = 0; f < files; f++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < rowsPerFile; i++) {
                long n = (long) f * rowsPerFile + i;
                b.append(n).append(",label-").append(n).append('\n');
            }
            lake.store.put("lake", String.format("%s/part-%05d", name, f), b.toString());
        }
    }

    @Test
    void decimalSumsAndAveragesWidenPastTheColumnsPrecisionAsInTrino() {
        Lakes.table(lake, "db", "money", Lakes.columns("amount", "decimal(12,2)"), List.of(), "s3://lake/money/",
                Lakes.LAZY, java.util.Map.of("field.delim", ","), java.util.Map.of());
        lake.store.put("lake", "money/m.csv", "9999999999.99\n9999999999.99\n9999999999.98\n");
        assertThat(Lakes.text(lake, "db", "SELECT sum(amount) FROM money")).containsExactly(List.of("29999999999.96"));
        assertThat(Lakes.text(lake, "db", "SELECT avg(amount) FROM money")).containsExactly(List.of("9999999999.99"));
        assertThat(Lakes.text(lake, "db", "SELECT sum(amount), avg(amount), count(*) FROM money"))
                .containsExactly(List.of("29999999999.96", "9999999999.99", "3"));
    }

    @Test
    void rowsStreamWithABoundedReadAhead() {
        // 50,000 rows in 500 files; the readers may run ahead of the consumer by a few chunks of rows only.
        numbers("nums", 500, 100);
        long total = Lakes.scanned(lake, "db", "SELECT n FROM nums");
        try (QueryResult r = lake.run("db", "SELECT n, label FROM nums")) {
            assertThat(r.statementType()).isEqualTo(StatementType.DML);
            assertThat(r.rows().next()).isTrue();
            assertThat(r.dataScannedBytes()).as("after one row only a few files were read").isPositive()
                    .isLessThan(total / 3);
            long count = 1;
            long sum = (Long) r.rows().get(0);
            while (r.rows().next()) {
                count++;
                sum += (Long) r.rows().get(0);
            }
            assertThat(count).isEqualTo(50_000);
            assertThat(sum).isEqualTo(49_999L * 50_000 / 2);
            assertThat(r.dataScannedBytes()).isEqualTo(total);
        }
    }

    @Test
    void cancellationStopsALongCrossJoinWhileItStreams() {
        numbers("big", 4, 5000);
        Cancellation cancellation = new Cancellation();
        QueryResult r = lake.engine.execute(lake.session("db"),
                "SELECT a.n, b.n FROM big a CROSS JOIN big b", List.of(), cancellation);
        for (int i = 0; i < 1000; i++) {
            assertThat(r.rows().next()).isTrue();
        }
        cancellation.cancel();
        SqlFailure failure = catchThrowableOfType(SqlFailure.class, () -> r.rows().next());
        assertThat(failure.errorName()).isEqualTo("USER_CANCELED");
        assertThat(failure.getMessage()).isEqualTo("Query was canceled by user");
        assertThat(r.rows().next()).as("a cancelled cursor is closed").isFalse();
    }

    @Test
    void cancelledBeforeTheFirstRowFailsAtOnce() {
        numbers("nums", 1, 10);
        Cancellation cancellation = new Cancellation();
        QueryResult r = lake.engine.execute(lake.session("db"), "SELECT * FROM nums", List.of(), cancellation);
        cancellation.cancel();
        SqlFailure failure = catchThrowableOfType(SqlFailure.class, () -> r.rows().next());
        assertThat(failure.errorName()).isEqualTo("USER_CANCELED");
    }

    private void view(String db, String name, String sql, String schema, String columnsJson) {
        String json = "{\"originalSql\":\"" + sql.replace("\"", "\\\"") + "\",\"catalog\":\"awsdatacatalog\","
                + "\"schema\":\"" + schema + "\",\"columns\":" + columnsJson + "}";
        String text = "/* Presto View: " + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))
                + " */";
        lake.catalog.createTable(Lakes.A, Lakes.R, new Catalog.Table(db, name, null, null, "VIRTUAL_VIEW",
                new Catalog.Storage(List.of(), null, null, null, null, false, Map.of()), List.of(),
                Map.of("presto_view", "true"), text, "/* Presto View */", null, null, null));
    }

    @Test
    void viewsStoredAsAthenaStoresThemAreExpanded() {
        numbers("nums", 1, 10);
        view("db", "evens", "SELECT n, upper(label) AS label FROM nums WHERE n % 2 = 0", "db",
                "[{\"name\":\"n\",\"type\":\"bigint\"},{\"name\":\"label\",\"type\":\"varchar\"}]");
        view("other", "few", "SELECT n FROM db.evens WHERE n < 5", "other", "[{\"name\":\"n\",\"type\":\"bigint\"}]");
        assertThat(Lakes.text(lake, "db", "SELECT n, label FROM evens ORDER BY n DESC LIMIT 2"))
                .containsExactly(List.of("8", "LABEL-8"), List.of("6", "LABEL-6"));
        assertThat(Lakes.text(lake, "db", "SELECT sum(n) FROM other.few")).containsExactly(List.of("6"));
    }

    @Test
    void explainReturnsCalcitesPlanAsRows() {
        numbers("nums", 1, 10);
        try (QueryResult r = lake.run("db", "EXPLAIN SELECT label FROM nums WHERE n = 3")) {
            assertThat(r.statementType()).isEqualTo(StatementType.UTILITY);
            assertThat(r.rows().columns()).extracting(c -> c.name()).containsExactly("Query Plan");
            assertThat(r.rows().next()).isTrue();
            assertThat(r.rows().text(0)).contains("LakeVectorScan").contains("filters=[=($0, 3)]")
                    .contains("projects=[1]");
            assertThat(r.dataScannedBytes()).isZero();
        }
    }

    @Test
    void identifiersAreCaseInsensitiveAndTheCurrentDatabaseComesFromTheSession() {
        numbers("nums", 1, 3);
        assertThat(Lakes.text(lake, "other", "SELECT MAX(N) FROM DB.NUMS")).containsExactly(List.of("2"));
        assertThat(Lakes.text(lake, "db", "SELECT max(\"n\") FROM \"awsdatacatalog\".\"db\".\"nums\""))
                .containsExactly(List.of("2"));
    }
}
