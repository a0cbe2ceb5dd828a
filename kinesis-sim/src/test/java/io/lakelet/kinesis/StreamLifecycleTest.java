package io.lakelet.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** CreateStream, DeleteStream, DescribeStream(Summary), ListStreams and ListShards through real SDK clients. */
class StreamLifecycleTest {
    private static KinesisServer k;

    @BeforeAll
    static void start() {
        k = KinesisServer.start(Map.of("LAKELET_KINESIS_SHARD_LIMIT", "60"));
    }

    @AfterAll
    static void stop() {
        k.close();
    }

    @Test
    void aProvisionedStreamSplitsTheHashSpaceAsAwsDoes() {
        String name = k.stream(3);

        StreamDescription d = k.cbor.describeStream(b -> b.streamName(name)).streamDescription();

        assertThat(d.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(d.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + name);
        assertThat(d.retentionPeriodHours()).isEqualTo(24);
        assertThat(d.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(d.shards()).extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(d.shards().get(0).hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(d.shards().get(0).hashKeyRange().endingHashKey()).isEqualTo("113427455640312821154458202477256070484");
        assertThat(d.shards().get(1).hashKeyRange().startingHashKey()).isEqualTo("113427455640312821154458202477256070485");
        assertThat(d.shards().get(2).hashKeyRange().endingHashKey()).isEqualTo("340282366920938463463374607431768211455");
        assertThat(d.shards().get(0).sequenceNumberRange().startingSequenceNumber()).hasSize(56);
        assertThat(d.shards().get(0).sequenceNumberRange().endingSequenceNumber()).isNull();
    }

    @Test
    void onDemandStreamsGetFourShards() {
        String name = KinesisServer.name();
        k.cbor.createStream(b -> b.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        k.awaitActive(name);

        var summary = k.cbor.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();

        assertThat(summary.openShardCount()).isEqualTo(4);
        assertThat(summary.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(k.cbor.listShards(b -> b.streamName(name)).shards()).hasSize(4)
                .last().satisfies(s -> assertThat(s.hashKeyRange().startingHashKey())
                        .isEqualTo("255211775190703847597530955573826158592"));
    }

    @Test
    void creatingAnExistingStreamIsResourceInUse() {
        String name = k.stream(1);

        assertThatThrownBy(() -> k.cbor.createStream(b -> b.streamName(name).shardCount(1)))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Stream " + name + " under account 000000000000 already exists.");
    }

    @Test
    void unknownStreamsAreNotFoundInAwsWords() {
        assertThatThrownBy(() -> k.cbor.describeStream(b -> b.streamName("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Stream nope under account 000000000000 not found.");
        assertThatThrownBy(() -> k.cbor.deleteStream(b -> b.streamName("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void badNamesAndCountsFailValidation() {
        assertThatThrownBy(() -> k.cbor.createStream(b -> b.streamName("bad name").shardCount(1)))
                .isInstanceOf(KinesisException.class)
                .satisfies(e -> assertThat(((KinesisException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageContaining("Value 'bad name' at 'streamName' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertThatThrownBy(() -> k.cbor.createStream(b -> b.streamName("x").shardCount(0)))
                .hasMessageContaining("Value '0' at 'shardCount' failed to satisfy constraint: Member must have"
                        + " value greater than or equal to 1");
        assertThatThrownBy(() -> k.cbor.createStream(b -> b.streamName("a".repeat(129)).shardCount(1)))
                .hasMessageContaining("Member must have length less than or equal to 128");
        assertThatThrownBy(() -> k.cbor.describeStreamSummary(b -> b.streamName(null)))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void theShardLimitIsEnforcedWithAwsMessage() {
        assertThatThrownBy(() -> k.cbor.createStream(b -> b.streamName(KinesisServer.name()).shardCount(61)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("Limit: 60. Number of additional shards that would have resulted from this"
                        + " request: 61.");
    }

    @Test
    void describeStreamPagesThroughShards() {
        String name = k.stream(5);

        StreamDescription first = k.cbor.describeStream(b -> b.streamName(name).limit(2)).streamDescription();
        StreamDescription rest = k.cbor.describeStream(b -> b.streamName(name)
                .exclusiveStartShardId("shardId-000000000001")).streamDescription();

        assertThat(first.shards()).hasSize(2);
        assertThat(first.hasMoreShards()).isTrue();
        assertThat(rest.shards()).extracting(Shard::shardId)
                .containsExactly("shardId-000000000002", "shardId-000000000003", "shardId-000000000004");
        assertThat(rest.hasMoreShards()).isFalse();
    }

    @Test
    void listStreamsPagesWithNextTokenAndSummaries() {
        List<String> created = List.of(k.stream(1), k.stream(1), k.stream(1));
        List<String> seen = new ArrayList<>();

        ListStreamsResponse page = k.cbor.listStreams(b -> b.limit(1));
        seen.addAll(page.streamNames());
        while (page.hasMoreStreams()) {
            String token = page.nextToken();
            page = k.cbor.listStreams(b -> b.nextToken(token).limit(1));
            assertThat(page.streamSummaries()).hasSize(page.streamNames().size());
            seen.addAll(page.streamNames());
        }

        assertThat(seen).containsAll(created).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void listShardsPagesAndFilters() {
        String name = k.stream(4);

        ListShardsResponse first = k.cbor.listShards(b -> b.streamName(name).maxResults(3));
        ListShardsResponse second = k.cbor.listShards(b -> b.nextToken(first.nextToken()));
        ListShardsResponse after = k.cbor.listShards(b -> b.streamName(name)
                .shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID).shardId("shardId-000000000002")));
        ListShardsResponse exclusive = k.cbor.listShards(b -> b.streamName(name)
                .exclusiveStartShardId("shardId-000000000000"));

        assertThat(first.shards()).hasSize(3);
        assertThat(first.nextToken()).isNotNull();
        assertThat(second.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000003");
        assertThat(second.nextToken()).isNull();
        assertThat(after.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000003");
        assertThat(exclusive.shards()).hasSize(3);
        assertThatThrownBy(() -> k.cbor.listShards(b -> b.streamName(name).nextToken(first.nextToken())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("NextToken and StreamName cannot be provided together.");
        assertThatThrownBy(() -> k.cbor.listShards(b -> b.nextToken("garbage")))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void streamArnsWorkWhereverStreamArnIsAMember() {
        String name = k.stream(2);
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;

        assertThat(k.cbor.describeStreamSummary(b -> b.streamARN(arn)).streamDescriptionSummary().streamName())
                .isEqualTo(name);
        assertThat(k.cbor.listShards(b -> b.streamARN(arn)).shards()).hasSize(2);
        k.cbor.deleteStream(b -> b.streamARN(arn));
        assertThatThrownBy(() -> k.cbor.describeStream(b -> b.streamName(name)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void streamsBelongToTheirRegion() {
        String name = k.stream(1);
        try (KinesisClient west = KinesisClient.builder().endpointOverride(k.server.endpoint())
                .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .credentialsProvider(io.lakelet.core.testing.TestServer.CREDENTIALS)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            assertThat(west.listStreams().streamNames()).doesNotContain(name);
            west.createStream(b -> b.streamName(name).shardCount(2));
            assertThat(west.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamARN())
                    .isEqualTo("arn:aws:kinesis:eu-west-1:000000000000:stream/" + name);
            assertThat(k.cbor.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary()
                    .openShardCount()).isEqualTo(1);
            assertThat(k.cbor.describeStreamSummary(b -> b.streamARN(
                    "arn:aws:kinesis:eu-west-1:000000000000:stream/" + name)).streamDescriptionSummary()
                    .openShardCount()).isEqualTo(2);
        }
    }

    @Test
    void shardFiltersByTimeSeeShardsOpenThen() {
        String name = k.stream(1);
        java.time.Instant beforeSplit = java.time.Instant.now();
        k.cbor.splitShard(b -> b.streamName(name).shardToSplit("shardId-000000000000").newStartingHashKey("10"));

        List<String> atTrimHorizon = k.cbor.listShards(b -> b.streamName(name)
                .shardFilter(f -> f.type(ShardFilterType.AT_TRIM_HORIZON))).shards().stream().map(Shard::shardId).toList();
        List<String> fromTrimHorizon = k.cbor.listShards(b -> b.streamName(name)
                .shardFilter(f -> f.type(ShardFilterType.FROM_TRIM_HORIZON))).shards().stream().map(Shard::shardId).toList();
        List<String> atTimestamp = k.cbor.listShards(b -> b.streamName(name)
                .shardFilter(f -> f.type(ShardFilterType.AT_TIMESTAMP).timestamp(beforeSplit.minusSeconds(1))))
                .shards().stream().map(Shard::shardId).toList();

        assertThat(atTrimHorizon).containsExactly("shardId-000000000000");
        assertThat(fromTrimHorizon).hasSize(3);
        assertThat(atTimestamp).containsExactly("shardId-000000000000");
        assertThatThrownBy(() -> k.cbor.listShards(b -> b.streamName(name)
                .shardFilter(f -> f.type(ShardFilterType.AT_TIMESTAMP))))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> k.cbor.listShards(b -> b.streamName(name).exclusiveStartShardId("shardId-000000000000")
                .shardFilter(f -> f.type(ShardFilterType.AT_LATEST))))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void theJsonClientSeesTheSameStreams() {
        String name = k.stream(2);
        try (KinesisClient json = k.json()) {
            var summary = json.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
            assertThat(summary.openShardCount()).isEqualTo(2);
            assertThat(summary.streamCreationTimestamp()).isNotNull();
            assertThatThrownBy(() -> json.describeStream(b -> b.streamName("missing-json")))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("Stream missing-json under account 000000000000 not found.");
        }
    }

    @Test
    void statusFollowsTheClockThroughCreatingAndDeleting() {
        MutableClock clock = new MutableClock();
        try (KinesisServer slow = KinesisServer.start(Map.of("LAKELET_STATE_DELAY_MS", "1000"), clock)) {
            String name = KinesisServer.name();
            slow.cbor.createStream(b -> b.streamName(name).shardCount(1));

            assertThat(slow.cbor.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary()
                    .streamStatus()).isEqualTo(StreamStatus.CREATING);
            assertThatThrownBy(() -> slow.cbor.increaseStreamRetentionPeriod(b -> b.streamName(name)
                    .retentionPeriodHours(48)))
                    .isInstanceOf(ResourceInUseException.class)
                    .hasMessageContaining("not ACTIVE, instead in state CREATING");
            clock.advance(Duration.ofSeconds(1));
            assertThat(slow.cbor.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary()
                    .streamStatus()).isEqualTo(StreamStatus.ACTIVE);

            slow.cbor.deleteStream(b -> b.streamName(name));
            assertThat(slow.cbor.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary()
                    .streamStatus()).isEqualTo(StreamStatus.DELETING);
            clock.advance(Duration.ofSeconds(1));
            assertThatThrownBy(() -> slow.cbor.describeStreamSummary(b -> b.streamName(name)))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void atMostFiveStreamsAreCreatingAtOnce() {
        MutableClock clock = new MutableClock();
        try (KinesisServer slow = KinesisServer.start(Map.of("LAKELET_STATE_DELAY_MS", "1000"), clock)) {
            for (int i = 0; i < 5; i++) {
                String name = KinesisServer.name();
                slow.cbor.createStream(b -> b.streamName(name).shardCount(1));
            }
            String sixth = KinesisServer.name();
            assertThatThrownBy(() -> slow.cbor.createStream(b -> b.streamName(sixth).shardCount(1)))
                    .isInstanceOf(software.amazon.awssdk.services.kinesis.model.LimitExceededException.class)
                    .hasMessageContaining("5 streams in the CREATING state");
            assertThat(slow.cbor.listStreams(b -> { }).streamNames()).doesNotContain(sixth);
            clock.advance(Duration.ofSeconds(1));
            slow.cbor.createStream(b -> b.streamName(sixth).shardCount(1));
        }
    }
}
