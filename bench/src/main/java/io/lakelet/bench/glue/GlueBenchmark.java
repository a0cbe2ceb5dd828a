package io.lakelet.bench.glue;

import io.lakelet.bench.BenchFiles;
import io.lakelet.bench.Benchmark;
import io.lakelet.bench.Options;
import io.lakelet.bench.Report;
import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.core.server.LakeletServer;
import io.lakelet.glue.GlueModule;
import io.lakelet.s3.S3Module;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.PartitionInput;

/**
 * Glue: how long a crawler takes over 1,000 and 10,000 small CSV objects in Hive-style folders (from
 * StartCrawler until READY with LastCrawl SUCCEEDED, through the real Glue client), and how long
 * GetPartitions with an expression takes over a table of 100,000 partitions, paging through every match.
 */
public final class GlueBenchmark implements Benchmark {

    @Override
    public String name() {
        return "glue";
    }

    @Override
    public String description() {
        return "crawl time over 1,000 and 10,000 objects; GetPartitions with an expression over 100,000 partitions";
    }

    @Override
    public List<String> optionHelp() {
        return List.of(
                "--crawl-objects=1000,10000  objects per crawl, one crawl each",
                "--partitions=100000         partitions of the GetPartitions table",
                "--runs=3                    timed GetPartitions runs per expression");
    }

    @Override
    public void run(Options options, Report report) throws Exception {
        List<Integer> crawls = java.util.Arrays.stream(options.get("crawl-objects", "1000,10000").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
        int partitions = options.getInt("partitions", 100_000);
        int runs = options.getInt("runs", 3);
        options.rejectUnknown();
        report.describeMachine();
        Path dir = Files.createTempDirectory("lakelet-glue-bench");
        LakeletConfig config = LakeletConfig.of(Map.of(LakeletConfig.Keys.HOST, "127.0.0.1",
                LakeletConfig.Keys.PORT, "0", LakeletConfig.Keys.DATA_DIR, dir.resolve("lakelet").toString()));
        try (LakeletServer server = LakeletServer.start(config, Clock.systemUTC(), List.of(new S3Module(), new GlueModule()));
             GlueClient glue = GlueClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                     .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                     .build()) {
            report.note("lakelet: in-process LakeletServer (S3, Glue) on port %d, store in %s; objects written "
                    + "through the ObjectStore port, everything else through the Glue client", server.port(), dir);
            ObjectStore store = server.ports().require(ObjectStore.class);
            String account = config.defaultAccount();
            glue.createDatabase(b -> b.databaseInput(d -> d.name("bench")));
            for (int objects : crawls) {
                crawl(report, glue, store, account, objects);
            }
            getPartitions(report, glue, partitions, runs);
            report.noteFinalLoad();
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    /** Objects spread over year=/month=/day= folders, each a small CSV with a header. */
    private static void crawl(Report report, GlueClient glue, ObjectStore store, String account, int objects)
            throws InterruptedException {
        String bucket = "crawl-" + objects;
        store.ensureBucket(account, "us-east-1", bucket);
        for (int i = 0; i < objects; i++) {
            String key = String.format("events/year=%d/month=%02d/day=%02d/part-%05d.csv", 2020 + i % 5,
                    1 + (i / 5) % 12, 1 + (i / 60) % 28, i);
            byte[] body = ("id,name,score,at\n" + i + ",name-" + i + "," + (i * 0.5) + ",2024-01-01 00:00:00\n"
                    + (i + 1) + ",other," + i + ",2024-01-02 00:00:00\n").getBytes(StandardCharsets.UTF_8);
            store.put(account, bucket, key, new ByteArrayInputStream(body), body.length, "text/csv", Map.of());
        }
        String name = "bench-" + objects;
        glue.createCrawler(b -> b.name(name).role("arn:aws:iam::000000000000:role/glue").databaseName("bench")
                .tablePrefix("c" + objects + "_").targets(t -> t.s3Targets(s -> s.path("s3://" + bucket + "/events/"))));
        long start = System.nanoTime();
        glue.startCrawler(b -> b.name(name));
        Crawler c;
        do {
            Thread.sleep(20);
            c = glue.getCrawler(b -> b.name(name)).crawler();
        } while (c.state() != CrawlerState.READY || c.lastCrawl() == null);
        long millis = (System.nanoTime() - start) / 1_000_000;
        int found = glue.getPartitions(b -> b.databaseName("bench").tableName("c" + objects + "_events")).partitions().size();
        report.note("crawl of %,d objects in %s: %,d ms from StartCrawler to READY (LastCrawl %s, %s); "
                + "first page of partitions: %d", objects, "year=/month=/day= folders", millis, c.lastCrawl().status(),
                c.lastCrawl().errorMessage() == null ? "no error" : c.lastCrawl().errorMessage(), found);
    }

    private static void getPartitions(Report report, GlueClient glue, int partitions, int runs) {
        glue.createTable(b -> b.databaseName("bench").tableInput(t -> t.name("many").tableType("EXTERNAL_TABLE")
                .partitionKeys(Column.builder().name("year").type("string").build(),
                        Column.builder().name("month").type("string").build(),
                        Column.builder().name("day").type("int").build())
                .storageDescriptor(s -> s.location("s3://nowhere/many/")
                        .columns(Column.builder().name("id").type("bigint").build()))));
        long start = System.nanoTime();
        List<PartitionInput> batch = new ArrayList<>();
        int made = 0;
        outer:
        for (int year = 2000; ; year++) {
            for (int month = 1; month <= 12; month++) {
                for (int day = 1; day <= 28; day++) {
                    if (made++ >= partitions) {
                        break outer;
                    }
                    batch.add(PartitionInput.builder().values(Integer.toString(year), String.format("%02d", month),
                            Integer.toString(day)).storageDescriptor(s -> s.location("s3://nowhere/many/p/")).build());
                    if (batch.size() == 100) {
                        List<PartitionInput> send = List.copyOf(batch);
                        glue.batchCreatePartition(b -> b.databaseName("bench").tableName("many").partitionInputList(send));
                        batch.clear();
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            glue.batchCreatePartition(b -> b.databaseName("bench").tableName("many").partitionInputList(batch));
        }
        report.note("");
        report.note("GetPartitions: %,d partitions (year, month, day) created with BatchCreatePartition in %,d ms",
                partitions, (System.nanoTime() - start) / 1_000_000);
        for (String expression : List.of("year = '2150' AND month = '06'", "year BETWEEN '2100' AND '2109' AND day < 8",
                "month IN ('01', '07') AND day = 15", "")) {
            long best = Long.MAX_VALUE;
            int matched = 0;
            for (int run = 0; run < runs; run++) {
                long t = System.nanoTime();
                matched = 0;
                String token = null;
                do {
                    String next = token;
                    GetPartitionsResponse page = glue.getPartitions(b -> b.databaseName("bench").tableName("many")
                            .expression(expression.isEmpty() ? null : expression).nextToken(next));
                    matched += page.partitions().size();
                    token = page.nextToken();
                } while (token != null);
                best = Math.min(best, System.nanoTime() - t);
            }
            report.note("  %-48s %,7d partitions in %,8.1f ms (best of %d, all pages)",
                    expression.isEmpty() ? "(no expression)" : expression, matched, best / 1e6, runs);
        }
    }
}
