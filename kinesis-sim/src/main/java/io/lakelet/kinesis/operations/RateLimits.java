package io.lakelet.kinesis.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.protocol.JsonRpcService;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The call rates the Kinesis API reference gives per operation ("DescribeStream has a limit of 10
 * transactions per second per account", and so on), enforced with {@code LAKELET_KINESIS_THROTTLE} as the
 * per-shard throughput is. A call over its rate gets LimitExceededException (ProvisionedThroughputExceeded
 * for GetShardIterator, which is counted per shard), worded as AWS words it for DescribeStream: "Rate
 * exceeded for stream X under account N."; a call that names no stream gets "Rate exceeded for account N.".
 * Calls are counted in one-second windows of the clock where AWS uses token buckets, so a burst at the
 * turn of a second can pass up to twice the rate.
 */
public final class RateLimits implements JsonRpcService.InputCheck {
    private enum Scope { ACCOUNT, STREAM, SHARD }

    private record Limit(int perSecond, Scope scope) {
    }

    private record CallKey(String account, String region, String operation, String stream, String shard) {
    }

    private static final Map<String, Limit> LIMITS = Map.ofEntries(
            Map.entry("AddTagsToStream", new Limit(5, Scope.ACCOUNT)),
            Map.entry("CreateStream", new Limit(5, Scope.ACCOUNT)),
            Map.entry("DeleteStream", new Limit(5, Scope.ACCOUNT)),
            Map.entry("DeregisterStreamConsumer", new Limit(5, Scope.STREAM)),
            Map.entry("DescribeAccountSettings", new Limit(5, Scope.ACCOUNT)),
            Map.entry("DescribeLimits", new Limit(1, Scope.ACCOUNT)),
            Map.entry("DescribeStream", new Limit(10, Scope.ACCOUNT)),
            Map.entry("DescribeStreamConsumer", new Limit(20, Scope.STREAM)),
            Map.entry("DescribeStreamSummary", new Limit(20, Scope.ACCOUNT)),
            Map.entry("GetShardIterator", new Limit(5, Scope.SHARD)),
            Map.entry("ListShards", new Limit(1000, Scope.STREAM)),
            Map.entry("ListStreamConsumers", new Limit(5, Scope.STREAM)),
            Map.entry("ListStreams", new Limit(5, Scope.ACCOUNT)),
            Map.entry("ListTagsForStream", new Limit(5, Scope.ACCOUNT)),
            Map.entry("MergeShards", new Limit(5, Scope.ACCOUNT)),
            Map.entry("RegisterStreamConsumer", new Limit(5, Scope.ACCOUNT)),
            Map.entry("RemoveTagsFromStream", new Limit(5, Scope.ACCOUNT)),
            Map.entry("SplitShard", new Limit(5, Scope.ACCOUNT)),
            Map.entry("UpdateAccountSettings", new Limit(5, Scope.ACCOUNT)),
            Map.entry("UpdateShardCount", new Limit(10, Scope.ACCOUNT)),
            Map.entry("UpdateStreamWarmThroughput", new Limit(5, Scope.ACCOUNT)));
    /** The stream of a stream or consumer ARN. */
    private static final Pattern ARN_STREAM = Pattern.compile("arn:aws[^:]*:kinesis:[^:]*:\\d{12}:stream/([^/]+).*");

    private final Throttle throttle;

    public RateLimits(Throttle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void check(RequestContext ctx, String operation, Object input) {
        if (!throttle.enabled()) {
            return;
        }
        Limit limit = LIMITS.get(operation);
        if (limit == null || !(input instanceof SdkPojo pojo)) {
            return;
        }
        String stream = member(pojo, "StreamName");
        if (stream == null) {
            stream = streamOfArn(member(pojo, "StreamARN"));
        }
        if (stream == null) {
            stream = streamOfArn(member(pojo, "ConsumerARN"));
        }
        String shard = limit.scope() == Scope.SHARD ? member(pojo, "ShardId") : null;
        if (limit.scope() != Scope.ACCOUNT && (stream == null || limit.scope() == Scope.SHARD && shard == null)) {
            return; // the operation refuses the request for the missing member
        }
        CallKey key = new CallKey(ctx.accountId(), ctx.region(), operation,
                limit.scope() == Scope.ACCOUNT ? null : stream, shard);
        if (throttle.allowCall(key, limit.perSecond())) {
            return;
        }
        if (limit.scope() == Scope.SHARD) {
            throw AwsException.client("ProvisionedThroughputExceededException", "Rate exceeded for shard " + shard
                    + " in stream " + stream + " under account " + ctx.accountId() + ".");
        }
        throw KinesisErrors.limitExceeded(stream == null ? "Rate exceeded for account " + ctx.accountId() + "."
                : "Rate exceeded for stream " + stream + " under account " + ctx.accountId() + ".");
    }

    private static String member(SdkPojo pojo, String name) {
        for (SdkField<?> f : pojo.sdkFields()) {
            if (f.memberName().equals(name)) {
                Object v = f.getValueOrDefault(pojo);
                return v instanceof String s ? s : null;
            }
        }
        return null;
    }

    private static String streamOfArn(String arn) {
        if (arn == null) {
            return null;
        }
        Matcher m = ARN_STREAM.matcher(arn);
        return m.matches() ? m.group(1) : null;
    }
}
