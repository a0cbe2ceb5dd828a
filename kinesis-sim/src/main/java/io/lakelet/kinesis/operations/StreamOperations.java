package io.lakelet.kinesis.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.kinesis.model.HashRanges;
import io.lakelet.kinesis.model.Shard;
import io.lakelet.kinesis.model.Stream;
import io.lakelet.kinesis.model.StreamKey;
import io.lakelet.kinesis.wire.Descriptions;
import io.lakelet.kinesis.wire.OpaqueToken;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.CreateStreamRequest;
import software.amazon.awssdk.services.kinesis.model.CreateStreamResponse;
import software.amazon.awssdk.services.kinesis.model.DeleteStreamRequest;
import software.amazon.awssdk.services.kinesis.model.DeleteStreamResponse;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamResponse;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsRequest;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;

/** The life of a stream: CreateStream, DeleteStream, DescribeStream(Summary) and ListStreams. */
public final class StreamOperations {
    static final int ON_DEMAND_SHARDS = 4;
    static final List<String> MODES = List.of("PROVISIONED", "ON_DEMAND");

    private final KinesisRuntime rt;

    public StreamOperations(KinesisRuntime rt) {
        this.rt = rt;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("CreateStream", CreateStreamRequest.class, this::create)
                .operation("DeleteStream", DeleteStreamRequest.class, this::delete)
                .operation("DescribeStream", DescribeStreamRequest.class, this::describe)
                .operation("DescribeStreamSummary", DescribeStreamSummaryRequest.class, this::summary)
                .operation("ListStreams", ListStreamsRequest.class, this::list);
    }

    /** Streams an account may have in the CREATING state at once, as in AWS. */
    static final int MAX_CREATING = 5;

    CreateStreamResponse create(RequestContext ctx, CreateStreamRequest in) {
        String mode = in.streamModeDetails() == null ? null : in.streamModeDetails().streamModeAsString();
        Validation.check()
                .notNull("streamName", in.streamName())
                .length("streamName", in.streamName(), 1, 128)
                .pattern("streamName", in.streamName(), KinesisRuntime.STREAM_NAME)
                .range("shardCount", in.shardCount(), 1, 100000)
                .notNull("streamModeDetails.streamMode", in.streamModeDetails() == null ? "" : mode)
                .oneOf("streamModeDetails.streamMode", mode, MODES)
                .size("tags", in.hasTags() ? in.tags() : null, 1, 50)
                .orThrow();
        boolean onDemand = "ON_DEMAND".equals(mode);
        if (!onDemand && in.shardCount() == null) {
            throw KinesisErrors.invalidArgument("ShardCount is required for a stream in PROVISIONED mode.");
        }
        int shards = onDemand ? ON_DEMAND_SHARDS : in.shardCount();
        StreamKey key = new StreamKey(ctx.accountId(), ctx.region(), in.streamName());
        synchronized (rt.catalog()) {
            if (rt.catalog().get(key) != null) {
                throw KinesisErrors.streamExists(key.name(), key.account());
            }
            rt.checkShardLimit(key.account(), key.region(), shards);
            long creating = rt.catalog().list(key.account(), key.region()).stream()
                    .filter(other -> Stream.CREATING.equals(other.status(rt.clock()))).count();
            if (creating >= MAX_CREATING) {
                // AWS: "Have more than five streams in the CREATING state at any point in time".
                throw KinesisErrors.limitExceeded("Account " + key.account() + " already has " + creating
                        + " streams in the CREATING state in " + key.region() + "; at most " + MAX_CREATING
                        + " may be created at once.");
            }
            Stream s = new Stream(key.account(), key.region(), key.name(), onDemand ? "ON_DEMAND" : "PROVISIONED",
                    rt.clock(), rt.stateDelay());
            for (HashRanges.Range r : HashRanges.even(shards)) {
                s.addShard(r, null, null, s.createdMillis());
            }
            if (in.hasTags()) {
                s.tags().putAll(in.tags());
            }
            if (rt.catalog().addIfAbsent(s) != null) {
                throw KinesisErrors.streamExists(key.name(), key.account());
            }
        }
        return CreateStreamResponse.builder().build();
    }

