package io.lakelet.kinesis.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.kinesis.model.HashRanges;
import io.lakelet.kinesis.model.Shard;
import io.lakelet.kinesis.model.Stream;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.kinesis.model.MergeShardsRequest;
import software.amazon.awssdk.services.kinesis.model.MergeShardsResponse;
import software.amazon.awssdk.services.kinesis.model.SplitShardRequest;
import software.amazon.awssdk.services.kinesis.model.SplitShardResponse;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountRequest;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;

/**
 * Resharding: SplitShard, MergeShards and UpdateShardCount. Parents are closed after every record written
 * so far and children start right after, so a reader that drains a parent and follows its ChildShards
 * neither loses nor repeats a record.
 */
public final class ReshardOperations {
    /** Shard count changes a stream takes in a rolling 24 hours, as in AWS. */
    static final int MAX_SHARD_COUNT_UPDATES = 10;
    static final Pattern HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");

    private final KinesisRuntime rt;

    public ReshardOperations(KinesisRuntime rt) {
        this.rt = rt;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("SplitShard", SplitShardRequest.class, this::split)
                .operation("MergeShards", MergeShardsRequest.class, this::merge)
                .operation("UpdateShardCount", UpdateShardCountRequest.class, this::updateShardCount);
    }

    SplitShardResponse split(RequestContext ctx, SplitShardRequest in) {
        Validation v = Validation.check()
                .notNull("shardToSplit", in.shardToSplit())
                .length("shardToSplit", in.shardToSplit(), 1, 128)
                .notNull("newStartingHashKey", in.newStartingHashKey())
                .pattern("newStartingHashKey", in.newStartingHashKey(), HASH_KEY);
        KinesisRuntime.validateStream(v, in.streamName(), in.streamARN()).orThrow();
        Stream s = rt.find(ctx, in.streamName(), in.streamARN());
        synchronized (s) {
            rt.requireActive(s);
            Shard parent = open(s, in.shardToSplit());
            HashRanges.Range range = parent.range();
            BigInteger at = new BigInteger(in.newStartingHashKey());
            if (at.compareTo(range.start().add(BigInteger.ONE)) < 0 || at.compareTo(range.end()) > 0) {
                throw KinesisErrors.invalidArgument("NewStartingHashKey " + at + " used in SplitShard() on shard "
                        + parent.id() + " in stream " + s.name() + " under account " + s.account()
                        + " is not both greater than one plus the shard's StartingHashKey " + range.start()
                        + " and less than the shard's EndingHashKey " + range.end() + ".");
            }
            rt.checkShardLimit(s.account(), s.region(), 1);
            long now = rt.clock().millis();
            s.closeShards(List.of(parent), now);
            s.addShard(new HashRanges.Range(range.start(), at.subtract(BigInteger.ONE)), parent.index(), null, now);
            s.addShard(new HashRanges.Range(at, range.end()), parent.index(), null, now);
            updated(s);
        }
        return SplitShardResponse.builder().build();
    }

    MergeShardsResponse merge(RequestContext ctx, MergeShardsRequest in) {
        Validation v = Validation.check()
                .notNull("shardToMerge", in.shardToMerge())
                .length("shardToMerge", in.shardToMerge(), 1, 128)
                .notNull("adjacentShardToMerge", in.adjacentShardToMerge())
                .length("adjacentShardToMerge", in.adjacentShardToMerge(), 1, 128);
        KinesisRuntime.validateStream(v, in.streamName(), in.streamARN()).orThrow();
        Stream s = rt.find(ctx, in.streamName(), in.streamARN());
        synchronized (s) {
            rt.requireActive(s);
            Shard a = open(s, in.shardToMerge());
            Shard b = open(s, in.adjacentShardToMerge());
            HashRanges.Range ra = a.range();
            HashRanges.Range rb = b.range();
            boolean adjacent = ra.end().add(BigInteger.ONE).equals(rb.start())
                    || rb.end().add(BigInteger.ONE).equals(ra.start());
            if (!adjacent) {
                throw KinesisErrors.invalidArgument("Shards " + a.id() + " and " + b.id() + " in stream " + s.name()
                        + " under account " + s.account() + " are not an adjacent pair of shards eligible for merging");
            }
            long now = rt.clock().millis();
            s.closeShards(List.of(a, b), now);
            s.addShard(new HashRanges.Range(ra.start().min(rb.start()), ra.end().max(rb.end())),
                    a.index(), b.index(), now);
            updated(s);
        }
        return MergeShardsResponse.builder().build();
    }

    UpdateShardCountResponse updateShardCount(RequestContext ctx, UpdateShardCountRequest in) {
        String scaling = in.scalingTypeAsString();
        Validation v = Validation.check()
                .notNull("targetShardCount", in.targetShardCount())
                .range("targetShardCount", in.targetShardCount(), 1, 100000)
                .notNull("scalingType", scaling)
                .oneOf("scalingType", scaling, List.of("UNIFORM_SCALING"));
        KinesisRuntime.validateStream(v, in.streamName(), in.streamARN()).orThrow();
        Stream s = rt.find(ctx, in.streamName(), in.streamARN());
        int target = in.targetShardCount();
        synchronized (s) {
            rt.requireActive(s);
            List<Shard> open = s.openShards();
            int current = open.size();
            if (target > current * 2 || target * 2 < current) {
                throw KinesisErrors.limitExceeded("UpdateShardCount target " + target + " for stream " + s.name()
                        + " under account " + s.account() + " must be between half and double the current"
                        + " open shard count " + current + ".");
            }
            long now = rt.clock().millis();
            if (target != current && s.shardCountUpdatesSince(now) >= MAX_SHARD_COUNT_UPDATES) {
                // AWS: "you cannot ... scale more than ten times per rolling 24-hour period per stream".
                throw KinesisErrors.limitExceeded("UpdateShardCount for stream " + s.name() + " under account "
                        + s.account() + " would exceed " + MAX_SHARD_COUNT_UPDATES
                        + " shard count updates in a rolling 24-hour period.");
            }
            if (target > current) {
                rt.checkShardLimit(s.account(), s.region(), target - current);
            }
            if (target != current) {
                s.shardCountUpdated(now);
                s.closeShards(open, now);
                for (HashRanges.Range r : HashRanges.even(target)) {
                    Shard first = containing(open, r.start());
                    Shard last = containing(open, r.end());
                    s.addShard(r, first.index(), last == first ? null : last.index(), now);
                }
                updated(s);
            }
            return UpdateShardCountResponse.builder()
                    .streamName(s.name())
                    .streamARN(s.arn())
                    .currentShardCount(current)
                    .targetShardCount(target)
                    .build();
        }
    }

    private Shard open(Stream s, String shardId) {
        Shard shard = rt.shard(s, shardId);
        if (!shard.isOpen()) {
            throw KinesisErrors.resourceInUse("Shard " + shard.id() + " in stream " + s.name() + " under account "
                    + s.account() + " has already been merged or split, and thus is not eligible for merging or"
                    + " splitting.");
        }
        return shard;
    }

    private static Shard containing(List<Shard> shards, BigInteger hash) {
        return shards.stream().filter(sh -> sh.range().contains(hash)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no open shard holds hash key " + hash));
    }

    private void updated(Stream s) {
        s.transition(Stream.UPDATING, Stream.ACTIVE, rt.clock(), rt.stateDelay());
        rt.catalog().save(s);
    }
}
