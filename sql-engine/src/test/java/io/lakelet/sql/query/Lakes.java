package io.lakelet.sql.query;

import io.lakelet.core.ports.Catalog;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.RowCursor;
import io.lakelet.sql.TestLake;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers for query tests: tables in a {@link TestLake} and results read as text, as Athena shows them. */
final class Lakes {
    static final String A = TestLake.ACCOUNT;
    static final String R = TestLake.REGION;

    private Lakes() {
    }

    static void database(TestLake lake, String name) {
        lake.catalog.createDatabase(A, R, new Catalog.Database(name, null, null, Map.of(), Instant.now()));
    }

    static List<Catalog.Column> columns(String... nameTypes) {
        List<Catalog.Column> out = new ArrayList<>();
        for (int i = 0; i < nameTypes.length; i += 2) {
            out.add(new Catalog.Column(nameTypes[i], nameTypes[i + 1], null));
        }
        return out;
    }

    static void table(TestLake lake, String db, String name, List<Catalog.Column> columns,
                      List<Catalog.Column> partitionKeys, String location, String serde,
                      Map<String, String> serdeParams, Map<String, String> tableParams) {
        lake.catalog.createTable(A, R, new Catalog.Table(db, name, null, null, "EXTERNAL_TABLE",
                new Catalog.Storage(columns, location, null, null, new Catalog.SerDe(null, serde, serdeParams), false,
                        Map.of()), partitionKeys, tableParams, null, null, null, null, null));
    }

    static final String LAZY = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    static final String OPENCSV = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    static final String OPENX_JSON = "org.openx.data.jsonserde.JsonSerDe";
    static final String HCAT_JSON = "org.apache.hive.hcatalog.data.JsonSerDe";
    static final String PARQUET = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    /** All rows as Athena's text (header excluded). */
    static List<List<String>> text(TestLake lake, String db, String sql) {
        try (QueryResult r = lake.run(db, sql)) {
            return text(r.rows());
        }
    }

    static List<List<String>> text(RowCursor rows) {
        List<List<String>> out = new ArrayList<>();
        while (rows.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < rows.columns().size(); i++) {
                row.add(rows.text(i));
            }
            out.add(row);
        }
        return out;
    }

    /** Runs a query to the end and returns the bytes it scanned. */
    static long scanned(TestLake lake, String db, String sql) {
        try (QueryResult r = lake.run(db, sql)) {
            while (r.rows().next()) {
                // drain
            }
            return r.dataScannedBytes();
        }
    }
}
