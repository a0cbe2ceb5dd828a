package io.lakelet.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutput;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutputStatus;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/** Maximum record size, warm throughput, the billing commitment and how often a stream may be scaled. */
class CapacityTest {
    private static final MutableClock CLOCK = new MutableClock();
    private static KinesisServer k;

    @BeforeAll
    static void start() {
        k = KinesisServer.start(Map.of(), CLOCK);
    }

    @AfterAll
    static void stop() {
        k.close();
    }

    private static String arn(String stream) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;
    }

    @Test
    void raisingTheMaximumRecordSizeAdmitsLargerRecords() {
        String stream = k.stream(1);
        SdkBytes twoMiB = SdkBytes.fromByteArray(new byte[2 * 1024 * 1024]);
        assertThatThrownBy(() -> k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").data(twoMiB)))
                .hasMessageContaining("Member must have length less than or equal to 1048576");

        k.cbor.updateMaxRecordSize(b -> b.streamARN(arn(stream)).maxRecordSizeInKiB(4096));

        assertThat(k.cbor.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary()
                .maxRecordSizeInKiB()).isEqualTo(4096);
        k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").data(twoMiB));
        assertThatThrownBy(() -> k.cbor.updateMaxRecordSize(b -> b.streamARN(arn(stream)).maxRecordSizeInKiB(20000)))
                .hasMessageContaining("Member must have value less than or equal to 10240");
    }

    @Test
    void warmThroughputIsForOnDemandStreams() {
        String provisioned = k.stream(1);
        String onDemand = KinesisServer.name();
        k.cbor.createStream(b -> b.streamName(onDemand).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));

        var r = k.cbor.updateStreamWarmThroughput(b -> b.streamName(onDemand).warmThroughputMiBps(100));

        assertThat(r.warmThroughput().targetMiBps()).isEqualTo(100);
        assertThat(k.cbor.describeStreamSummary(b -> b.streamName(onDemand)).streamDescriptionSummary()
                .warmThroughput().targetMiBps()).isEqualTo(100);
        assertThatThrownBy(() -> k.cbor.updateStreamWarmThroughput(b -> b.streamName(provisioned).warmThroughputMiBps(5)))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void theBillingCommitmentRunsAtLeastADay() {
        assertThat(k.cbor.describeAccountSettings(b -> { }).minimumThroughputBillingCommitment().status())
                .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.DISABLED);

        k.cbor.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(c -> c.status("ENABLED")));
        MinimumThroughputBillingCommitmentOutput ending = k.cbor.updateAccountSettings(b ->
                b.minimumThroughputBillingCommitment(c -> c.status("DISABLED"))).minimumThroughputBillingCommitment();

        assertThat(ending.status()).isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
        assertThat(ending.earliestAllowedEndAt()).isEqualTo(ending.startedAt().plus(Duration.ofHours(24)));
        CLOCK.advance(Duration.ofHours(25));
        assertThat(k.cbor.describeAccountSettings(b -> { }).minimumThroughputBillingCommitment().status())
                .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.DISABLED);
    }

    @Test
    void aStreamChangesItsShardCountAtMostTenTimesInARolling24Hours() {
        String stream = k.stream(1);
        for (int i = 0; i < 10; i++) {
            int target = i % 2 == 0 ? 2 : 1;
            k.cbor.updateShardCount(b -> b.streamName(stream).targetShardCount(target).scalingType("UNIFORM_SCALING"));
            CLOCK.advance(Duration.ofMinutes(1));
        }
        assertThatThrownBy(() -> k.cbor.updateShardCount(b -> b.streamName(stream).targetShardCount(2)
                .scalingType("UNIFORM_SCALING")))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageStartingWith("UpdateShardCount for stream " + stream + " under account 000000000000"
                        + " would exceed 10 shard count updates in a rolling 24-hour period.");
        assertThat(k.cbor.listShards(b -> b.streamName(stream)).shards().stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)).as("open shards").hasSize(1);
        // The same count again changes nothing and is not counted.
        k.cbor.updateShardCount(b -> b.streamName(stream).targetShardCount(1).scalingType("UNIFORM_SCALING"));

        CLOCK.advance(Duration.ofHours(24).minusMinutes(9));
        k.cbor.updateShardCount(b -> b.streamName(stream).targetShardCount(2).scalingType("UNIFORM_SCALING"));
    }
}
