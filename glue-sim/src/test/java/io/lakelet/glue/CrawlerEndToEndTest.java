package io.lakelet.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerMetrics;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.RecrawlBehavior;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.UpdateBehavior;

/** Crawlers that read S3 through the real S3 API and write the catalog, judged by the real Glue client. */
class CrawlerEndToEndTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/crawler";
    private static CrawlerServer server;

    @BeforeAll
    static void start() {
        server = CrawlerServer.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clean() {
        server.reset();
        server.bucket("lake");
    }

    private static final MessageType METRICS = MessageTypeParser.parseMessageType("""
            message m {
              required int64 id;
              optional binary name (STRING);
              optional int32 qty;
              optional double ratio;
              optional boolean ok;
              optional int32 day (DATE);
              optional int64 ts (TIMESTAMP(MILLIS,true));
              optional binary amount (DECIMAL(10,2));
              optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
              optional group attrs (MAP) { repeated group key_value { required binary key (STRING); optional int32 value; } }
              optional group point { optional double x; optional double y; }
            }""");

    private static byte[] metricsParquet(int rows) throws Exception {
        SimpleGroupFactory f = new SimpleGroupFactory(METRICS);
        List<Group> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Group g = f.newGroup().append("id", (long) i).append("name", "n" + i).append("qty", i).append("ratio", 0.5)
                    .append("ok", true).append("day", 19000).append("ts", 1_700_000_000_000L)
                    .append("amount", Binary.fromConstantByteArray(new byte[] {0, 100}));
            g.addGroup("tags").addGroup("list").append("element", "a");
            g.addGroup("attrs").addGroup("key_value").append("key", "k").append("value", 1);
            g.addGroup("point").append("x", 1.0).append("y", 2.0);
            out.add(g);
        }
        return CrawlerServer.parquet(METRICS, out);
    }

    private void putLake() throws Exception {
        server.put("lake", "data/sales/year=2024/month=01/part-0.csv",
                "id,name,amount,paid\n1,alice,10.5,true\n2,bob,20,false\n");
        server.put("lake", "data/sales/year=2024/month=02/part-0.csv",
                "id,name,amount,paid\n3,carol,7.25,true\n4,dan,1,true\n5,erin,2,false\n");
        server.put("lake", "data/events/year=2024/month=01/e.json",
                "{\"id\":1,\"user\":{\"name\":\"a\",\"age\":3},\"tags\":[\"x\",\"y\"],\"ts\":\"2024-01-01 00:00:00\"}\n"
                        + "{\"id\":2,\"user\":{\"name\":\"b\",\"age\":4},\"tags\":[],\"ts\":\"2024-01-02 00:00:00\"}\n");
        server.put("lake", "data/metrics/year=2024/month=01/m.parquet", metricsParquet(25));
        server.put("lake", "data/sales/_SUCCESS", "");
    }

    private void createCrawler(String name, String path, java.util.function.Consumer<
            software.amazon.awssdk.services.glue.model.CreateCrawlerRequest.Builder> more) {
        server.glue.createCrawler(b -> {
            b.name(name).role(ROLE).databaseName("lakedb").targets(t -> t.s3Targets(s -> s.path(path)));
            more.accept(b);
        });
    }

    private List<Partition> partitions(String table, String expression) {
        return server.glue.getPartitions(b -> b.databaseName("lakedb").tableName(table).expression(expression))
                .partitions();
    }

    @Test
    void crawlsCsvJsonAndParquetIntoPartitionedTablesAsGlueWritesThem() throws Exception {
        putLake();
        createCrawler("lake", "s3://lake/data/", b -> { });

        Crawler done = server.crawl("lake");

        assertThat(done.lastCrawl().status()).isEqualTo(LastCrawlStatus.SUCCEEDED);
        assertThat(done.lastCrawl().logGroup()).isEqualTo("/aws-glue/crawlers");
        assertThat(done.lastCrawl().logStream()).isEqualTo("lake");
        assertThat(done.lastCrawl().messagePrefix()).isNotBlank();
        List<Table> tables = server.glue.getTables(b -> b.databaseName("lakedb")).tableList();
        assertThat(tables).extracting(Table::name).containsExactly("events", "metrics", "sales");

        Table sales = server.glue.getTable(b -> b.databaseName("lakedb").name("sales")).table();
        assertThat(CrawlerServer.columns(sales)).containsExactly(Map.entry("id", "bigint"), Map.entry("name", "string"),
                Map.entry("amount", "double"), Map.entry("paid", "boolean"));
        assertThat(sales.partitionKeys()).extracting(Column::name, Column::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("year", "string"),
                        org.assertj.core.groups.Tuple.tuple("month", "string"));
        assertThat(sales.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(sales.storageDescriptor().location()).isEqualTo("s3://lake/data/sales/");
        assertThat(sales.storageDescriptor().inputFormat()).isEqualTo("org.apache.hadoop.mapred.TextInputFormat");
        assertThat(sales.storageDescriptor().outputFormat())
                .isEqualTo("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
        assertThat(sales.storageDescriptor().serdeInfo().serializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
        assertThat(sales.storageDescriptor().serdeInfo().parameters()).containsEntry("field.delim", ",");
        assertThat(sales.parameters()).containsEntry("classification", "csv")
                .containsEntry("skip.header.line.count", "1").containsEntry("delimiter", ",")
                .containsEntry("compressionType", "none").containsEntry("typeOfData", "file")
                .containsEntry("objectCount", "2").containsEntry("recordCount", "5")
                .containsEntry("UPDATED_BY_CRAWLER", "lake").containsEntry("CrawlerSchemaSerializerVersion", "1.0")
                .containsEntry("CrawlerSchemaDeserializerVersion", "1.0").containsEntry("areColumnsQuoted", "false")
                .containsEntry("columnsOrdered", "true").containsKeys("sizeKey", "averageRecordSize");

        List<Partition> all = partitions("sales", null);
        assertThat(all).extracting(Partition::values)
                .containsExactlyInAnyOrder(List.of("2024", "01"), List.of("2024", "02"));
        Partition feb = partitions("sales", "month = '02'").get(0);
        assertThat(partitions("sales", "month = '02'")).hasSize(1);
        assertThat(feb.values()).containsExactly("2024", "02");
        assertThat(feb.storageDescriptor().location()).isEqualTo("s3://lake/data/sales/year=2024/month=02/");
        assertThat(feb.storageDescriptor().serdeInfo().parameters()).containsEntry("field.delim", ",");
        assertThat(feb.storageDescriptor().parameters()).containsEntry("recordCount", "3");

        Table events = server.glue.getTable(b -> b.databaseName("lakedb").name("events")).table();
        assertThat(CrawlerServer.columns(events)).containsExactly(Map.entry("id", "int"),
                Map.entry("user", "struct<name:string,age:int>"), Map.entry("tags", "array<string>"),
                Map.entry("ts", "string"));
        assertThat(events.storageDescriptor().serdeInfo().serializationLibrary())
                .isEqualTo("org.openx.data.jsonserde.JsonSerDe");
        assertThat(events.parameters()).containsEntry("classification", "json").containsEntry("recordCount", "2")
                .doesNotContainKey("skip.header.line.count");

        Table metrics = server.glue.getTable(b -> b.databaseName("lakedb").name("metrics")).table();
        assertThat(CrawlerServer.columns(metrics)).containsExactly(Map.entry("id", "bigint"), Map.entry("name", "string"),
                Map.entry("qty", "int"), Map.entry("ratio", "double"), Map.entry("ok", "boolean"),
                Map.entry("day", "date"), Map.entry("ts", "timestamp"), Map.entry("amount", "decimal(10,2)"),
                Map.entry("tags", "array<string>"), Map.entry("attrs", "map<string,int>"),
                Map.entry("point", "struct<x:double,y:double>"));
        assertThat(metrics.storageDescriptor().inputFormat())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
        assertThat(metrics.storageDescriptor().outputFormat())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
        assertThat(metrics.storageDescriptor().serdeInfo().serializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        assertThat(metrics.parameters()).containsEntry("classification", "parquet").containsEntry("recordCount", "25");

        CrawlerMetrics m = server.glue.getCrawlerMetrics(b -> b.crawlerNameList("lake")).crawlerMetricsList().get(0);
        assertThat(m.tablesCreated()).isEqualTo(3);
        assertThat(server.glue.listCrawls(b -> b.crawlerName("lake")).crawls()).hasSize(1)
                .allSatisfy(c -> assertThat(c.stateAsString()).isEqualTo("COMPLETED"));
    }

    @Test
    void aRecrawlAddsTheNewPartitionAndTheNewColumnUnderUpdateInDatabase() throws Exception {
        putLake();
        createCrawler("lake", "s3://lake/data/sales/", b -> { });
        server.crawl("lake");
        Table before = server.glue.getTable(b -> b.databaseName("lakedb").name("sales")).table();
        assertThat(partitions("sales", null)).hasSize(2);

        server.put("lake", "data/sales/year=2024/month=03/part-0.csv",
                "id,name,amount,paid,discount\n6,fay,3.5,true,0.1\n7,gus,4,false,0.2\n");
        server.crawl("lake");

        Table after = server.glue.getTable(b -> b.databaseName("lakedb").name("sales")).table();
        assertThat(CrawlerServer.columns(after)).containsExactly(Map.entry("id", "bigint"), Map.entry("name", "string"),
                Map.entry("amount", "double"), Map.entry("paid", "boolean"), Map.entry("discount", "double"));
        assertThat(Long.parseLong(after.versionId())).isGreaterThan(Long.parseLong(before.versionId()));
        assertThat(partitions("sales", null)).extracting(Partition::values).containsExactlyInAnyOrder(
                List.of("2024", "01"), List.of("2024", "02"), List.of("2024", "03"));
        assertThat(partitions("sales", "month = '03'").get(0).storageDescriptor().columns())
                .extracting(Column::name).contains("discount");
    }

    @Test
    void anUnchangedRecrawlWritesNoNewTableVersion() throws Exception {
        putLake();
        createCrawler("lake", "s3://lake/data/sales/", b -> { });
        server.crawl("lake");
        String version = server.glue.getTable(b -> b.databaseName("lakedb").name("sales")).table().versionId();

        server.crawl("lake");

        assertThat(server.glue.getTable(b -> b.databaseName("lakedb").name("sales")).table().versionId())
                .isEqualTo(version);
        assertThat(server.glue.getCrawlerMetrics(b -> b.crawlerNameList("lake")).crawlerMetricsList().get(0)
                .tablesUpdated()).isZero();
    }

    @Test
    void underTheLogPolicyTheSchemaStaysButNewPartitionsAreAdded() throws Exception {
        putLake();
        createCrawler("lake", "s3://lake/data/sales/", b -> b.schemaChangePolicy(p -> p
                .updateBehavior(UpdateBehavior.LOG).deleteBehavior("LOG")));
        server.crawl("lake");

        server.put("lake", "data/sales/year=2024/month=03/part-0.csv",
                "id,name,amount,paid,discount\n6,fay,3.5,true,0.1\n7,gus,4,false,0.2\n");
        server.crawl("lake");

        Table after = server.glue.getTable(b -> b.databaseName("lakedb").name("sales")).table();
        assertThat(CrawlerServer.columns(after)).containsOnlyKeys("id", "name", "amount", "paid");
        assertThat(after.versionId()).isEqualTo("0");
        assertThat(partitions("sales", null)).hasSize(3);
    }

    @Test
    void mergeNewColumnsKeepsColumnsThatAreGoneAndDeleteBehaviorDeletesVanishedPartitions() throws Exception {
        putLake();
        createCrawler("lake", "s3://lake/data/sales/", b -> b
                .configuration("{\"Version\":1.0,\"CrawlerOutput\":{\"Tables\":{\"AddOrUpdateBehavior\":"
                        + "\"MergeNewColumns\"},\"Partitions\":{\"AddOrUpdateBehavior\":\"InheritFromTable\"}}}")
                .schemaChangePolicy(p -> p.updateBehavior(UpdateBehavior.UPDATE_IN_DATABASE)
                        .deleteBehavior("DELETE_FROM_DATABASE")));
        server.crawl("lake");
        server.s3.deleteObject(b -> b.bucket("lake").key("data/sales/year=2024/month=01/part-0.csv"));
        server.put("lake", "data/sales/year=2024/month=02/part-0.csv", "id,name,note\n3,carol,x\n4,dan,y\n");

        server.crawl("lake");

        Table t = server.glue.getTable(b -> b.databaseName("lakedb").name("sales")).table();
        assertThat(CrawlerServer.columns(t).keySet()).containsExactly("id", "name", "amount", "paid", "note");
        assertThat(partitions("sales", null)).extracting(Partition::values).containsExactly(List.of("2024", "02"));
        assertThat(partitions("sales", null).get(0).storageDescriptor().columns()).extracting(Column::name)
                .containsExactly("id", "name", "amount", "paid", "note");
    }

    @Test
    void unnamedFoldersBecomePartitionNAndExclusionsAreLeftOut() {
        server.put("lake", "logs/2024/01/a.csv", "a,b\n1,x\n2,y\n");
        server.put("lake", "logs/2024/02/a.csv", "a,b\n3,z\n4,w\n");
        server.put("lake", "logs/2024/02/skip.bak", "{\"other\":1}\n");
        server.put("lake", "logs/archive/2023/old.csv", "q;r;s\nx;y;z\n1;2;3\n");
        createCrawler("logs", "s3://lake/logs/", b -> b.tablePrefix("raw_")
                .configuration("{\"Version\":1.0,\"CreatePartitionIndex\":true}")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/logs/").exclusions("**.bak", "archive/**"))));

        server.crawl("logs");

        Table t = server.glue.getTable(b -> b.databaseName("lakedb").name("raw_logs")).table();
        assertThat(t.partitionKeys()).extracting(Column::name).containsExactly("partition_0", "partition_1");
        assertThat(partitions("raw_logs", "partition_1 = '02'")).extracting(Partition::values)
                .containsExactly(List.of("2024", "02"));
        assertThat(server.glue.getTables(b -> b.databaseName("lakedb")).tableList()).hasSize(1);
        assertThat(server.glue.getPartitionIndexes(b -> b.databaseName("lakedb").tableName("raw_logs"))
                .partitionIndexDescriptorList()).singleElement().satisfies(i -> assertThat(i.keys())
                        .extracting(k -> k.name()).containsExactly("partition_0", "partition_1"));
    }

    @Test
    void gzipTextAndACustomCsvClassifierAreRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("k|v\n1|a\n2|b\n".getBytes(StandardCharsets.UTF_8));
        }
        server.put("lake", "pipes/p.csv.gz", bytes.toByteArray());
        server.glue.createClassifier(b -> b.csvClassifier(c -> c.name("pipes").delimiter("|")
                .containsHeader("ABSENT").header("key", "value")));
        createCrawler("pipes", "s3://lake/pipes/", b -> b.classifiers("pipes"));

        server.crawl("pipes");

        Table t = server.glue.getTable(b -> b.databaseName("lakedb").name("pipes")).table();
        assertThat(CrawlerServer.columns(t)).containsExactly(Map.entry("key", "string"), Map.entry("value", "string"));
        assertThat(t.parameters()).containsEntry("compressionType", "gzip").containsEntry("delimiter", "|")
                .doesNotContainKey("skip.header.line.count");
        assertThat(t.storageDescriptor().compressed()).isTrue();

        ByteArrayOutputStream bz = new ByteArrayOutputStream();
        bz.write('B');
        bz.write('Z');
        try (var out = new org.apache.hadoop.io.compress.bzip2.CBZip2OutputStream(bz)) {
            out.write("id,name\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8));
        }
        server.put("lake", "bz/p.csv.bz2", bz.toByteArray());
        createCrawler("bz", "s3://lake/bz/", b -> { });
        server.crawl("bz");
        Table bzipped = server.glue.getTable(b -> b.databaseName("lakedb").name("bz")).table();
        assertThat(CrawlerServer.columns(bzipped)).containsExactly(Map.entry("id", "bigint"),
                Map.entry("name", "string"));
        assertThat(bzipped.parameters()).containsEntry("compressionType", "bzip2").containsEntry("recordCount", "2");
    }

    @Test
    void crawlingWithoutAFeasibleTargetFailsTheCrawlWithItsReason() {
        server.glue.createCrawler(b -> b.name("jdbc").role(ROLE).databaseName("lakedb")
                .targets(t -> t.jdbcTargets(j -> j.connectionName("pg").path("db/%"))));
        server.glue.createCrawler(b -> b.name("nobucket").role(ROLE).databaseName("lakedb")
                .targets(t -> t.s3Targets(s -> s.path("s3://missing-bucket/x/"))));

        assertThat(server.crawl("jdbc").lastCrawl()).satisfies(l -> {
            assertThat(l.status()).isEqualTo(LastCrawlStatus.FAILED);
            assertThat(l.errorMessage()).contains("JDBC");
        });
        assertThat(server.crawl("nobucket").lastCrawl().errorMessage()).contains("missing-bucket");
        assertThat(server.glue.listCrawls(b -> b.crawlerName("jdbc")
                .filters(f -> f.fieldName("STATE").filterOperator("EQ").fieldValue("FAILED"))).crawls()).hasSize(1);
    }

    @Test
    void eventModeRecrawlsOnlyTheFoldersS3EventsNamed() {
        server.put("lake", "clicks/dt=1/a.json", "{\"id\":1}\n");
        createCrawler("clicks", "s3://lake/clicks/", b -> b.recrawlPolicy(r -> r
                .recrawlBehavior(RecrawlBehavior.CRAWL_EVENT_MODE)));
        server.crawl("clicks");
        assertThat(partitions("clicks", null)).extracting(Partition::values).containsExactly(List.of("1"));
        // Removed from the catalog by hand: a full crawl would put it back, an event-mode one must not.
        server.glue.batchDeletePartition(b -> b.databaseName("lakedb").tableName("clicks")
                .partitionsToDelete(p -> p.values("1")));

        server.put("lake", "clicks/dt=2/a.json", "{\"id\":2,\"extra\":\"x\"}\n");
        // The event reaches the crawler asynchronously: crawl until the new folder shows up.
        List<Partition> found = CrawlerServer.await(() -> {
            server.crawl("clicks");
            return partitions("clicks", null);
        }, p -> !p.isEmpty(), Duration.ofSeconds(20));

        assertThat(found).extracting(Partition::values).containsExactly(List.of("2"));
        assertThat(CrawlerServer.columns(server.glue.getTable(b -> b.databaseName("lakedb").name("clicks")).table()))
                .containsOnlyKeys("id", "extra");
    }

    @Test
    void theCrawlerApiKeepsDefinitionsAndReportsMissingOnes() {
        createCrawler("one", "s3://lake/a/", b -> b.tags(Map.of("team", "data")));
        createCrawler("two", "s3://lake/b/", b -> b.description("second"));

        assertThatThrownBy(() -> createCrawler("one", "s3://lake/a/", b -> { }))
                .isInstanceOf(software.amazon.awssdk.services.glue.model.AlreadyExistsException.class);
        assertThatThrownBy(() -> server.glue.getCrawler(b -> b.name("nope")))
                .isInstanceOf(EntityNotFoundException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> server.glue.startCrawler(b -> b.name("nope")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> server.glue.stopCrawler(b -> b.name("one")))
                .isInstanceOf(software.amazon.awssdk.services.glue.model.CrawlerNotRunningException.class);

        Crawler one = server.glue.getCrawler(b -> b.name("one")).crawler();
        assertThat(one.state()).isEqualTo(CrawlerState.READY);
        assertThat(one.version()).isEqualTo(1L);
        assertThat(one.schemaChangePolicy().updateBehaviorAsString()).isEqualTo("UPDATE_IN_DATABASE");
        assertThat(one.schemaChangePolicy().deleteBehaviorAsString()).isEqualTo("DEPRECATE_IN_DATABASE");
        assertThat(one.recrawlPolicy().recrawlBehavior()).isEqualTo(RecrawlBehavior.CRAWL_EVERYTHING);
        assertThat(one.creationTime()).isNotNull();

        server.glue.updateCrawler(b -> b.name("one").description("changed"));
        Crawler updated = server.glue.getCrawler(b -> b.name("one")).crawler();
        assertThat(updated.version()).isEqualTo(2L);
        assertThat(updated.description()).isEqualTo("changed");
        assertThat(updated.targets().s3Targets().get(0).path()).isEqualTo("s3://lake/a/");

        var first = server.glue.getCrawlers(b -> b.maxResults(1));
        assertThat(first.crawlers()).extracting(Crawler::name).containsExactly("one");
        assertThat(server.glue.getCrawlers(b -> b.maxResults(1).nextToken(first.nextToken())).crawlers())
                .extracting(Crawler::name).containsExactly("two");
        assertThat(server.glue.listCrawlers(b -> b.tags(Map.of("team", "data"))).crawlerNames())
                .containsExactly("one");
        assertThat(server.glue.listCrawlers(b -> b.maxResults(5)).crawlerNames()).containsExactly("one", "two");
        var batch = server.glue.batchGetCrawlers(b -> b.crawlerNames("one", "nope"));
        assertThat(batch.crawlers()).extracting(Crawler::name).containsExactly("one");
        assertThat(batch.crawlersNotFound()).containsExactly("nope");
        assertThat(server.glue.getTags(b -> b.resourceArn("arn:aws:glue:us-east-1:000000000000:crawler/one")).tags())
                .containsEntry("team", "data");

        server.glue.deleteCrawler(b -> b.name("one"));
        assertThatThrownBy(() -> server.glue.getCrawler(b -> b.name("one")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> server.glue.deleteCrawler(b -> b.name("one")))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void invalidDefinitionsAreRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> createCrawler("bad", "s3://lake/a/", b -> b.schedule("cron(0 12 * * *)")))
                .isInstanceOf(software.amazon.awssdk.services.glue.model.InvalidInputException.class);
        assertThatThrownBy(() -> createCrawler("bad", "s3://lake/a/", b -> b.schedule("0 12 * * ? *")))
                .isInstanceOf(software.amazon.awssdk.services.glue.model.InvalidInputException.class);
        assertThatThrownBy(() -> createCrawler("bad", "s3://lake/a/", b -> b.configuration("{\"Version\":1.0,"
                + "\"Grouping\":{\"TableGroupingPolicy\":\"Whatever\"}}")))
                .isInstanceOf(software.amazon.awssdk.services.glue.model.InvalidInputException.class);
        assertThatThrownBy(() -> createCrawler("bad", "s3://lake/a/", b -> b
                .recrawlPolicy(r -> r.recrawlBehavior(RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY))))
                .isInstanceOf(software.amazon.awssdk.services.glue.model.InvalidInputException.class)
                .hasMessageContaining("Crawl new folders only");
        assertThatThrownBy(() -> createCrawler("bad", "s3://lake/a/", b -> b.classifiers("missing")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> server.glue.getCrawler(b -> b.name("bad")))
                .isInstanceOf(EntityNotFoundException.class);

        createCrawler("good", "s3://lake/a/", b -> b.schedule("cron(15 12 * * ? *)"));
        assertThatThrownBy(() -> server.glue.updateCrawlerSchedule(b -> b.crawlerName("good").schedule("cron(x)")))
                .isInstanceOf(software.amazon.awssdk.services.glue.model.InvalidInputException.class);
        assertThat(server.glue.getCrawler(b -> b.name("good")).crawler().schedule().scheduleExpression())
                .isEqualTo("cron(15 12 * * ? *)");
    }

    @Test
    void tablesWhoseDataIsGoneAreDeprecatedByDefaultAndDeletedWhenAsked() {
        server.put("lake", "multi/a/1.csv", "id,name\n1,x\n2,y\n");
        server.put("lake", "multi/b/1.json", "{\"k\":1}\n");
        createCrawler("deprecating", "s3://lake/multi/", b -> { });
        createCrawler("deleting", "s3://lake/multi/", b -> b.tablePrefix("d_").schemaChangePolicy(p -> p
                .updateBehavior(UpdateBehavior.UPDATE_IN_DATABASE).deleteBehavior("DELETE_FROM_DATABASE")));
        server.crawl("deprecating");
        server.crawl("deleting");
        assertThat(server.glue.getTables(b -> b.databaseName("lakedb")).tableList()).extracting(Table::name)
                .containsExactly("a", "b", "d_a", "d_b");

        server.s3.deleteObject(b -> b.bucket("lake").key("multi/b/1.json"));
        server.crawl("deprecating");
        server.crawl("deleting");

        assertThat(server.glue.getTables(b -> b.databaseName("lakedb")).tableList()).extracting(Table::name)
                .containsExactly("a", "b", "d_a");
        assertThat(server.glue.getTable(b -> b.databaseName("lakedb").name("b")).table().parameters())
                .containsEntry("DEPRECATED_BY_CRAWLER", "deprecating");
        assertThat(server.glue.getTable(b -> b.databaseName("lakedb").name("a")).table().parameters())
                .doesNotContainKey("DEPRECATED_BY_CRAWLER");
        assertThat(server.glue.getCrawlerMetrics(b -> b.crawlerNameList("deleting")).crawlerMetricsList().get(0)
                .tablesDeleted()).isEqualTo(1);
    }

    @Test
    void newFoldersOnlyLeavesCrawledFoldersAlone() {
        server.put("lake", "nf/month=01/1.csv", "id,name\n1,x\n2,y\n");
        createCrawler("nf", "s3://lake/nf/", b -> b.recrawlPolicy(r -> r
                .recrawlBehavior(RecrawlBehavior.CRAWL_NEW_FOLDERS_ONLY)).schemaChangePolicy(p -> p
                .updateBehavior(UpdateBehavior.LOG).deleteBehavior("LOG")));
        server.crawl("nf");

        server.put("lake", "nf/month=01/2.csv", "id,name,seen\n3,z,true\n4,w,false\n");
        server.put("lake", "nf/month=02/1.csv", "id,name,other\n5,v,1\n6,u,2\n");
        server.crawl("nf");

        List<Partition> all = partitions("nf", null);
        assertThat(all).extracting(Partition::values).containsExactlyInAnyOrder(List.of("01"), List.of("02"));
        assertThat(partitions("nf", "month = '02'").get(0).storageDescriptor().columns()).extracting(Column::name)
                .containsExactly("id", "name", "other");
        assertThat(partitions("nf", "month = '01'").get(0).storageDescriptor().parameters())
                .containsEntry("objectCount", "1");
        assertThat(CrawlerServer.columns(server.glue.getTable(b -> b.databaseName("lakedb").name("nf")).table()))
                .containsOnlyKeys("id", "name");
    }

    @Test
    void aSampleSizeReadsOnlyThatManyFilesPerFolderButCountsThemAll() {
        server.put("lake", "sampled/a-1.csv", "id,name\n1,x\n2,y\n");
        server.put("lake", "sampled/a-2.csv", "id,name,hidden\n3,z,1\n4,w,2\n");
        server.put("lake", "sampled/a-3.csv", "id,name,hidden\n5,v,3\n6,u,4\n");
        createCrawler("sampled", "s3://lake/sampled/", b -> b.targets(t -> t.s3Targets(s -> s
                .path("s3://lake/sampled/").sampleSize(1))));

        server.crawl("sampled");

        Table t = server.glue.getTable(b -> b.databaseName("lakedb").name("sampled")).table();
        assertThat(CrawlerServer.columns(t)).containsOnlyKeys("id", "name");
        assertThat(t.parameters()).containsEntry("objectCount", "3");
    }
}
