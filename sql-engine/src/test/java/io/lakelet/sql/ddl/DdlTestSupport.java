package io.lakelet.sql.ddl;

import io.lakelet.core.ports.Catalog.Table;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.RowCursor;
import io.lakelet.sql.Session;
import io.lakelet.sql.TestLake;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** A lake with an executor over it, a fake query engine, and helpers to run statements and read results. */
abstract class DdlTestSupport {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    final TestLake lake = new TestLake();
    final FakeQueries queries = new FakeQueries();
    final DdlExecutor executor = new DdlExecutor(lake.catalog, lake.store, CLOCK, queries);

    DdlTestSupport() {
        // The query result location's bucket exists, as Athena requires before it runs a statement.
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, "results");
    }

    @AfterEach
    void closeLake() {
        lake.close();
    }

    Session session() {
        return new Session(TestLake.ACCOUNT, TestLake.REGION, null, "default", "q-1", "s3://results/out/");
    }

    QueryResult run(String sql) {
        return executor.execute(session(), sql, new Cancellation());
    }

    /** The rows of a statement's result, each as its columns' text. */
    List<List<String>> rows(String sql) {
        try (QueryResult result = run(sql)) {
            RowCursor cursor = result.rows();
            List<List<String>> out = new ArrayList<>();
            while (cursor.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < cursor.columns().size(); i++) {
                    row.add(cursor.text(i));
                }
                out.add(row);
            }
            return out;
        }
    }

    /** The first column of each row. */
    List<String> lines(String sql) {
        return rows(sql).stream().map(r -> r.get(0)).toList();
    }

    Table table(String database, String name) {
        return lake.catalog.getTable(TestLake.ACCOUNT, TestLake.REGION, database, name).orElseThrow();
    }

    void put(String bucket, String key, String content) {
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, bucket);
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        lake.store.put(TestLake.ACCOUNT, bucket, key, new java.io.ByteArrayInputStream(bytes), bytes.length,
                "text/plain", java.util.Map.of());
    }
}
