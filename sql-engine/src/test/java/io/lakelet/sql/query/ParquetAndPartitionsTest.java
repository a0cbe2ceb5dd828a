package io.lakelet.sql.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.ports.Catalog;
import io.lakelet.formats.parquet.ObjectStoreOutputFile;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.TestLake;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parquet scans (projection, row-group skipping), partitions (listed and projected) and bytes scanned. */
class ParquetAndPartitionsTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message t {
              required int64 id;
              optional binary name (STRING);
              optional double score;
              optional int32 day (DATE);
              optional int64 at (TIMESTAMP(MILLIS,true));
              optional int64 price (DECIMAL(12,2));
              optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
              optional group props (MAP) { repeated group key_value { required binary key (STRING);
                  optional int32 value; } }
              optional group point { optional int32 x; optional int32 y; }
            }""");
    private TestLake lake;

    @BeforeEach
    void setUp() {
        lake = new TestLake();
        Lakes.database(lake, "db");
        lake.store.ensureBucket(TestLake.ACCOUNT, TestLake.REGION, "lake");
    }

    @AfterEach
    void tearDown() {
        lake.close();
    }

    private void writeParquet(String key, long from, long count, int rowGroupSize) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter
                .builder(new ObjectStoreOutputFile(lake.store, TestLake.ACCOUNT, "lake", key))
                .withConf(new PlainParquetConfiguration()).withType(SCHEMA).withRowGroupSize(rowGroupSize)
                .withPageSize(4096).withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            for (long i = from; i < from + count; i++) {
                Group g = groups.newGroup().append("id", i).append("name", "name-" + i + "-" + "x".repeat(40))
                        .append("score", i / 2.0).append("day", 19724 + (int) (i % 3))
                        .append("at", 1_704_164_645_123L + i * 1000).append("price", i * 100 + 5);
                Group tags = g.addGroup("tags");
                tags.addGroup("list").append("element", "a" + i);
                tags.addGroup("list").append("element", "b");
                g.addGroup("props").addGroup("key_value").append("key", "k").append("value", (int) i);
                g.addGroup("point").append("x", (int) i).append("y", -1);
                writer.write(g);
            }
        }
    }

    private void parquetTable(String name, List<Catalog.Column> partitionKeys, Map<String, String> params) {
        Lakes.table(lake, "db", name, Lakes.columns("id", "bigint", "name", "string", "score", "double", "day", "date",
                "at", "timestamp", "price", "decimal(12,2)", "tags", "array<string>", "props", "map<string,int>",
                "point", "struct<x:int,y:int>"), partitionKeys, "s3://lake/" + name + "/", Lakes.PARQUET, Map.of(),
                params);
    }

    @Test
    void parquetValuesOfEveryTypeAreRead() throws IOException {
        parquetTable("p", List.of(), Map.of());
        writeParquet("p/part-0.parquet", 0, 3, 1 << 20);
        assertThat(Lakes.text(lake, "db", "SELECT id, substr(name, 1, 6), score, day, at, price, tags, props, point "
                + "FROM p WHERE id = 1")).containsExactly(List.of("1", "name-1", "0.5", "2024-01-03",
                "2024-01-02 03:04:06.123", "1.05", "[a1, b]", "{k=1}", "{x=1, y=-1}"));
    }

    @Test
    void projectionReadsFewerBytesThanSelectStar() throws IOException {
        parquetTable("p", List.of(), Map.of());
        writeParquet("p/part-0.parquet", 0, 20_000, 1 << 20);
        long size = lake.store.head(TestLake.ACCOUNT, "lake", "p/part-0.parquet").orElseThrow().size();
        long all = Lakes.scanned(lake, "db", "SELECT * FROM p");
        long one = Lakes.scanned(lake, "db", "SELECT sum(id) FROM p");
        System.out.printf("parquet bytes: file %d, SELECT * %d, one column %d%n", size, all, one);
        assertThat(all).isGreaterThan(size / 2).isLessThanOrEqualTo(size + 16 * 1024);
        assertThat(one).isPositive().isLessThan(all / 4);
        assertThat(Lakes.text(lake, "db", "SELECT sum(id), count(*) FROM p"))
                .containsExactly(List.of("199990000", "20000"));
    }

    @Test
    void rowGroupStatisticsSkipRowGroupsThatCannotMatch() throws IOException {
        parquetTable("p", List.of(), Map.of());
        writeParquet("p/part-0.parquet", 0, 20_000, 64 * 1024);
        long all = Lakes.scanned(lake, "db", "SELECT max(name) FROM p");
        long few = Lakes.scanned(lake, "db", "SELECT max(name) FROM p WHERE id BETWEEN 100 AND 110");
        System.out.printf("parquet row groups: all %d bytes, id BETWEEN 100 AND 110 %d bytes%n", all, few);
        assertThat(few).isLessThan(all / 2);
        assertThat(Lakes.text(lake, "db", "SELECT count(*) FROM p WHERE id BETWEEN 100 AND 110"))
                .containsExactly(List.of("11"));
    }

    @Test
    void partitionsArePrunedByPredicatesOnPartitionKeys() {
        Lakes.table(lake, "db", "logs", Lakes.columns("msg", "string"), Lakes.columns("year", "int", "region", "string"),
                "s3://lake/logs/", Lakes.LAZY, Map.of(), Map.of());
        for (int year = 2020; year <= 2023; year++) {
            for (String region : List.of("eu", "us")) {
                String loc = "s3://lake/logs/year=" + year + "/region=" + region + "/";
                lake.store.put("lake", "logs/year=" + year + "/region=" + region + "/f.txt",
                        ("m-" + year + "-" + region + "\n").repeat(100));
                lake.catalog.createPartitions(TestLake.ACCOUNT, TestLake.REGION, "db", "logs", List.of(
                        new Catalog.Partition("db", "logs", List.of(Integer.toString(year), region),
                                new Catalog.Storage(List.of(), loc, null, null, null, false, Map.of()), Map.of(),
                                Instant.now())), false);
            }
        }
        long all = Lakes.scanned(lake, "db", "SELECT count(*) FROM logs");
        long pruned = Lakes.scanned(lake, "db", "SELECT count(*) FROM logs WHERE year >= 2022 AND region = 'eu'");
        System.out.printf("partitions: all %d bytes, pruned %d bytes%n", all, pruned);
        assertThat(pruned * 4).isEqualTo(all);
        assertThat(Lakes.text(lake, "db",
                "SELECT year, region, count(*), min(msg) FROM logs WHERE year IN (2021, 2023) AND region <> 'us' "
                        + "GROUP BY year, region ORDER BY year"))
                .containsExactly(List.of("2021", "eu", "100", "m-2021-eu"), List.of("2023", "eu", "100", "m-2023-eu"));
        assertThat(Lakes.text(lake, "db", "SELECT DISTINCT \"$path\" FROM logs WHERE year = 2020 ORDER BY 1"))
                .containsExactly(List.of("s3://lake/logs/year=2020/region=eu/f.txt"),
                        List.of("s3://lake/logs/year=2020/region=us/f.txt"));
    }

    @Test
    void partitionProjectionComputesPartitionsFromTableProperties() {
        Lakes.table(lake, "db", "events", Lakes.columns("v", "int"), Lakes.columns("dt", "string", "kind", "string",
                        "n", "int"), "s3://lake/events/", Lakes.LAZY, Map.of(),
                Map.of("projection.enabled", "true",
                        "projection.dt.type", "date", "projection.dt.range", "2024/01/01,2024/01/05",
                        "projection.dt.format", "yyyy/MM/dd",
                        "projection.kind.type", "enum", "projection.kind.values", "click,view",
                        "projection.n.type", "integer", "projection.n.range", "1,2",
                        "storage.location.template", "s3://lake/events/${kind}/${dt}/${n}/"));
        lake.store.put("lake", "events/click/2024/01/02/1/a", "1\n2\n");
        lake.store.put("lake", "events/view/2024/01/02/2/a", "10\n");
        lake.store.put("lake", "events/view/2024/01/05/1/a", "100\n");
        lake.store.put("lake", "events/view/2024/01/09/1/a", "1000\n");
        assertThat(Lakes.text(lake, "db", "SELECT sum(v) FROM events")).containsExactly(List.of("113"));
        assertThat(Lakes.text(lake, "db",
                "SELECT dt, kind, n, v, \"$file_size\" FROM events WHERE kind = 'view' AND dt < '2024/01/04'"))
                .containsExactly(List.of("2024/01/02", "view", "2", "10", "3"));
        long all = Lakes.scanned(lake, "db", "SELECT sum(v) FROM events");
        long one = Lakes.scanned(lake, "db", "SELECT sum(v) FROM events WHERE kind = 'click'");
        assertThat(one).isEqualTo(4).isLessThan(all);
    }

    @Test
    void parquetScanThroughput() throws IOException {
        parquetTable("big", List.of(), Map.of());
        writeParquet("big/part-0.parquet", 0, 200_000, 8 << 20);
        long start = System.nanoTime();
        try (QueryResult r = lake.run("db", "SELECT count(*), sum(id), max(score) FROM big")) {
            assertThat(r.rows().next()).isTrue();
            assertThat(r.rows().get(0)).isEqualTo(200_000L);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("parquet scan: 200000 rows, 3 columns in %.2f s = %.0f rows/s%n", seconds, 200_000 / seconds);
    }
}
