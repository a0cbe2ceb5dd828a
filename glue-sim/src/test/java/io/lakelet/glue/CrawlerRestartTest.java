package io.lakelet.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.glue.crawler.Crawlers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.ScheduleState;

/** Crawlers and classifiers survive a restart; a crawl cut short by it ends FAILED, and crawls again. */
class CrawlerRestartTest {

    @Test
    void definitionsSurviveAndAnInterruptedCrawlEndsFailed(@TempDir Path dir) {
        // given
        try (CrawlerServer first = CrawlerServer.start(Map.of("LAKELET_DATA_DIR", dir.toString(),
                Crawlers.MIN_RUN_MS, "600000"))) {
            first.bucket("lake");
            first.put("lake", "t/a.csv", "id,name\n1,a\n2,b\n");
            first.glue.createClassifier(b -> b.jsonClassifier(c -> c.name("rows").jsonPath("$[*]")));
            first.glue.createCrawler(b -> b.name("c").role("arn:aws:iam::000000000000:role/r").databaseName("db")
                    .classifiers("rows").schedule("cron(0 1 * * ? *)")
                    .targets(t -> t.s3Targets(s -> s.path("s3://lake/t/"))));
            first.glue.startCrawler(b -> b.name("c"));
            assertThat(first.glue.getCrawler(b -> b.name("c")).crawler().state()).isEqualTo(CrawlerState.RUNNING);
        }
        // when
        try (CrawlerServer second = CrawlerServer.start(Map.of("LAKELET_DATA_DIR", dir.toString()))) {
            // then
            Crawler c = second.glue.getCrawler(b -> b.name("c")).crawler();
            assertThat(c.state()).isEqualTo(CrawlerState.READY);
            assertThat(c.lastCrawl().status()).isEqualTo(LastCrawlStatus.FAILED);
            assertThat(c.lastCrawl().errorMessage()).contains("interrupted");
            assertThat(c.schedule().state()).isEqualTo(ScheduleState.SCHEDULED);
            assertThat(c.classifiers()).containsExactly("rows");
            assertThat(second.glue.getClassifier(b -> b.name("rows")).classifier().jsonClassifier().jsonPath())
                    .isEqualTo("$[*]");
            assertThat(second.crawl("c").lastCrawl().status()).isEqualTo(LastCrawlStatus.SUCCEEDED);
            assertThat(second.glue.getTable(b -> b.databaseName("db").name("t")).table().parameters())
                    .containsEntry("classification", "csv");
        }
    }
}
