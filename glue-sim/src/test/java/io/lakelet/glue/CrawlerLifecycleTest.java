package io.lakelet.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.glue.crawler.Crawlers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerNotRunningException;
import software.amazon.awssdk.services.glue.model.CrawlerRunningException;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.CrawlerStoppingException;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.NoScheduleException;
import software.amazon.awssdk.services.glue.model.ScheduleState;
import software.amazon.awssdk.services.glue.model.SchedulerNotRunningException;
import software.amazon.awssdk.services.glue.model.SchedulerRunningException;

/**
 * A crawler's states and schedule, on a server where every crawl lasts at least two seconds (so RUNNING
 * and STOPPING can be seen) and the scheduler looks at the clock every 50 ms.
 */
class CrawlerLifecycleTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/crawler";
    private static CrawlerServer server;

    @BeforeAll
    static void start() {
        server = CrawlerServer.start(Map.of(Crawlers.MIN_RUN_MS, "2000", Crawlers.TICK_MS, "50"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clean() {
        server.reset();
        server.bucket("lake");
        server.put("lake", "t/a.csv", "id,name\n1,a\n2,b\n");
    }

    private Crawler crawler(String name) {
        return server.glue.getCrawler(b -> b.name(name)).crawler();
    }

    @Test
    void aRunningCrawlerRefusesASecondStartAndStopsAsCancelled() {
        server.glue.createCrawler(b -> b.name("c").role(ROLE).databaseName("db")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/t/"))));

        server.glue.startCrawler(b -> b.name("c"));

        Crawler running = crawler("c");
        assertThat(running.state()).isEqualTo(CrawlerState.RUNNING);
        assertThat(running.lastCrawl()).isNull();
        assertThatThrownBy(() -> server.glue.startCrawler(b -> b.name("c")))
                .isInstanceOf(CrawlerRunningException.class);
        assertThatThrownBy(() -> server.glue.deleteCrawler(b -> b.name("c")))
                .isInstanceOf(CrawlerRunningException.class);
        server.glue.stopCrawler(b -> b.name("c"));
        assertThat(crawler("c").state()).isEqualTo(CrawlerState.STOPPING);
        assertThatThrownBy(() -> server.glue.stopCrawler(b -> b.name("c")))
                .isInstanceOf(CrawlerStoppingException.class);

        Crawler done = CrawlerServer.await(() -> crawler("c"), c -> c.state() == CrawlerState.READY,
                Duration.ofSeconds(10));
        assertThat(done.lastCrawl().status()).isEqualTo(LastCrawlStatus.CANCELLED);
        assertThatThrownBy(() -> server.glue.stopCrawler(b -> b.name("c")))
                .isInstanceOf(CrawlerNotRunningException.class);
        assertThat(server.glue.listCrawls(b -> b.crawlerName("c")).crawls()).singleElement()
                .satisfies(h -> assertThat(h.stateAsString()).isEqualTo("STOPPED"));
    }

    @Test
    void aCompletedCrawlReportsItsElapsedTimeWhileRunningAndSucceeds() {
        server.glue.createCrawler(b -> b.name("c").role(ROLE).databaseName("db")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/t/"))));
        server.glue.startCrawler(b -> b.name("c"));

        Crawler later = CrawlerServer.await(() -> crawler("c"), c -> c.crawlElapsedTime() > 0
                || c.state() == CrawlerState.READY, Duration.ofSeconds(10));
        assertThat(later.state()).isEqualTo(CrawlerState.RUNNING);

        Crawler done = CrawlerServer.await(() -> crawler("c"), c -> c.state() == CrawlerState.READY,
                Duration.ofSeconds(10));
        assertThat(done.lastCrawl().status()).isEqualTo(LastCrawlStatus.SUCCEEDED);
        assertThat(server.glue.getCrawlerMetrics(b -> b.crawlerNameList("c")).crawlerMetricsList().get(0)
                .lastRuntimeSeconds()).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void aScheduledCrawlerRunsWhenTheClockReachesItsCronTime() {
        server.clock.set(Instant.parse("2030-01-01T12:14:00Z"));
        server.glue.createCrawler(b -> b.name("s").role(ROLE).databaseName("db").schedule("cron(15 12 * * ? *)")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/t/"))));
        Crawler created = crawler("s");
        assertThat(created.schedule().state()).isEqualTo(ScheduleState.SCHEDULED);
        assertThat(created.lastCrawl()).isNull();
        assertThat(created.state()).isEqualTo(CrawlerState.READY);

        server.clock.set(Instant.parse("2030-01-01T12:15:30Z"));

        Crawler ran = CrawlerServer.await(() -> crawler("s"), c -> c.lastCrawl() != null
                && c.state() == CrawlerState.READY, Duration.ofSeconds(15));
        assertThat(ran.lastCrawl().status()).isEqualTo(LastCrawlStatus.SUCCEEDED);
        assertThat(ran.lastCrawl().startTime()).isAfterOrEqualTo(Instant.parse("2030-01-01T12:15:00Z"));
        assertThat(server.glue.getTables(b -> b.databaseName("db")).tableList()).hasSize(1);
    }

    @Test
    void scheduleStatesMoveAsStartAndStopCrawlerScheduleSay() {
        server.glue.createCrawler(b -> b.name("none").role(ROLE).databaseName("db")
                .targets(t -> t.s3Targets(s -> s.path("s3://lake/t/"))));
        assertThatThrownBy(() -> server.glue.startCrawlerSchedule(b -> b.crawlerName("none")))
                .isInstanceOf(NoScheduleException.class);
        assertThatThrownBy(() -> server.glue.stopCrawlerSchedule(b -> b.crawlerName("none")))
                .isInstanceOf(SchedulerNotRunningException.class);

        server.glue.updateCrawlerSchedule(b -> b.crawlerName("none").schedule("cron(0 3 ? * MON-FRI *)"));
        assertThat(crawler("none").schedule().state()).isEqualTo(ScheduleState.SCHEDULED);
        assertThatThrownBy(() -> server.glue.startCrawlerSchedule(b -> b.crawlerName("none")))
                .isInstanceOf(SchedulerRunningException.class);
        server.glue.stopCrawlerSchedule(b -> b.crawlerName("none"));
        assertThat(crawler("none").schedule().state()).isEqualTo(ScheduleState.NOT_SCHEDULED);
        assertThatThrownBy(() -> server.glue.stopCrawlerSchedule(b -> b.crawlerName("none")))
                .isInstanceOf(SchedulerNotRunningException.class);
        server.glue.startCrawlerSchedule(b -> b.crawlerName("none"));
        assertThat(crawler("none").schedule().state()).isEqualTo(ScheduleState.SCHEDULED);
        assertThat(crawler("none").schedule().scheduleExpression()).isEqualTo("cron(0 3 ? * MON-FRI *)");
    }
}
