package io.lakelet.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;

/** SplitShard, MergeShards and UpdateShardCount, and readers that follow ChildShards across them. */
class ReshardTest {
    private static KinesisServer k;

    @BeforeAll
    static void start() {
        k = KinesisServer.start();
    }

    @AfterAll
    static void stop() {
        k.close();
    }

    private static void put(String stream, int from, int to) {
        List<PutRecordsRequestEntry> entries = IntStream.range(from, to).mapToObj(i -> PutRecordsRequestEntry.builder()
                .partitionKey("key-" + i).data(SdkBytes.fromUtf8String(Integer.toString(i))).build()).toList();
        assertThat(k.cbor.putRecords(b -> b.streamName(stream).records(entries)).failedRecordCount()).isZero();
    }

    @Test
    void splitClosesTheParentAndCreatesChildrenWithTheRightRanges() {
        String stream = k.stream(1);
        String half = BigInteger.ONE.shiftLeft(127).toString();

        k.cbor.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey(half));
        k.awaitActive(stream);
        List<Shard> shards = k.cbor.listShards(b -> b.streamName(stream)).shards();

        assertThat(shards).extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(shards.get(1).parentShardId()).isEqualTo("shardId-000000000000");
        assertThat(shards.get(1).hashKeyRange().endingHashKey())
                .isEqualTo(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE).toString());
        assertThat(shards.get(2).hashKeyRange().startingHashKey()).isEqualTo(half);
        assertThat(new BigInteger(shards.get(1).sequenceNumberRange().startingSequenceNumber()))
                .isGreaterThan(new BigInteger(shards.get(0).sequenceNumberRange().endingSequenceNumber()));
        assertThat(k.cbor.listShards(b -> b.streamName(stream).shardFilter(f -> f.type(ShardFilterType.AT_LATEST)))
                .shards()).extracting(Shard::shardId).containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThatThrownBy(() -> k.cbor.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000")
                .newStartingHashKey("5")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("has already been merged or split");
        assertThatThrownBy(() -> k.cbor.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000001")
                .newStartingHashKey("0")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("is not both greater than one plus the shard's StartingHashKey");
    }

    @Test
    void mergeNeedsAdjacentShardsAndJoinsTheirRanges() {
        String stream = k.stream(3);

        assertThatThrownBy(() -> k.cbor.mergeShards(b -> b.streamName(stream).shardToMerge("shardId-000000000000")
                .adjacentShardToMerge("shardId-000000000002")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("are not an adjacent pair of shards eligible for merging");
        k.cbor.mergeShards(b -> b.streamName(stream).shardToMerge("shardId-000000000001")
                .adjacentShardToMerge("shardId-000000000002"));
        k.awaitActive(stream);
        Shard merged = k.cbor.listShards(b -> b.streamName(stream)).shards().get(3);

        assertThat(merged.shardId()).isEqualTo("shardId-000000000003");
        assertThat(merged.parentShardId()).isEqualTo("shardId-000000000001");
        assertThat(merged.adjacentParentShardId()).isEqualTo("shardId-000000000002");
        assertThat(merged.hashKeyRange().startingHashKey()).isEqualTo("113427455640312821154458202477256070485");
        assertThat(merged.hashKeyRange().endingHashKey()).isEqualTo("340282366920938463463374607431768211455");
    }

    @Test
    void updateShardCountScalesUniformlyWithinHalfAndDouble() {
        String stream = k.stream(2);

        UpdateShardCountResponse r = k.cbor.updateShardCount(b -> b.streamName(stream).targetShardCount(4)
                .scalingType("UNIFORM_SCALING"));
        k.awaitActive(stream);

        assertThat(r.currentShardCount()).isEqualTo(2);
        assertThat(r.targetShardCount()).isEqualTo(4);
        assertThat(k.cbor.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary()
                .openShardCount()).isEqualTo(4);
        assertThatThrownBy(() -> k.cbor.updateShardCount(b -> b.streamName(stream).targetShardCount(9)
                .scalingType("UNIFORM_SCALING")))
                .isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> k.cbor.updateShardCount(b -> b.streamName(stream).targetShardCount(3)
                .scalingType("RANDOM_SCALING")))
                .hasMessageContaining("Member must satisfy enum value set: [UNIFORM_SCALING]");
    }

    @Test
    void aReaderFollowingChildShardsThroughSplitMergeAndScalingLosesAndRepeatsNothing() {
        String stream = k.stream(2);
        put(stream, 0, 200);
        k.cbor.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey("12345"));
        put(stream, 200, 400);
        k.cbor.mergeShards(b -> b.streamName(stream).shardToMerge("shardId-000000000002")
                .adjacentShardToMerge("shardId-000000000003"));
        put(stream, 400, 600);
        k.cbor.updateShardCount(b -> b.streamName(stream).targetShardCount(3).scalingType("UNIFORM_SCALING"));
        put(stream, 600, 800);

        List<String> seen = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of("shardId-000000000000", "shardId-000000000001"));
        while (!pending.isEmpty()) {
            String shard = pending.poll();
            if (!visited.add(shard)) {
                continue;
            }
            String it = k.cbor.getShardIterator(b -> b.streamName(stream).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (it != null) {
                String current = it;
                GetRecordsResponse r = k.cbor.getRecords(b -> b.shardIterator(current).limit(50));
                r.records().forEach(rec -> seen.add(rec.data().asUtf8String()));
                if (r.hasChildShards() && !r.childShards().isEmpty()) {
                    r.childShards().stream().map(ChildShard::shardId).forEach(pending::add);
                }
                it = r.records().isEmpty() && r.nextShardIterator() != null ? null : r.nextShardIterator();
            }
        }

        assertThat(seen).hasSize(800).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 800).mapToObj(Integer::toString).toList());
        assertThat(visited).hasSize(2 + 2 + 1 + 3);
    }
}
