package io.lakelet.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.cloudwatch.CloudWatchModule;
import io.lakelet.core.testing.TestServer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The CloudWatch client this module's SDK (2.41, as KCL 3.5 uses it to publish its metrics) speaks Smithy
 * rpcv2Cbor, and gzips a large PutMetricData: Lakelet's CloudWatch answers it as it answers awsQuery.
 */
class CloudWatchRpcV2Test {

    @Test
    void kclsCloudWatchClientPutsAndReadsMetrics() {
        List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                sent.add(context.httpRequest());
            }
        };
        try (TestServer server = TestServer.start(TestServer.config(Map.of()), Clock.systemUTC(),
                List.of(new CloudWatchModule()));
             CloudWatchAsyncClient cw = CloudWatchAsyncClient.builder().endpointOverride(server.endpoint())
                     .region(TestServer.REGION).credentialsProvider(TestServer.CREDENTIALS)
                     .httpClient(NettyNioAsyncHttpClient.create())
                     .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build()) {
            Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(300);
            // given 1000 data put in one call, as a KCL worker's metrics publisher does
            List<MetricDatum> data = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                data.add(MetricDatum.builder().metricName("ProcessTask.Time").unit(StandardUnit.MILLISECONDS)
                        .dimensions(d -> d.name("ShardId").value("shardId-000000000000"))
                        .timestamp(t.plusMillis(i * 10L)).value((double) i).build());
            }
            cw.putMetricData(b -> b.namespace("KclApp").metricData(data)).join();

            // then the request went as gzipped rpcv2Cbor
            assertThat(sent.get(0).encodedPath()).isEqualTo("/service/GraniteServiceVersion20100801/operation/PutMetricData");
            assertThat(sent.get(0).firstMatchingHeader("smithy-protocol")).hasValue("rpc-v2-cbor");
            assertThat(sent.get(0).firstMatchingHeader("Content-Encoding")).hasValue("gzip");

            // and statistics, GetMetricData and ListMetrics read every datum back
            Datapoint p = cw.getMetricStatistics(b -> b.namespace("KclApp").metricName("ProcessTask.Time")
                    .dimensions(d -> d.name("ShardId").value("shardId-000000000000")).startTime(t)
                    .endTime(t.plusSeconds(120)).period(60).statistics(Statistic.SAMPLE_COUNT, Statistic.MAXIMUM)
                    .extendedStatistics("p99")).join().datapoints().get(0);
            assertThat(p.timestamp()).isEqualTo(t);
            assertThat(p.sampleCount()).isEqualTo(1000.0);
            assertThat(p.maximum()).isEqualTo(999.0);
            assertThat(p.extendedStatistics()).containsEntry("p99", 989.0);
            MetricDataResult r = cw.getMetricData(b -> b.startTime(t).endTime(t.plusSeconds(120))
                    .metricDataQueries(q -> q.id("m").metricStat(s -> s.metric(m -> m.namespace("KclApp")
                            .metricName("ProcessTask.Time").dimensions(d -> d.name("ShardId").value("shardId-000000000000")))
                            .period(60).stat("Sum")))).join().metricDataResults().get(0);
            assertThat(r.timestamps()).containsExactly(t);
            assertThat(r.values()).containsExactly(999.0 * 1000 / 2);
            assertThat(cw.listMetrics(b -> b.namespace("KclApp")).join().metrics()).hasSize(1);

            // and an error arrives as the modelled exception
            assertThatThrownBy(() -> cw.putMetricData(b -> b.namespace("AWS/Kinesis")
                    .metricData(d -> d.metricName("m").value(1.0))).join())
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageContaining("The value AWS/Kinesis for parameter Namespace is invalid.");
        }
    }
}
