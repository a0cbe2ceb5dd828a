package io.lakelet.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.RecentlyActive;

/** ListMetrics: filters, RecentlyActive against the server's clock, and pages of 500. */
class ListMetricsTest {
    private static final MutableClock CLOCK = new MutableClock(java.time.Instant.now());
    private static CloudWatchServer cw;

    @BeforeAll
    static void start() {
        cw = CloudWatchServer.start(Map.of(), CLOCK);
    }

    @AfterAll
    static void stop() {
        cw.close();
    }

    @Test
    void filtersByNamespaceNameAndDimensions() {
        String ns = CloudWatchServer.namespace();
        String other = CloudWatchServer.namespace();
        cw.sync.putMetricData(b -> b.namespace(ns).metricData(
                MetricDatum.builder().metricName("Records").value(1.0).build(),
                MetricDatum.builder().metricName("Records").value(1.0).dimensions(d -> d.name("Shard").value("s1")).build(),
                MetricDatum.builder().metricName("Records").value(1.0).dimensions(d -> d.name("Shard").value("s2"),
                        d -> d.name("Operation").value("Get")).build(),
                MetricDatum.builder().metricName("Bytes").value(1.0).dimensions(d -> d.name("Shard").value("s1")).build()));
        cw.sync.putMetricData(b -> b.namespace(other).metricData(d -> d.metricName("Records").value(1.0)));

        assertThat(cw.sync.listMetrics(b -> b.namespace(ns)).metrics()).hasSize(4)
                .allSatisfy(m -> assertThat(m.namespace()).isEqualTo(ns));
        assertThat(cw.sync.listMetrics(b -> b.namespace(ns).metricName("Records")).metrics()).hasSize(3);
        assertThat(cw.sync.listMetrics(b -> b.namespace(ns).dimensions(f -> f.name("Shard"))).metrics()).hasSize(3);
        List<Metric> s1 = cw.sync.listMetrics(b -> b.namespace(ns).dimensions(f -> f.name("Shard").value("s1"))).metrics();
        assertThat(s1).extracting(Metric::metricName).containsExactlyInAnyOrder("Records", "Bytes");
        List<Metric> both = cw.sync.listMetrics(b -> b.namespace(ns).metricName("Records")
                .dimensions(f -> f.name("Operation"), f -> f.name("Shard").value("s2"))).metrics();
        assertThat(both).hasSize(1);
        assertThat(both.get(0).dimensions()).extracting(d -> d.name() + "=" + d.value())
                .containsExactlyInAnyOrder("Shard=s2", "Operation=Get");
        assertThat(cw.sync.listMetrics(b -> b.metricName("Records")).metrics())
                .extracting(Metric::namespace).contains(ns, other);
    }

    @Test
    void recentlyActiveMeansDataInTheLastThreeHours() {
        String ns = CloudWatchServer.namespace();
        cw.sync.putMetricData(b -> b.namespace(ns).metricData(d -> d.metricName("Old").value(1.0)));
        CLOCK.advance(Duration.ofHours(4));
        cw.sync.putMetricData(b -> b.namespace(ns).metricData(d -> d.metricName("New").value(1.0)));

        assertThat(cw.sync.listMetrics(b -> b.namespace(ns).recentlyActive(RecentlyActive.PT3_H)).metrics())
                .extracting(Metric::metricName).containsExactly("New");
        assertThat(cw.sync.listMetrics(b -> b.namespace(ns)).metrics()).hasSize(2);
    }

    @Test
    void pagesOf500() {
        String ns = CloudWatchServer.namespace();
        for (int batch = 0; batch < 2; batch++) {
            List<MetricDatum> data = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String shard = batch + "-" + i;
                data.add(MetricDatum.builder().metricName("Lag").value(1.0).dimensions(d -> d.name("Shard").value(shard)).build());
            }
            cw.sync.putMetricData(b -> b.namespace(ns).metricData(data));
        }

        ListMetricsResponse first = cw.sync.listMetrics(b -> b.namespace(ns));
        assertThat(first.metrics()).hasSize(500);
        assertThat(first.nextToken()).isNotNull();
        List<String> all = new ArrayList<>();
        cw.sync.listMetricsPaginator(b -> b.namespace(ns)).metrics()
                .forEach(m -> all.add(m.dimensions().get(0).value()));
        assertThat(all).hasSize(1200).doesNotHaveDuplicates();
    }
}
