package io.lakelet.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Per-shard throughput limits and call rates, on with LAKELET_KINESIS_THROTTLE and counted by the clock. */
class ThrottleTest {
    private static final MutableClock CLOCK = new MutableClock();
    private static KinesisServer k;

    @BeforeAll
    static void start() {
        k = KinesisServer.start(Map.of("LAKELET_KINESIS_THROTTLE", "1"), CLOCK);
    }

    @AfterAll
    static void stop() {
        k.close();
    }

    @Test
    void withThrottlingOnAShardTakesAThousandRecordsASecondAndFailsTheRestPerRecord() {
        String stream = k.stream(1);
        CLOCK.advance(Duration.ofSeconds(1));
        List<PutRecordsRequestEntry> batch = IntStream.range(0, 500).mapToObj(i -> PutRecordsRequestEntry.builder()
                .partitionKey("k" + i).data(SdkBytes.fromUtf8String("x")).build()).toList();

        PutRecordsResponse first = k.cbor.putRecords(b -> b.streamName(stream).records(batch));
        PutRecordsResponse second = k.cbor.putRecords(b -> b.streamName(stream).records(batch));
        PutRecordsResponse third = k.cbor.putRecords(b -> b.streamName(stream).records(batch));

        assertThat(first.failedRecordCount()).isZero();
        assertThat(second.failedRecordCount()).isZero();
        assertThat(third.failedRecordCount()).isEqualTo(500);
        assertThat(third.records().get(0).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(third.records().get(0).errorMessage())
                .isEqualTo("Rate exceeded for shard shardId-000000000000 in stream " + stream
                        + " under account 000000000000.");
        assertThat(third.records().get(0).sequenceNumber()).isNull();
        assertThatThrownBy(() -> k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k")
                .data(SdkBytes.fromUtf8String("x"))))
                .isInstanceOf(ProvisionedThroughputExceededException.class);

        CLOCK.advance(Duration.ofSeconds(1));
        k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("x")));
        String it = k.cbor.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertThat(k.cbor.getRecords(b -> b.shardIterator(it)).records()).hasSize(1001);
    }

    @Test
    void aShardServesFiveGetRecordsCallsASecond() {
        String stream = k.stream(1);
        String it = k.cbor.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
        CLOCK.advance(Duration.ofSeconds(1));
        try (KinesisClient noRetry = noRetryClient()) {
            for (int i = 0; i < 5; i++) {
                noRetry.getRecords(b -> b.shardIterator(it));
            }
            assertThatThrownBy(() -> noRetry.getRecords(b -> b.shardIterator(it)))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
            CLOCK.advance(Duration.ofSeconds(1));
            assertThat(noRetry.getRecords(b -> b.shardIterator(it)).records()).isEmpty();
        }
    }

    @Test
    void controlPlaneCallsHaveTheRatesOfTheApiReference() {
        String stream = k.stream(1);
        CLOCK.advance(Duration.ofSeconds(1));
        try (KinesisClient noRetry = noRetryClient()) {
            for (int i = 0; i < 10; i++) {
                noRetry.describeStream(b -> b.streamName(stream));
            }
            assertThatThrownBy(() -> noRetry.describeStream(b -> b.streamName(stream)))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageStartingWith("Rate exceeded for stream " + stream + " under account 000000000000.");
            for (int i = 0; i < 5; i++) {
                noRetry.listStreams(b -> { });
            }
            assertThatThrownBy(() -> noRetry.listStreams(b -> { }))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageStartingWith("Rate exceeded for account 000000000000.");
            for (int i = 0; i < 5; i++) {
                noRetry.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.LATEST));
            }
            assertThatThrownBy(() -> noRetry.getShardIterator(b -> b.streamName(stream)
                    .shardId("shardId-000000000000").shardIteratorType(ShardIteratorType.LATEST)))
                    .isInstanceOf(ProvisionedThroughputExceededException.class)
                    .hasMessageStartingWith("Rate exceeded for shard shardId-000000000000 in stream " + stream
                            + " under account 000000000000.");
            // Each operation has its own count.
            assertThat(noRetry.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary()
                    .streamName()).isEqualTo(stream);

            CLOCK.advance(Duration.ofSeconds(1));
            noRetry.describeStream(b -> b.streamName(stream));
            noRetry.listStreams(b -> { });
            noRetry.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.LATEST));
        }
    }

    private static KinesisClient noRetryClient() {
        return KinesisClient.builder().endpointOverride(k.server.endpoint())
                .region(io.lakelet.core.testing.TestServer.REGION)
                .credentialsProvider(io.lakelet.core.testing.TestServer.CREDENTIALS)
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(r -> r.maxAttempts(1)))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
    }
}
