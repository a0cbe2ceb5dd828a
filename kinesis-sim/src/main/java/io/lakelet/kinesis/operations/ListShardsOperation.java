package io.lakelet.kinesis.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.kinesis.model.Shard;
import io.lakelet.kinesis.model.Stream;
import io.lakelet.kinesis.wire.Descriptions;
import io.lakelet.kinesis.wire.OpaqueToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardFilter;

/**
 * ListShards: the shards of a stream in id order, filtered by a ShardFilter or after an exclusive start
 * shard, paged with a NextToken that expires after five minutes like AWS's.
 */
public final class ListShardsOperation {
    static final List<String> FILTER_TYPES = List.of("AFTER_SHARD_ID", "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON",
            "AT_LATEST", "AT_TIMESTAMP", "FROM_TIMESTAMP");
    private static final String KIND = "list-shards";
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final KinesisRuntime rt;

    public ListShardsOperation(KinesisRuntime rt) {
        this.rt = rt;
    }

    public ListShardsResponse listShards(RequestContext ctx, ListShardsRequest in) {
        String filterType = in.shardFilter() == null ? null : in.shardFilter().typeAsString();
        Validation.check()
                .range("maxResults", in.maxResults(), 1, 10000)
                .length("nextToken", in.nextToken(), 1, 1048576)
                .length("exclusiveStartShardId", in.exclusiveStartShardId(), 1, 128)
                .notNull("shardFilter.type", in.shardFilter() == null ? "" : filterType)
                .oneOf("shardFilter.type", filterType, FILTER_TYPES)
                .orThrow();
        int limit = in.maxResults() == null ? 1000 : in.maxResults();
        Stream s;
        int after;
        ShardFilter filter;
        if (in.nextToken() != null) {
            if (in.streamName() != null || in.streamARN() != null) {
                throw KinesisErrors.invalidArgument("NextToken and StreamName cannot be provided together.");
            }
            Token t = decode(in.nextToken());
            s = rt.find(ctx, null, "arn:aws:kinesis:" + t.region + ":" + t.account + ":stream/" + t.stream);
            if (s.createdMillis() != t.created) {
                throw KinesisErrors.invalidArgument("Invalid NextToken.");
            }
            after = t.after;
            filter = t.filter;
        } else {
            if (in.shardFilter() != null && in.exclusiveStartShardId() != null) {
                throw KinesisErrors.invalidArgument(
                        "Request cannot contain both ExclusiveStartShardId and ShardFilter parameters.");
            }
            s = rt.find(ctx, in.streamName(), in.streamARN());
            if (in.streamCreationTimestamp() != null
                    && in.streamCreationTimestamp().toEpochMilli() != s.createdMillis()) {
                throw KinesisErrors.resourceInUse("Stream " + s.name() + " under account " + s.account()
                        + " was not created at " + in.streamCreationTimestamp() + ".");
            }
            after = in.exclusiveStartShardId() == null ? -1 : Shard.indexOf(in.exclusiveStartShardId());
            filter = in.shardFilter();
            validate(filter);
        }
        synchronized (s) {
            List<Shard> matching = new ArrayList<>();
            for (Shard sh : s.retainedShards(rt.clock())) {
                if (sh.index() > after && matches(s, sh, filter)) {
                    matching.add(sh);
                }
            }
            List<Shard> page = matching.subList(0, Math.min(limit, matching.size()));
            ListShardsResponse.Builder out = ListShardsResponse.builder()
                    .shards(page.stream().map(sh -> Descriptions.shard(s, sh)).toList());
            if (matching.size() > limit) {
                out.nextToken(encode(s, page.get(page.size() - 1).index(), filter));
            }
            return out.build();
        }
    }

    private static void validate(ShardFilter f) {
        if (f == null) {
            return;
        }
        switch (f.typeAsString()) {
            case "AFTER_SHARD_ID" -> {
                if (f.shardId() == null) {
                    throw KinesisErrors.invalidArgument("Must specify ShardId when ShardFilter type is AFTER_SHARD_ID.");
                }
            }
            case "AT_TIMESTAMP", "FROM_TIMESTAMP" -> {
                if (f.timestamp() == null) {
                    throw KinesisErrors.invalidArgument("Must specify Timestamp when ShardFilter type is "
                            + f.typeAsString() + ".");
                }
            }
            default -> {
                if (f.shardId() != null || f.timestamp() != null) {
                    throw KinesisErrors.invalidArgument("ShardId and Timestamp must not be specified when"
                            + " ShardFilter type is " + f.typeAsString() + ".");
                }
            }
        }
    }

    /** Whether a shard passes the filter; AWS's semantics per filter type. */
    private boolean matches(Stream s, Shard sh, ShardFilter f) {
        if (f == null) {
            return true;
        }
        long horizon = Math.max(s.trimHorizonMillis(rt.clock()), s.createdMillis());
        return switch (f.typeAsString()) {
            case "AFTER_SHARD_ID" -> sh.index() > Shard.indexOf(f.shardId());
            case "AT_LATEST" -> sh.isOpen();
            case "AT_TRIM_HORIZON" -> sh.openAt(horizon);
            case "FROM_TRIM_HORIZON" -> true;
            case "AT_TIMESTAMP" -> sh.openAt(Math.max(f.timestamp().toEpochMilli(), s.createdMillis()));
            case "FROM_TIMESTAMP" -> {
                long t = Math.max(f.timestamp().toEpochMilli(), s.createdMillis());
                yield sh.isOpen() || sh.closedMillis() > t;
            }
            default -> throw new IllegalStateException(f.typeAsString());
        };
    }

    private record Token(String account, String region, String stream, long created, int after, ShardFilter filter) {
    }

    private String encode(Stream s, int lastIndex, ShardFilter f) {
        return OpaqueToken.encode(KIND, s.account(), s.region(), s.name(), s.createdMillis(), lastIndex,
                rt.clock().millis(), f == null ? "" : f.typeAsString(),
                f == null || f.shardId() == null ? "" : f.shardId(),
                f == null || f.timestamp() == null ? "" : f.timestamp().toEpochMilli());
    }

    private Token decode(String token) {
        List<String> p = OpaqueToken.decode(token, KIND, 9);
        if (p == null) {
            throw KinesisErrors.invalidArgument("Invalid NextToken.");
        }
        long issued = Long.parseLong(p.get(5));
        if (rt.clock().millis() - issued > TOKEN_LIFETIME.toMillis()) {
            throw KinesisErrors.expiredNextToken("The timestamp sent with the NextToken is older than 300 seconds.");
        }
        ShardFilter filter = p.get(6).isEmpty() ? null : ShardFilter.builder()
                .type(p.get(6))
                .shardId(p.get(7).isEmpty() ? null : p.get(7))
                .timestamp(p.get(8).isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(p.get(8))))
                .build();
        return new Token(p.get(0), p.get(1), p.get(2), Long.parseLong(p.get(3)), Integer.parseInt(p.get(4)), filter);
    }
}
