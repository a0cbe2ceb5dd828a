package io.lakelet.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** PutMetricData read back through GetMetricStatistics and GetMetricData, with the real SDK v2 clients. */
class MetricsTest {
    private static CloudWatchServer cw;
    /** The start of a whole hour two hours ago: periods of data below align with it. */
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));

    @BeforeAll
    static void start() {
        cw = CloudWatchServer.start();
    }

    @AfterAll
    static void stop() {
        cw.close();
    }

    private static final Dimension SHARD = Dimension.builder().name("ShardId").value("shard-0").build();
    private static final Dimension OP = Dimension.builder().name("Operation").value("ProcessTask").build();

    @Test
    void statisticsOfValuesOneMinuteApart() {
        String ns = CloudWatchServer.namespace();
        // given values 1..10 in the first minute and 100 in the second, with dimensions in any order
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            data.add(MetricDatum.builder().metricName("Latency").dimensions(SHARD, OP).unit(StandardUnit.MILLISECONDS)
                    .timestamp(BASE.plusSeconds(i)).value((double) i).build());
        }
        data.add(MetricDatum.builder().metricName("Latency").dimensions(OP, SHARD).unit(StandardUnit.MILLISECONDS)
                .timestamp(BASE.plusSeconds(61)).value(100.0).build());
        cw.sync.putMetricData(b -> b.namespace(ns).metricData(data));

        // when statistics per minute are asked for
        GetMetricStatisticsResponse r = cw.sync.getMetricStatistics(b -> b.namespace(ns).metricName("Latency")
                .dimensions(OP, SHARD).startTime(BASE).endTime(BASE.plus(Duration.ofMinutes(5))).period(60)
                .statistics(Statistic.SAMPLE_COUNT, Statistic.AVERAGE, Statistic.SUM, Statistic.MINIMUM, Statistic.MAXIMUM)
                .extendedStatistics("p50", "p90", "p100"));

        // then there is one datapoint per minute with data, with every statistic
        assertThat(r.label()).isEqualTo("Latency");
        List<Datapoint> points = new ArrayList<>(r.datapoints());
        points.sort(Comparator.comparing(Datapoint::timestamp));
        assertThat(points).hasSize(2);
        Datapoint first = points.get(0);
        assertThat(first.timestamp()).isEqualTo(BASE);
        assertThat(first.unit()).isEqualTo(StandardUnit.MILLISECONDS);
        assertThat(first.sampleCount()).isEqualTo(10.0);
        assertThat(first.sum()).isEqualTo(55.0);
        assertThat(first.average()).isEqualTo(5.5);
        assertThat(first.minimum()).isEqualTo(1.0);
        assertThat(first.maximum()).isEqualTo(10.0);
        assertThat(first.extendedStatistics()).containsEntry("p50", 5.0).containsEntry("p90", 9.0)
                .containsEntry("p100", 10.0);
        assertThat(points.get(1).timestamp()).isEqualTo(BASE.plusSeconds(60));
        assertThat(points.get(1).sum()).isEqualTo(100.0);

        // and other dimensions, another unit, or a time range without data give nothing
        assertThat(cw.sync.getMetricStatistics(b -> b.namespace(ns).metricName("Latency").dimensions(SHARD)
                .startTime(BASE).endTime(BASE.plusSeconds(300)).period(60).statistics(Statistic.SUM)).datapoints()).isEmpty();
        assertThat(cw.sync.getMetricStatistics(b -> b.namespace(ns).metricName("Latency").dimensions(SHARD, OP)
                .unit(StandardUnit.COUNT).startTime(BASE).endTime(BASE.plusSeconds(300)).period(60)
                .statistics(Statistic.SUM)).datapoints()).isEmpty();
        assertThat(cw.sync.getMetricStatistics(b -> b.namespace(ns).metricName("Latency").dimensions(SHARD, OP)
                .startTime(BASE.plusSeconds(120)).endTime(BASE.plusSeconds(300)).period(60)
                .statistics(Statistic.SUM)).datapoints()).isEmpty();
    }

    @Test
    void valuesWithCountsAndStatisticSetsAggregateTogether() {
        String ns = CloudWatchServer.namespace();
        // given a datum of values with counts and a statistic set in the same period
        cw.sync.putMetricData(b -> b.namespace(ns).metricData(
                MetricDatum.builder().metricName("RecordsProcessed").timestamp(BASE).unit(StandardUnit.COUNT)
                        .values(1.0, 2.0).counts(3.0, 1.0).build(),
                MetricDatum.builder().metricName("RecordsProcessed").timestamp(BASE.plusSeconds(30)).unit(StandardUnit.COUNT)
                        .statisticValues(s -> s.sampleCount(4.0).sum(20.0).minimum(3.0).maximum(7.0)).build()));

        // when they are read over one hour
        Datapoint p = cw.async.getMetricStatistics(b -> b.namespace(ns).metricName("RecordsProcessed")
                .startTime(BASE).endTime(BASE.plusSeconds(3600)).period(3600)
                .statistics(Statistic.SAMPLE_COUNT, Statistic.SUM, Statistic.MINIMUM, Statistic.MAXIMUM, Statistic.AVERAGE)
                .extendedStatistics("p50")).join().datapoints().get(0);

        // then both contribute; the percentile is unknown, since a statistic set hides its values
        assertThat(p.sampleCount()).isEqualTo(8.0);
        assertThat(p.sum()).isEqualTo(25.0);
        assertThat(p.minimum()).isEqualTo(1.0);
        assertThat(p.maximum()).isEqualTo(7.0);
        assertThat(p.average()).isEqualTo(25.0 / 8);
        assertThat(p.extendedStatistics()).doesNotContainKey("p50");
    }

    @Test
    void getMetricDataAnswersMetricStatQueriesNewestFirst() {
        String ns = CloudWatchServer.namespace();
        // given one value in each of three minutes
        cw.sync.putMetricData(b -> b.namespace(ns).metricData(
                MetricDatum.builder().metricName("Bytes").dimensions(SHARD).timestamp(BASE).value(1.0).build(),
                MetricDatum.builder().metricName("Bytes").dimensions(SHARD).timestamp(BASE.plusSeconds(60)).value(2.0).build(),
                MetricDatum.builder().metricName("Bytes").dimensions(SHARD).timestamp(BASE.plusSeconds(150)).value(4.0).build(),
                MetricDatum.builder().metricName("Bytes").dimensions(SHARD).timestamp(BASE.plusSeconds(170)).value(6.0).build()));

        // when GetMetricData asks for sums and maxima per minute, the second query labelled
        GetMetricDataResponse r = cw.async.getMetricData(b -> b.startTime(BASE).endTime(BASE.plusSeconds(600))
                .metricDataQueries(
                        q -> q.id("sum").metricStat(s -> s.metric(m -> m.namespace(ns).metricName("Bytes").dimensions(SHARD))
                                .period(60).stat("Sum")),
                        q -> q.id("max").label("Biggest").metricStat(s -> s.metric(m -> m.namespace(ns)
                                .metricName("Bytes").dimensions(SHARD)).period(60).stat("Maximum")),
                        q -> q.id("hidden").returnData(false).metricStat(s -> s.metric(m -> m.namespace(ns)
                                .metricName("Bytes").dimensions(SHARD)).period(60).stat("Minimum")))).join();

        // then results come newest first, complete, with their ids and labels
        assertThat(r.metricDataResults()).extracting(MetricDataResult::id).containsExactly("sum", "max");
        MetricDataResult sum = r.metricDataResults().get(0);
        assertThat(sum.label()).isEqualTo("Bytes");
        assertThat(sum.statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(sum.timestamps()).containsExactly(BASE.plusSeconds(120), BASE.plusSeconds(60), BASE);
        assertThat(sum.values()).containsExactly(10.0, 2.0, 1.0);
        assertThat(r.metricDataResults().get(1).label()).isEqualTo("Biggest");
        assertThat(r.metricDataResults().get(1).values()).containsExactly(6.0, 2.0, 1.0);

        // and oldest first when asked, paged by MaxDatapoints with a NextToken
        GetMetricDataResponse page1 = cw.sync.getMetricData(b -> b.startTime(BASE).endTime(BASE.plusSeconds(600))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).maxDatapoints(2).metricDataQueries(q -> q.id("sum")
                        .metricStat(s -> s.metric(m -> m.namespace(ns).metricName("Bytes").dimensions(SHARD))
                                .period(60).stat("Sum"))));
        assertThat(page1.metricDataResults().get(0).values()).containsExactly(1.0, 2.0);
        assertThat(page1.metricDataResults().get(0).statusCode()).isEqualTo(StatusCode.PARTIAL_DATA);
        assertThat(page1.nextToken()).isNotNull();
        GetMetricDataResponse page2 = cw.sync.getMetricData(b -> b.startTime(BASE).endTime(BASE.plusSeconds(600))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).maxDatapoints(2).nextToken(page1.nextToken())
                .metricDataQueries(q -> q.id("sum").metricStat(s -> s.metric(m -> m.namespace(ns).metricName("Bytes")
                        .dimensions(SHARD)).period(60).stat("Sum"))));
        assertThat(page2.metricDataResults().get(0).values()).containsExactly(10.0);
        assertThat(page2.metricDataResults().get(0).statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(page2.nextToken()).isNull();
    }

    @Test
    void metricMathIsRefusedRatherThanInvented() {
        assertThatThrownBy(() -> cw.sync.getMetricData(b -> b.startTime(BASE).endTime(BASE.plusSeconds(600))
                .metricDataQueries(q -> q.id("e1").expression("SUM(METRICS())"))))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                });
    }

    @Test
    void aPeriodBesideAMetricStatIsRefusedAsCloudWatchRefusesIt() {
        assertThatThrownBy(() -> cw.sync.getMetricData(b -> b.startTime(BASE).endTime(BASE.plusSeconds(600))
                .metricDataQueries(q -> q.id("m").period(60).metricStat(s -> s.metric(m -> m.namespace("n")
                        .metricName("x")).period(60).stat("Sum")))))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The parameters MetricDataQueries.member.1.Period and MetricDataQueries.member.1.MetricStat"
                                + " are mutually exclusive and you have specified both."));
    }

    @Test
    void aBigPutIsGzippedByTheSdkAndStoredWhole() {
        String ns = CloudWatchServer.namespace();
        // given 1000 data, far more than the 10 KB above which the SDK compresses PutMetricData
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            data.add(MetricDatum.builder().metricName("MillisBehindLatest").dimensions(SHARD)
                    .timestamp(BASE.plusMillis(i)).value((double) i).build());
        }
        cw.sent.clear();

        // when they are put in one call
        cw.sync.putMetricData(b -> b.namespace(ns).metricData(data));

        // then the request went gzip-compressed and every datum arrived
        assertThat(cw.sent).anySatisfy(r -> assertThat(r.firstMatchingHeader("Content-Encoding")).hasValue("gzip"));
        Datapoint p = cw.sync.getMetricStatistics(b -> b.namespace(ns).metricName("MillisBehindLatest")
                .dimensions(SHARD).startTime(BASE).endTime(BASE.plusSeconds(60)).period(60)
                .statistics(Statistic.SAMPLE_COUNT, Statistic.SUM, Statistic.MAXIMUM)).datapoints().get(0);
        assertThat(p.sampleCount()).isEqualTo(1000.0);
        assertThat(p.sum()).isEqualTo(999.0 * 1000 / 2);
        assertThat(p.maximum()).isEqualTo(999.0);
    }

    @Test
    void highResolutionPeriods() {
        String ns = CloudWatchServer.namespace();
        cw.sync.putMetricData(b -> b.namespace(ns).metricData(
                MetricDatum.builder().metricName("Hr").storageResolution(1).timestamp(BASE.plusSeconds(1)).value(1.0).build(),
                MetricDatum.builder().metricName("Hr").storageResolution(1).timestamp(BASE.plusSeconds(7)).value(2.0).build()));

        List<Datapoint> points = cw.sync.getMetricStatistics(b -> b.namespace(ns).metricName("Hr")
                .startTime(BASE).endTime(BASE.plusSeconds(60)).period(5).statistics(Statistic.SUM)).datapoints();

        assertThat(points).extracting(Datapoint::timestamp, Datapoint::sum)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(BASE, 1.0),
                        org.assertj.core.groups.Tuple.tuple(BASE.plusSeconds(5), 2.0));
    }

    @Test
    void anOperationLakeletLacksIs501() {
        assertThatThrownBy(() -> cw.sync.describeAlarms())
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplementedException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("DescribeAlarms");
                });
        assertThatThrownBy(() -> cw.async.putDashboard(b -> b.dashboardName("d").dashboardBody("{}")).join())
                .hasCauseInstanceOf(CloudWatchException.class)
                .cause().satisfies(e -> assertThat(((CloudWatchException) e).statusCode()).isEqualTo(501));
    }
}
