package io.lakelet.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** CloudWatch's validation errors, and that a refused PutMetricData stores nothing. */
class ValidationTest {
    private static CloudWatchServer cw;

    @BeforeAll
    static void start() {
        cw = CloudWatchServer.start();
    }

    @AfterAll
    static void stop() {
        cw.close();
    }

    private static CloudWatchException put(Consumer<PutMetricDataRequest.Builder> request) {
        CloudWatchException e = catchThrowableOfType(CloudWatchException.class, () -> cw.sync.putMetricData(request));
        assertThat(e).as("the request should have been refused").isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        return e;
    }

    private static void assertError(CloudWatchException e, String code, String message) {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    @Test
    void putMetricDataIsCheckedAsCloudWatchChecksIt() {
        String ns = CloudWatchServer.namespace();
        assertError(put(b -> b.namespace("AWS/Kinesis").metricData(d -> d.metricName("m").value(1.0))),
                "InvalidParameterValue", "The value AWS/Kinesis for parameter Namespace is invalid.");
        assertError(put(b -> b.metricData(d -> d.metricName("m").value(1.0))),
                "MissingParameter", "The parameter Namespace is required.");
        assertError(put(b -> b.namespace(ns).metricData(d -> d.metricName("m").value(1.0).values(1.0, 2.0))),
                "InvalidParameterCombination",
                "The parameters MetricData.member.1.Value and MetricData.member.1.Values are mutually exclusive and you have specified both.");
        assertError(put(b -> b.namespace(ns).metricData(d -> d.metricName("m").value(1.0)
                        .statisticValues(s -> s.sampleCount(1.0).sum(1.0).minimum(1.0).maximum(1.0)))),
                "InvalidParameterCombination",
                "The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are mutually exclusive and you have specified both.");
        assertError(put(b -> b.namespace(ns).metricData(d -> d.metricName("m").values(1.0, 2.0).counts(1.0))),
                "InvalidParameterValue",
                "The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be of the same size.");
        assertError(put(b -> b.namespace(ns).metricData(d -> d.metricName("m").value(Double.NaN))),
                "InvalidParameterValue", "The value NaN for parameter MetricData.member.1.Value is invalid.");
        assertError(put(b -> b.namespace(ns).metricData(d -> d.metricName("m").value(1.0).storageResolution(30))),
                "InvalidParameterValue", "The value 30 for parameter MetricData.member.1.StorageResolution is invalid.");
        assertError(put(b -> b.namespace(ns).metricData(d -> d.metricName("m").statisticValues(s -> s.sum(1.0)))),
                "MissingParameter", "The parameter MetricData.member.1.StatisticValues.Maximum is required.\n"
                        + "The parameter MetricData.member.1.StatisticValues.Minimum is required.\n"
                        + "The parameter MetricData.member.1.StatisticValues.SampleCount is required.");
        assertError(put(b -> b.namespace(ns).metricData(d -> d.metricName("m")
                        .timestamp(Instant.now().minus(Duration.ofDays(15))).value(1.0))),
                "InvalidParameterValue",
                "The parameter MetricData.member.1.Timestamp must specify a time within the past two weeks.");
        CloudWatchException unit = put(b -> b.namespace(ns).metricData(d -> d.metricName("m").unit("Furlongs").value(1.0)));
        assertThat(unit.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(unit.awsErrorDetails().errorMessage()).startsWith("The parameter MetricData.member.1.Unit must be a value in the set")
                .contains("Milliseconds");
        assertError(put(b -> b.namespace(ns).metricData(d -> d.metricName("m").value(1.0)
                        .dimensions(x -> x.name("a").value("1"), x -> x.name("a").value("2")))),
                "InvalidParameterValue", "No Metric may specify the same dimension twice.");
    }

    @Test
    void aRefusedPutStoresNoneOfItsData() {
        String ns = CloudWatchServer.namespace();
        // given a put whose first datum is fine and whose second is not
        put(b -> b.namespace(ns).metricData(
                MetricDatum.builder().metricName("good").value(1.0).build(),
                MetricDatum.builder().metricName("bad").value(Double.POSITIVE_INFINITY).build()));

        // then neither metric exists, and the good one has no data
        assertThat(cw.sync.listMetrics(b -> b.namespace(ns)).metrics()).isEmpty();
        assertThat(cw.sync.getMetricStatistics(b -> b.namespace(ns).metricName("good")
                .startTime(Instant.now().minusSeconds(3600)).endTime(Instant.now().plusSeconds(60)).period(60)
                .statistics(Statistic.SAMPLE_COUNT)).datapoints()).isEmpty();
    }

    @Test
    void getMetricStatisticsIsChecked() {
        Instant now = Instant.now();
        CloudWatchException noStats = catchThrowableOfType(CloudWatchException.class, () -> cw.sync.getMetricStatistics(
                b -> b.namespace("n").metricName("m").startTime(now.minusSeconds(600)).endTime(now).period(60)));
        assertError(noStats, "InvalidParameterCombination", "Must specify either Statistics or ExtendedStatistics");
        CloudWatchException period = catchThrowableOfType(CloudWatchException.class, () -> cw.sync.getMetricStatistics(
                b -> b.namespace("n").metricName("m").startTime(now.minusSeconds(600)).endTime(now).period(90)
                        .statistics(Statistic.SUM)));
        assertError(period, "InvalidParameterValue", "The parameter Period must be a multiple of 60.");
        CloudWatchException order = catchThrowableOfType(CloudWatchException.class, () -> cw.sync.getMetricStatistics(
                b -> b.namespace("n").metricName("m").startTime(now).endTime(now.minusSeconds(600)).period(60)
                        .statistics(Statistic.SUM)));
        assertError(order, "InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.");
        CloudWatchException tooMany = catchThrowableOfType(CloudWatchException.class, () -> cw.sync.getMetricStatistics(
                b -> b.namespace("n").metricName("m").startTime(now.minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                        .endTime(now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)).period(60).statistics(Statistic.SUM)));
        assertError(tooMany, "InvalidParameterCombination", "You have requested up to 2,880 datapoints, which exceeds the"
                + " limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.");
    }
}
