package io.lakelet.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamResponse;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.Tag;

/** Retention, tags, encryption, enhanced monitoring, limits, capacity mode and resource policies. */
class StreamSettingsTest {
    private static KinesisServer k;

    @BeforeAll
    static void start() {
        k = KinesisServer.start(Map.of("LAKELET_KINESIS_SHARD_LIMIT", "200"));
    }

    @AfterAll
    static void stop() {
        k.close();
    }

    @Test
    void retentionMovesWithinAwsBounds() {
        String stream = k.stream(1);

        k.cbor.increaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(8760));
        k.cbor.decreaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(72));

        assertThat(k.cbor.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary()
                .retentionPeriodHours()).isEqualTo(72);
        assertThatThrownBy(() -> k.cbor.increaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(8761)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Maximum allowed retention period is 8760 hours.");
        assertThatThrownBy(() -> k.cbor.decreaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(23)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Minimum allowed retention period is 24 hours.");
        assertThatThrownBy(() -> k.cbor.increaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(48)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("can not be shorter than existing retention period (72 hours)");
        assertThatThrownBy(() -> k.cbor.decreaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(100)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("can not be longer than existing retention period (72 hours)");
    }

    @Test
    void tagsByStreamAndByResourceAreOneSet() {
        String stream = k.stream(1);
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;

        k.cbor.addTagsToStream(b -> b.streamName(stream).tags(Map.of("b", "2", "a", "1", "c", "3")));
        k.cbor.tagResource(b -> b.resourceARN(arn).tags(Map.of("d", "4")));
        k.cbor.removeTagsFromStream(b -> b.streamName(stream).tagKeys("c"));
        k.cbor.untagResource(b -> b.resourceARN(arn).tagKeys("b"));
        ListTagsForStreamResponse page = k.cbor.listTagsForStream(b -> b.streamName(stream).limit(1));
        ListTagsForStreamResponse rest = k.cbor.listTagsForStream(b -> b.streamName(stream).exclusiveStartTagKey("a"));

        assertThat(page.tags()).extracting(Tag::key).containsExactly("a");
        assertThat(page.hasMoreTags()).isTrue();
        assertThat(rest.tags()).extracting(Tag::key).containsExactly("d");
        assertThat(rest.hasMoreTags()).isFalse();
        assertThat(k.cbor.listTagsForResource(b -> b.resourceARN(arn)).tags())
                .extracting(Tag::key, Tag::value).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", "1"), org.assertj.core.groups.Tuple.tuple("d", "4"));
    }

    @Test
    void aStreamHoldsAtMostFiftyTags() {
        String stream = k.stream(1);
        Map<String, String> many = new HashMap<>();
        for (int batch = 0; batch < 5; batch++) {
            Map<String, String> ten = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                ten.put("k" + batch + "-" + i, "v");
            }
            k.cbor.addTagsToStream(b -> b.streamName(stream).tags(ten));
            many.putAll(ten);
        }

        assertThatThrownBy(() -> k.cbor.addTagsToStream(b -> b.streamName(stream).tags(Map.of("one-more", "v"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("cannot have more than 50 tags");
        assertThatThrownBy(() -> k.cbor.addTagsToStream(b -> b.streamName(stream).tags(Map.of())))
                .hasMessageContaining("at 'tags' failed to satisfy constraint: Member must have length greater than"
                        + " or equal to 1");
        assertThat(k.cbor.listTagsForResource(b -> b.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/"
                + stream)).tags()).hasSize(many.size());
    }

    @Test
    void encryptionStateIsKeptAndMarksNewRecords() {
        String stream = k.stream(1);

        k.cbor.startStreamEncryption(b -> b.streamName(stream).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
        k.awaitActive(stream);
        StreamDescriptionSummary on = k.cbor.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary();
        PutRecordResponse put = k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k")
                .data(SdkBytes.fromUtf8String("secret")));
        String it = k.cbor.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

        assertThat(on.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(on.keyId()).isEqualTo("alias/aws/kinesis");
        assertThat(put.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(k.cbor.getRecords(b -> b.shardIterator(it)).records().get(0).encryptionType())
                .isEqualTo(EncryptionType.KMS);

        k.cbor.stopStreamEncryption(b -> b.streamName(stream).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
        k.awaitActive(stream);
        assertThat(k.cbor.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().encryptionType())
                .isEqualTo(EncryptionType.NONE);
    }

    @Test
    void enhancedMonitoringReportsCurrentAndDesiredMetrics() {
        String stream = k.stream(1);

        EnableEnhancedMonitoringResponse on = k.cbor.enableEnhancedMonitoring(b -> b.streamName(stream)
                .shardLevelMetrics(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS));
        var off = k.cbor.disableEnhancedMonitoring(b -> b.streamName(stream).shardLevelMetrics(MetricsName.ALL));

        assertThat(on.currentShardLevelMetrics()).isEmpty();
        assertThat(on.desiredShardLevelMetrics()).containsExactlyInAnyOrder(MetricsName.INCOMING_BYTES,
                MetricsName.OUTGOING_RECORDS);
        assertThat(off.currentShardLevelMetrics()).hasSize(2);
        assertThat(off.desiredShardLevelMetrics()).isEmpty();
        assertThatThrownBy(() -> k.cbor.enableEnhancedMonitoring(b -> b.streamName(stream).shardLevelMetricsWithStrings("Bogus")))
                .hasMessageContaining("Member must satisfy enum value set");
    }

    @Test
    void describeLimitsCountsOpenShardsAndOnDemandStreams() {
        DescribeLimitsResponse before = k.cbor.describeLimits(b -> { });
        String name = KinesisServer.name();
        k.cbor.createStream(b -> b.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));

        DescribeLimitsResponse after = k.cbor.describeLimits(b -> { });

        assertThat(after.shardLimit()).isEqualTo(200);
        assertThat(after.openShardCount()).isEqualTo(before.openShardCount() + 4);
        assertThat(after.onDemandStreamCount()).isEqualTo(before.onDemandStreamCount() + 1);
        assertThat(after.onDemandStreamCountLimit()).isEqualTo(50);
    }

    @Test
    void updateStreamModeSwitchesCapacityMode() {
        String stream = k.stream(1);
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;

        k.cbor.updateStreamMode(b -> b.streamARN(arn).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        k.awaitActive(stream);

        assertThat(k.cbor.describeStreamSummary(b -> b.streamARN(arn)).streamDescriptionSummary().streamModeDetails()
                .streamMode()).isEqualTo(StreamMode.ON_DEMAND);
    }

    @Test
    void resourcePoliciesArePutReadAndDeleted() {
        String stream = k.stream(1);
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

        k.cbor.putResourcePolicy(b -> b.resourceARN(arn).policy(policy));
        assertThat(k.cbor.getResourcePolicy(b -> b.resourceARN(arn)).policy()).isEqualTo(policy);
        k.cbor.deleteResourcePolicy(b -> b.resourceARN(arn));
        assertThat(k.cbor.getResourcePolicy(b -> b.resourceARN(arn)).policy()).isEqualTo("{}");
    }
}
