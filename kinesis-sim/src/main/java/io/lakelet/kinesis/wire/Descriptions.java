package io.lakelet.kinesis.wire;

import io.lakelet.kinesis.model.SequenceNumbers;
import io.lakelet.kinesis.model.Shard;
import io.lakelet.kinesis.model.Stream;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.EnhancedMetrics;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamModeDetails;
import software.amazon.awssdk.services.kinesis.model.StreamSummary;
import software.amazon.awssdk.services.kinesis.model.WarmThroughputObject;

/** Stored streams and shards rendered as the SDK's response shapes. Call while holding the stream's monitor. */
public final class Descriptions {
    private Descriptions() {
    }

    public static StreamDescription description(Stream s, Clock clock, List<Shard> shards, boolean hasMore) {
        return StreamDescription.builder()
                .streamName(s.name())
                .streamARN(s.arn())
                .streamStatus(s.status(clock))
                .streamModeDetails(mode(s))
                .shards(shards.stream().map(sh -> shard(s, sh)).toList())
                .hasMoreShards(hasMore)
                .retentionPeriodHours(s.retentionHours())
                .streamCreationTimestamp(s.created())
                .enhancedMonitoring(metrics(s))
                .encryptionType(s.encryptionType())
                .keyId(s.keyId())
                .build();
    }

    public static StreamDescriptionSummary summary(Stream s, Clock clock) {
        return StreamDescriptionSummary.builder()
                .streamName(s.name())
                .streamARN(s.arn())
                .streamStatus(s.status(clock))
                .streamModeDetails(mode(s))
                .retentionPeriodHours(s.retentionHours())
                .streamCreationTimestamp(s.created())
                .enhancedMonitoring(metrics(s))
                .encryptionType(s.encryptionType())
                .keyId(s.keyId())
                .openShardCount(s.openShards().size())
                .consumerCount((int) s.consumers().stream().filter(c -> !c.deleting()).count())
                .maxRecordSizeInKiB(s.maxRecordSizeKiB())
                .warmThroughput(s.warmThroughputMiBps() == null ? null : WarmThroughputObject.builder()
                        .targetMiBps(s.warmThroughputMiBps()).currentMiBps(s.warmThroughputMiBps()).build())
                .build();
    }

    public static StreamSummary streamSummary(Stream s, Clock clock) {
        return StreamSummary.builder()
                .streamName(s.name())
                .streamARN(s.arn())
                .streamStatus(s.status(clock))
                .streamModeDetails(mode(s))
                .streamCreationTimestamp(s.created())
                .build();
    }

    public static software.amazon.awssdk.services.kinesis.model.Shard shard(Stream s, Shard sh) {
        Integer parent = sh.parent();
        Integer adjacent = sh.adjacentParent();
        return software.amazon.awssdk.services.kinesis.model.Shard.builder()
                .shardId(sh.id())
                .parentShardId(parent == null ? null : Shard.id(parent))
                .adjacentParentShardId(adjacent == null ? null : Shard.id(adjacent))
                .hashKeyRange(range(sh))
                .sequenceNumberRange(SequenceNumberRange.builder()
                        .startingSequenceNumber(SequenceNumbers.format(sh.startCounter(), sh.index()))
                        .endingSequenceNumber(sh.isOpen() ? null : SequenceNumbers.format(sh.endCounter(), sh.index()))
                        .build())
                .build();
    }

    /** The children of a closed shard, each with every parent it has. */
    public static List<ChildShard> children(Stream s, Shard closed) {
        return s.childrenOf(closed).stream().map(child -> ChildShard.builder()
                .shardId(child.id())
                .parentShards(s.parentsOf(child).stream().map(Shard::id).toList())
                .hashKeyRange(range(child))
                .build()).toList();
    }

    public static StreamModeDetails mode(Stream s) {
        return StreamModeDetails.builder().streamMode(s.mode()).build();
    }

    private static HashKeyRange range(Shard sh) {
        return HashKeyRange.builder()
                .startingHashKey(sh.range().start().toString())
                .endingHashKey(sh.range().end().toString())
                .build();
    }

    private static List<EnhancedMetrics> metrics(Stream s) {
        return List.of(EnhancedMetrics.builder().shardLevelMetricsWithStrings(List.copyOf(s.shardLevelMetrics())).build());
    }
}