    DeleteStreamResponse delete(RequestContext ctx, DeleteStreamRequest in) {
        Stream s = rt.find(ctx, in.streamName(), in.streamARN());
        synchronized (s) {
            String status = s.status(rt.clock());
            if (Stream.DELETING.equals(status)) {
                throw KinesisErrors.notActive(s.name(), s.account(), status);
            }
            boolean hasConsumers = s.consumers().stream().anyMatch(c -> !c.deleting());
            if (hasConsumers && !Boolean.TRUE.equals(in.enforceConsumerDeletion())) {
                throw KinesisErrors.resourceInUse("Stream " + s.name() + " under account " + s.account()
                        + " has registered consumers.");
            }
            if (rt.stateDelay().isZero()) {
                rt.catalog().purge(s);
            } else {
                s.transition(Stream.DELETING, Stream.DELETING, rt.clock(), rt.stateDelay());
                rt.catalog().save(s);
            }
        }
        return DeleteStreamResponse.builder().build();
    }

    DescribeStreamResponse describe(RequestContext ctx, DescribeStreamRequest in) {
        Validation.check()
                .range("limit", in.limit(), 1, 10000)
                .length("exclusiveStartShardId", in.exclusiveStartShardId(), 1, 128)
                .orThrow();
        Stream s = rt.find(ctx, in.streamName(), in.streamARN());
        int limit = in.limit() == null ? 100 : in.limit();
        synchronized (s) {
            List<Shard> shards = new ArrayList<>();
            int after = in.exclusiveStartShardId() == null ? -1 : Shard.indexOf(in.exclusiveStartShardId());
            for (Shard sh : s.retainedShards(rt.clock())) {
                if (sh.index() > after) {
                    shards.add(sh);
                }
            }
            boolean more = shards.size() > limit;
            List<Shard> page = shards.subList(0, Math.min(limit, shards.size()));
            return DescribeStreamResponse.builder()
                    .streamDescription(Descriptions.description(s, rt.clock(), page, more))
                    .build();
        }
    }

    DescribeStreamSummaryResponse summary(RequestContext ctx, DescribeStreamSummaryRequest in) {
        Stream s = rt.find(ctx, in.streamName(), in.streamARN());
        synchronized (s) {
            return DescribeStreamSummaryResponse.builder()
                    .streamDescriptionSummary(Descriptions.summary(s, rt.clock()))
                    .build();
        }
    }

    ListStreamsResponse list(RequestContext ctx, ListStreamsRequest in) {
        Validation.check()
                .range("limit", in.limit(), 1, 10000)
                .length("exclusiveStartStreamName", in.exclusiveStartStreamName(), 1, 128)
                .pattern("exclusiveStartStreamName", in.exclusiveStartStreamName(), KinesisRuntime.STREAM_NAME)
                .length("nextToken", in.nextToken(), 1, 1048576)
                .orThrow();
        String after = in.exclusiveStartStreamName();
        if (in.nextToken() != null) {
            List<String> token = OpaqueToken.decode(in.nextToken(), "list-streams", 3);
            if (token == null || !token.get(0).equals(ctx.accountId()) || !token.get(1).equals(ctx.region())) {
                throw KinesisErrors.invalidArgument("Invalid NextToken.");
            }
            after = token.get(2);
        }
        int limit = in.limit() == null ? 100 : in.limit();
        List<Stream> streams = new ArrayList<>();
        for (Stream s : rt.catalog().list(ctx.accountId(), ctx.region())) {
            if (after == null || s.name().compareTo(after) > 0) {
                streams.add(s);
            }
        }
        boolean more = streams.size() > limit;
        List<Stream> page = streams.subList(0, Math.min(limit, streams.size()));
        ListStreamsResponse.Builder out = ListStreamsResponse.builder()
                .streamNames(page.stream().map(Stream::name).toList())
                .streamSummaries(page.stream().map(s -> {
                    synchronized (s) {
                        return Descriptions.streamSummary(s, rt.clock());
                    }
                }).toList())
                .hasMoreStreams(more);
        if (more) {
            out.nextToken(OpaqueToken.encode("list-streams", ctx.accountId(), ctx.region(),
                    page.get(page.size() - 1).name()));
        }
        return out.build();
    }
}
