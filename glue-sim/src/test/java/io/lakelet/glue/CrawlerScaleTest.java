package io.lakelet.glue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;

/**
 * A thousand small CSV files in a hundred partitions (or {@code -Dlakelet.crawl.files=N}): the crawl's
 * time is printed, its result checked.
 */
class CrawlerScaleTest {
    private static final int FILES = Integer.getInteger("lakelet.crawl.files", 1000);
    private static CrawlerServer server;

    @BeforeAll
    static void start() {
        server = CrawlerServer.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void crawlsAThousandSmallFiles() throws Exception {
        server.bucket("big");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                int n = i;
                puts.add(pool.submit(() -> server.put("big", "rows/day=" + (n / 10) + "/part-" + n + ".csv",
                        "id,name,score\n" + n + ",name" + n + "," + (n * 0.5) + "\n" + (n + 1) + ",x,1.5\n")));
            }
            for (Future<?> f : puts) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        server.glue.createCrawler(b -> b.name("big").role("arn:aws:iam::000000000000:role/r").databaseName("db")
                .targets(t -> t.s3Targets(s -> s.path("s3://big/rows/"))));

        long start = System.nanoTime();
        Crawler done = server.crawl("big");
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.println("Crawling " + FILES + " small CSV files (" + FILES / 10 + " partitions) took " + ms + " ms");

        assertThat(done.lastCrawl().status()).isEqualTo(LastCrawlStatus.SUCCEEDED);
        var table = server.glue.getTable(b -> b.databaseName("db").name("rows")).table();
        assertThat(table.parameters()).containsEntry("objectCount", Integer.toString(FILES))
                .containsEntry("recordCount", Integer.toString(2 * FILES));
        int partitions = 0;
        String token = null;
        do {
            String t = token;
            var page = server.glue.getPartitions(b -> b.databaseName("db").tableName("rows").nextToken(t));
            partitions += page.partitions().size();
            token = page.nextToken();
        } while (token != null);
        assertThat(partitions).isEqualTo(FILES / 10);
    }
}
