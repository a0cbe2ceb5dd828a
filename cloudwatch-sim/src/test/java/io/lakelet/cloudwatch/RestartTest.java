package io.lakelet.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.config.LakeletConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** Metrics are in RocksDB: a server restarted on the same data directory has every datum. */
class RestartTest {

    @Test
    void dataSurviveARestart(@TempDir Path dataDir) {
        Map<String, String> settings = Map.of(LakeletConfig.Keys.DATA_DIR, dataDir.toString());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(600);
        // given data written by a first server, two of them at the same timestamp
        try (CloudWatchServer first = CloudWatchServer.start(settings, Clock.systemUTC())) {
            first.sync.putMetricData(b -> b.namespace("Pipeline").metricData(
                    d -> d.metricName("Records").dimensions(x -> x.name("Stream").value("s")).timestamp(t).value(3.0),
                    d -> d.metricName("Records").dimensions(x -> x.name("Stream").value("s")).timestamp(t).value(4.0)));
        }

        // when a second server starts on the same directory and more data arrive
        try (CloudWatchServer second = CloudWatchServer.start(settings, Clock.systemUTC())) {
            second.sync.putMetricData(b -> b.namespace("Pipeline").metricData(
                    d -> d.metricName("Records").dimensions(x -> x.name("Stream").value("s")).timestamp(t).value(5.0)));

            // then the old data are there beside the new, none overwritten
            Datapoint p = second.sync.getMetricStatistics(b -> b.namespace("Pipeline").metricName("Records")
                    .dimensions(x -> x.name("Stream").value("s")).startTime(t).endTime(t.plusSeconds(60)).period(60)
                    .statistics(Statistic.SUM, Statistic.SAMPLE_COUNT)).datapoints().get(0);
            assertThat(p.sampleCount()).isEqualTo(3.0);
            assertThat(p.sum()).isEqualTo(12.0);
            assertThat(second.sync.listMetrics(b -> b.namespace("Pipeline")).metrics())
                    .extracting(Metric::metricName).containsExactly("Records");
        }
    }
}
