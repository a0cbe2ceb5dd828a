package io.lakelet.sql.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.formats.parquet.ObjectStoreOutputFile;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.TestLake;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vectorised aggregation answers exactly what Calcite's row-at-a-time plan answers: each query runs
 * through both engines over the same Parquet table (several files, row groups and pages, NULLs, two
 * partitions, dictionary, PLAIN and V2/DELTA pages, and one file whose column type needs the row reader's
 * conversion) and the same rows as
 * '|'-delimited text, and the results must be equal. The plans are checked too, so a query that silently
 * stopped taking the vectorised path fails here.
 */
class VectorisedAggregationTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message t {
              required int64 id;
              optional binary name (STRING);
              optional double score;
              optional int32 day (DATE);
              optional int64 price (DECIMAL(12,2));
              optional int32 qty;
              optional boolean flag;
              optional int64 at (TIMESTAMP(MILLIS,true));
            }""");
    /** The same columns, but qty in INT64: the table's int needs a conversion, done by the row reader. */
    private static final MessageType WIDE_QTY = MessageTypeParser.parseMessageType(
            SCHEMA.toString().replace("optional int32 qty;", "optional int64 qty;"));
    private static final String COLUMNS = "id bigint, name string, score double, day date, price decimal(12,2), "
            + "qty int, flag boolean, at timestamp";

    private static TestLake lake;
    private static CalciteQueryEngine rows;

    @BeforeAll
    static void setUp() throws IOException {
        lake = new TestLake();
        rows = new CalciteQueryEngine(lake.catalog, lake.store, Clock.systemUTC(), false);
        Lakes.database(lake, "db");
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, "lake");
        run("CREATE EXTERNAL TABLE p (" + COLUMNS + ") PARTITIONED BY (region string) STORED AS PARQUET "
                + "LOCATION 's3://lake/p/'");
        run("CREATE EXTERNAL TABLE c (" + COLUMNS + ") PARTITIONED BY (region string) ROW FORMAT DELIMITED "
                + "FIELDS TERMINATED BY '|' LOCATION 's3://lake/c/'");
        writeParquet("p/region=eu/a.parquet", SCHEMA, 0, 5000);
        writeParquet("p/region=eu/b.parquet", SCHEMA, 5000, 3000);
        writeParquet("p/region=us/a.parquet", SCHEMA, 8000, 4000);
        writeParquet("p/region=us/odd.parquet", WIDE_QTY, 12000, 1500);
        writeParquet("p/region=eu/plain.parquet", SCHEMA, 13500, 2000, false, ParquetProperties.WriterVersion.PARQUET_1_0);
        writeParquet("p/region=us/v2.parquet", SCHEMA, 15500, 2000, false, ParquetProperties.WriterVersion.PARQUET_2_0);
        writeText("c/region=eu/a.txt", 0, 8000);
        writeText("c/region=us/a.txt", 8000, 5500);
        writeText("c/region=eu/plain.txt", 13500, 2000);
        writeText("c/region=us/v2.txt", 15500, 2000);
        run("MSCK REPAIR TABLE p");
        run("MSCK REPAIR TABLE c");
        run("CREATE EXTERNAL TABLE big (v decimal(38,0), d decimal(20,2)) ROW FORMAT DELIMITED FIELDS TERMINATED BY "
                + "',' LOCATION 's3://lake/big/'");
        lake.store.put("lake", "big/a.csv", "4000000000000000000,99999999999999999.99\n"
                + "4000000000000000001,99999999999999999.99\n4000000000000000002,0.01\n\\N,\\N\n");
    }

    @AfterAll
    static void tearDown() {
        lake.close();
    }

    private static void run(String sql) {
        try (QueryResult r = lake.run("db", sql)) {
            while (r.rows().next()) {
                // drain
            }
        }
    }

    private static Object value(long i, int column) {
        return switch (column) {
            case 0 -> i;
            case 1 -> i % 7 == 0 ? null : "n" + (i % 5);
            case 2 -> i % 11 == 0 ? null : i / 4.0;
            case 3 -> i % 17 == 0 ? null : 19724 + (int) (i % 10);
            case 4 -> i % 13 == 0 ? null : (i * 37) % 100_000;
            case 5 -> (int) (i % 9);
            case 6 -> i % 3 == 0;
            default -> 1_704_164_645_000L + i * 1000;
        };
    }

    private static void writeParquet(String key, MessageType schema, long from, long count) throws IOException {
        writeParquet(key, schema, from, count, true, ParquetProperties.WriterVersion.PARQUET_1_0);
    }

    /** Rows {@code from..from+count-1}; without dictionaries every page is PLAIN; V2 pages use DELTA encodings. */
    private static void writeParquet(String key, MessageType schema, long from, long count, boolean dictionary,
                                     ParquetProperties.WriterVersion version) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        boolean wideQty = schema == WIDE_QTY;
        try (ParquetWriter<Group> writer = ExampleParquetWriter
                .builder(new ObjectStoreOutputFile(lake.store, TestLake.ACCOUNT, "lake", key))
                .withConf(new PlainParquetConfiguration()).withType(schema).withRowGroupSize(32 * 1024)
                .withPageSize(4096).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withDictionaryEncoding(dictionary).withWriterVersion(version).build()) {
            for (long i = from; i < from + count; i++) {
                Group g = groups.newGroup().append("id", i);
                if (value(i, 1) != null) {
                    g.append("name", (String) value(i, 1));
                }
                if (value(i, 2) != null) {
                    g.append("score", (double) value(i, 2));
                }
                if (value(i, 3) != null) {
                    g.append("day", (int) value(i, 3));
                }
                if (value(i, 4) != null) {
                    g.append("price", (long) value(i, 4));
                }
                if (wideQty) {
                    g.append("qty", (long) (int) value(i, 5));
                } else {
                    g.append("qty", (int) value(i, 5));
                }
                g.append("flag", (boolean) value(i, 6)).append("at", (long) value(i, 7));
                writer.write(g);
            }
        }
    }

    private static void writeText(String key, long from, long count) {
        StringBuilder b = new StringBuilder();
        for (long i = from; i < from + count; i++) {
            Object day = value(i, 3);
            Object price = value(i, 4);
            b.append(i).append('|').append(text(value(i, 1))).append('|').append(text(value(i, 2))).append('|')
                    .append(day == null ? "\\N" : java.time.LocalDate.ofEpochDay((int) day)).append('|')
                    .append(price == null ? "\\N" : java.math.BigDecimal.valueOf((long) price, 2)).append('|')
                    .append(value(i, 5)).append('|').append(value(i, 6)).append('|')
                    .append(java.time.LocalDateTime.ofEpochSecond((long) value(i, 7) / 1000, 0,
                            java.time.ZoneOffset.UTC).toString().replace('T', ' ')).append('\n');
        }
        lake.store.put("lake", key, b.toString());
    }

    private static String text(Object v) {
        return v == null ? "\\N" : v.toString();
    }

    static final List<String> VECTORISED = List.of(
            "SELECT count(*) FROM %s",
            "SELECT count(*), count(name), count(price), sum(price), min(price), max(price), sum(score), min(score), "
                    + "max(day), min(at), sum(qty), sum(id) FROM %s",
            "SELECT name, count(*), sum(price), avg(price), avg(score), min(day), max(qty) FROM %s GROUP BY name",
            "SELECT region, flag, sum(qty), sum(id * 2), count(*) FROM %s WHERE day >= DATE '2024-01-05' "
                    + "AND price < 50 GROUP BY region, flag",
            "SELECT sum(price * (1 - 0.05)), sum(price * qty), sum(price + qty), sum(score * 2 + qty) FROM %s "
                    + "WHERE name = 'n1' OR score IS NULL",
            "SELECT sum(price), count(*) FROM %s WHERE name <> 'n2' AND NOT (qty > 3) AND price IS NOT NULL",
            "SELECT day, count(*), sum(price) FROM %s WHERE day - INTERVAL '1' DAY < DATE '2024-01-05' GROUP BY day",
            "SELECT sum(price), count(*), max(id), min(score) FROM %s WHERE id < 0",
            "SELECT name, sum(price) FROM %s WHERE id < 0 GROUP BY name",
            "SELECT \"$path\", count(*), sum(qty) FROM %s GROUP BY \"$path\"",
            "SELECT region, count(*), sum(qty) FROM %s WHERE region = 'eu' GROUP BY region",
            "SELECT flag, day, name, qty, region, count(*) FROM %s GROUP BY flag, day, name, qty, region",
            "SELECT count(*), sum(qty) FROM %s WHERE at >= TIMESTAMP '2024-01-02 05:00:00'",
            "SELECT sum(CAST(qty AS decimal(12,2))), sum(CAST(id AS double)), sum(CAST(qty AS bigint)) FROM %s",
            "SELECT name, sum(price) FROM %s WHERE name BETWEEN 'n1' AND 'n3' OR name IS NULL GROUP BY name",
            "SELECT count(*) FROM %s WHERE score > 100 AND (price > 10 OR qty IN (1, 2, 3))",
            // More groups than GroupedRows orders: every aggregate adds row by row.
            "SELECT at, count(*), sum(qty), sum(id), count(price) FROM %s GROUP BY at ORDER BY sum(id) DESC LIMIT 5");

    static final List<String> NOT_VECTORISED = List.of(
            "SELECT max(name), count(*) FROM %s",
            "SELECT sum(mod(id, 3)), name FROM %s GROUP BY name",
            "SELECT sum(price / 3) FROM %s");

    @ParameterizedTest
    @ValueSource(strings = {"p", "c"})
    void vectorisedQueriesAnswerWhatTheRowPlanAnswers(String table) {
        for (String q : VECTORISED) {
            String sql = q.formatted(table);
            assertThat(plan(sql)).as(sql).contains("LakeVectorAggregate");
            List<List<String>> vector = sameAsRowPlan(sql);
            if (!sql.contains("id < 0 GROUP BY")) {
                assertThat(vector).as(sql).isNotEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"p", "c"})
    void otherQueriesKeepTheRowPlan(String table) {
        for (String q : NOT_VECTORISED) {
            String sql = q.formatted(table);
            assertThat(plan(sql)).as(sql).doesNotContain("LakeVectorAggregate");
            sameAsRowPlan(sql);
        }
    }

    static final List<String> SCANS = List.of(
            "SELECT id, name, price, day, at, score, qty, flag, region FROM %s WHERE price < 30 AND name <> 'n3'",
            "SELECT * FROM %s WHERE qty = 4 OR score IS NULL",
            "SELECT * FROM %s",
            "SELECT \"$path\", id, \"$file_size\" FROM %s WHERE id BETWEEN 100 AND 120 OR id > 17000",
            "SELECT a.id, b.qty, a.name FROM %1$s a JOIN c b ON a.id = b.id WHERE a.price < 5 AND b.day IS NULL");

    @ParameterizedTest
    @ValueSource(strings = {"p", "c"})
    void vectorisedScansAnswerWhatTheRowPlanAnswers(String table) {
        for (String q : SCANS) {
            String sql = q.formatted(table);
            assertThat(plan(sql)).as(sql).contains("LakeVectorScan");
            assertThat(sameAsRowPlan(sql)).as(sql).isNotEmpty();
        }
    }

    /** A lower and an upper bound on one column are one filter (RangeFilter); bounds and NULLs stay right. */
    @ParameterizedTest
    @ValueSource(strings = {"p", "c"})
    void boundsOnOneColumnFilterAsOneRange(String table) {
        for (String q : List.of(
                "SELECT count(*), sum(qty) FROM %s WHERE id >= 100 AND id < 2000",
                "SELECT count(*), sum(qty) FROM %s WHERE id > 100 AND id <= 2000",
                "SELECT count(*), sum(id) FROM %s WHERE 100 < id AND 2000 >= id AND qty < 5",
                "SELECT count(*), sum(id) FROM %s WHERE price BETWEEN 10.05 AND 20.5",
                "SELECT count(*), sum(id) FROM %s WHERE price > 10 AND qty >= 2 AND price < 30 AND qty <= 6",
                "SELECT count(*), sum(price) FROM %s WHERE day >= DATE '2024-01-03' AND day < DATE '2024-01-09'",
                "SELECT count(*) FROM %s WHERE id >= 9223372036854775807 AND id <= 9223372036854775807",
                "SELECT count(*), sum(id) FROM %s WHERE id > -9223372036854775807 AND id < 9223372036854775807")) {
            String sql = q.formatted(table);
            assertThat(plan(sql)).as(sql).contains("LakeVectorAggregate");
            sameAsRowPlan(sql);
        }
        // Calcite folds an empty range away before it reaches the vectorised path.
        assertThat(Lakes.text(lake, "db", "SELECT count(*) FROM %s WHERE id > 500 AND id < 400".formatted(table)))
                .containsExactly(List.of("0"));
        String scan = "SELECT id, qty FROM %s WHERE id >= 7990 AND id <= 8010".formatted(table);
        assertThat(sameAsRowPlan(scan)).hasSize(21);
        assertThat(Lakes.text(lake, "db", "SELECT count(*) FROM %s WHERE id >= 100 AND id < 2000".formatted(table)))
                .containsExactly(List.of("1900"));
    }

    @Test
    void orderByWithLimitKeepsOnlyTheTopRows() {
        String sql = "SELECT qty, name, count(*) FROM p GROUP BY qty, name ORDER BY 3 DESC, 1, 2 NULLS FIRST LIMIT 4 "
                + "OFFSET 1";
        assertThat(plan(sql)).contains("EnumerableLimitSort").doesNotContain("EnumerableSort");
        assertThat(Lakes.text(lake, "db", sql)).hasSize(4).isEqualTo(rowPlan(sql));
        String ordered = "SELECT id, price FROM c ORDER BY price DESC NULLS FIRST, id LIMIT 20";
        assertThat(Lakes.text(lake, "db", ordered)).hasSize(20).isEqualTo(rowPlan(ordered));
    }

    @Test
    void bothTablesHoldTheSameRows() {
        String q = "SELECT count(*), sum(price), sum(qty), count(name), min(day), max(at) FROM %s";
        assertThat(Lakes.text(lake, "db", q.formatted("p"))).isEqualTo(Lakes.text(lake, "db", q.formatted("c")))
                .isEqualTo(rowPlan(q.formatted("c")));
    }

    @Test
    void decimalsBeyondALongStayExact() {
        String sql = "SELECT sum(v), sum(v * v), sum(d * 100), max(v), min(d), count(v) FROM big";
        assertThat(plan(sql)).contains("LakeVectorAggregate");
        assertThat(Lakes.text(lake, "db", sql)).isEqualTo(rowPlan(sql)).containsExactly(List.of(
                "12000000000000000003", "48000000000000000024000000000000000005", "19999999999999999999.00",
                "4000000000000000002", "0.01", "3"));
        // Without a NULL in the batch, a group's rows are added in a local variable: its overflow too is exact.
        run("CREATE EXTERNAL TABLE big2 (g string, v decimal(38,0)) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                + "LOCATION 's3://lake/big2/'");
        lake.store.put("lake", "big2/a.csv", "a,4000000000000000000\nb,1\na,4000000000000000001\n"
                + "a,4000000000000000002\nb,2\n");
        String single = "SELECT sum(v), count(*) FROM big2";
        String grouped = "SELECT g, sum(v), count(v) FROM big2 GROUP BY g ORDER BY g";
        assertThat(plan(single)).contains("LakeVectorAggregate");
        assertThat(plan(grouped)).contains("LakeVectorAggregate");
        assertThat(Lakes.text(lake, "db", single)).isEqualTo(rowPlan(single))
                .containsExactly(List.of("12000000000000000006", "5"));
        assertThat(Lakes.text(lake, "db", grouped)).isEqualTo(rowPlan(grouped))
                .containsExactly(List.of("a", "12000000000000000003", "3"), List.of("b", "3", "2"));
    }

    /**
     * A column chunk whose dictionary fills up part way holds dictionary pages and then PLAIN ones, so a batch
     * can start on ids and end on values; with columns read lazily, only some of its rows are read at all.
     */
    @Test
    void stringColumnsChangingFromDictionaryToPlainPagesReadRight() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { required int64 id; optional binary s (STRING); }");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter
                .builder(new ObjectStoreOutputFile(lake.store, TestLake.ACCOUNT, "lake", "mixed/a.parquet"))
                .withConf(new PlainParquetConfiguration()).withType(schema).withPageSize(1024)
                .withDictionaryPageSize(2048).withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            for (long i = 0; i < 9000; i++) {
                Group g = groups.newGroup().append("id", i);
                if (i % 10 != 3) {
                    g.append("s", i < 1500 ? "k" + (i % 40) : "value-" + i);
                }
                writer.write(g);
            }
        }
        run("CREATE EXTERNAL TABLE mixed (id bigint, s string) STORED AS PARQUET LOCATION 's3://lake/mixed/'");
        for (String sql : List.of(
                "SELECT s, count(*), sum(id) FROM mixed GROUP BY s",
                "SELECT s, count(*) FROM mixed WHERE id > 100 AND id < 300 OR id > 8000 GROUP BY s",
                "SELECT count(*), sum(id) FROM mixed WHERE s > 'value-5' AND id < 7000",
                "SELECT id, s FROM mixed WHERE id > 1400 AND id < 1700",
                "SELECT id, s FROM mixed WHERE id * 3 > 26000")) {
            assertThat(sameAsRowPlan(sql)).as(sql).isNotEmpty();
        }
    }

    /**
     * A scanning thread reuses its buffers (see ScanBuffers): column chunks from row group to row group and
     * file to file, and one page array for the numeric columns. Here every file has many row groups and small
     * pages, strings are PLAIN (values are slices of their page), half the files are uncompressed (pages are
     * slices of the column-chunk buffers) and there are more files than threads. Strings of earlier pages must
     * survive later pages of the same batch, and group keys the next row group.
     */
    @Test
    void reusedScanBuffersKeepEveryValueAcrossPagesRowGroupsAndFiles() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { required int64 id; optional binary s (STRING); optional double x; required int32 k; }");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        for (int f = 0; f < 6; f++) {
            try (ParquetWriter<Group> writer = ExampleParquetWriter
                    .builder(new ObjectStoreOutputFile(lake.store, TestLake.ACCOUNT, "lake", "reuse/" + f + ".parquet"))
                    .withConf(new PlainParquetConfiguration()).withType(schema).withPageSize(512)
                    .withRowGroupSize(8 * 1024L).withDictionaryEncoding(false)
                    .withCompressionCodec(f % 2 == 0 ? CompressionCodecName.SNAPPY : CompressionCodecName.UNCOMPRESSED)
                    .build()) {
                for (long i = f * 7000L; i < (f + 1) * 7000L; i++) {
                    Group g = groups.newGroup().append("id", i).append("k", (int) (i % 13));
                    if (i % 17 != 5) {
                        g.append("s", "key-" + (i % 97) + "-" + "x".repeat((int) (i % 7)));
                    }
                    if (i % 11 != 2) {
                        g.append("x", i * 0.25);
                    }
                    writer.write(g);
                }
            }
        }
        run("CREATE EXTERNAL TABLE reuse (id bigint, s string, x double, k int) STORED AS PARQUET "
                + "LOCATION 's3://lake/reuse/'");
        assertThat(Lakes.text(lake, "db", "SELECT count(*), sum(id), count(DISTINCT s) FROM reuse"))
                .containsExactly(List.of("42000", String.valueOf(42000L * 41999 / 2), "679"));
        for (String sql : List.of(
                "SELECT s, count(*), sum(id), sum(x) FROM reuse GROUP BY s",
                "SELECT k, s, count(*), sum(x) FROM reuse WHERE id % 3 = 1 GROUP BY k, s",
                "SELECT count(*), sum(x), sum(k) FROM reuse WHERE x > 1000 AND k < 7",
                "SELECT id, s, x FROM reuse WHERE id > 6500 AND id < 7600 OR id > 41000")) {
            assertThat(sameAsRowPlan(sql)).as(sql).isNotEmpty();
        }
    }

    @Test
    void emptyTableGivesOneRowWithoutGroupsAndNoneWithThem() {
        run("CREATE EXTERNAL TABLE nothing (" + COLUMNS + ") STORED AS PARQUET LOCATION 's3://lake/nothing/'");
        assertThat(Lakes.text(lake, "db", "SELECT count(*), sum(price) FROM nothing"))
                .containsExactly(java.util.Arrays.asList("0", null));
        assertThat(Lakes.text(lake, "db", "SELECT name, count(*) FROM nothing GROUP BY name")).isEmpty();
    }

    @Test
    void bytesScannedCountOnlyTheColumnsRead() {
        long one = Lakes.scanned(lake, "db", "SELECT sum(qty) FROM p");
        long two = Lakes.scanned(lake, "db", "SELECT sum(qty), sum(price), count(name) FROM p");
        long all = Lakes.scanned(lake, "db", "SELECT * FROM p");
        assertThat(one).isPositive().isLessThan(two);
        assertThat(two).isLessThan(all);
    }

    private static String plan(String sql) {
        return String.join("\n", Lakes.text(lake, "db", "EXPLAIN " + sql).stream().map(r -> r.get(0)).toList());
    }

    /** The query's rows, sorted, after checking they are the row plan's. */
    private static List<List<String>> sameAsRowPlan(String sql) {
        List<List<String>> vector = sorted(Lakes.text(lake, "db", sql));
        assertThat(vector).as(sql).isEqualTo(sorted(rowPlan(sql)));
        return vector;
    }

    private static List<List<String>> rowPlan(String sql) {
        try (QueryResult r = rows.query(lake.session("db"), sql, new Cancellation())) {
            return Lakes.text(r.rows());
        }
    }

    private static List<List<String>> sorted(List<List<String>> in) {
        List<List<String>> out = new ArrayList<>(in);
        out.sort(Comparator.comparing(Object::toString));
        return out;
    }
}
