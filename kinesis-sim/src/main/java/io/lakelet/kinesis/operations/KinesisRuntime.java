package io.lakelet.kinesis.operations;

import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.kinesis.model.RecordLog;
import io.lakelet.kinesis.model.Shard;
import io.lakelet.kinesis.model.Stream;
import io.lakelet.kinesis.model.StreamCatalog;
import io.lakelet.kinesis.model.StreamKey;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every Kinesis operation shares: the catalog of streams, the record log, the clock, the settings,
 * and the lookup of a stream from a request's StreamName or StreamARN.
 */
public final class KinesisRuntime {
    public static final String SHARD_LIMIT = "LAKELET_KINESIS_SHARD_LIMIT";
    public static final String THROTTLE = "LAKELET_KINESIS_THROTTLE";
    public static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    public static final Pattern STREAM_ARN =
            Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
    private static final Pattern ARN_PARTS =
            Pattern.compile("arn:aws[^:]*:kinesis:([^:]*):(\\d{12}):stream/([a-zA-Z0-9_.-]+)");

    private final StreamCatalog catalog;
    private final RecordLog log;
    private final Clock clock;
    private final Duration stateDelay;
    private final int shardLimit;
    private final Throttle throttle;
    private volatile Consumer<StreamKey> recordsWritten = key -> { };

    public KinesisRuntime(StreamCatalog catalog, RecordLog log, Clock clock, LakeletConfig config) {
        this.catalog = catalog;
        this.log = log;
        this.clock = clock;
        this.stateDelay = config.stateDelay();
        this.shardLimit = config.getInt(SHARD_LIMIT, 500);
        this.throttle = new Throttle(clock, config.getBoolean(THROTTLE, false));
    }

    public StreamCatalog catalog() {
        return catalog;
    }

    public RecordLog log() {
        return log;
    }

    public Clock clock() {
        return clock;
    }

    public Duration stateDelay() {
        return stateDelay;
    }

    public int shardLimit() {
        return shardLimit;
    }

    public Throttle throttle() {
        return throttle;
    }

    /** Checks the StreamName and StreamARN members the way AWS's request validation does. */
    public static Validation validateStream(Validation v, String name, String arn) {
        return v.length("streamName", name, 1, 128)
                .pattern("streamName", name, STREAM_NAME)
                .length("streamARN", arn, 1, 2048)
                .pattern("streamARN", arn, STREAM_ARN);
    }

    /** Where the request's stream lives: the ARN's account and region, else the caller's. */
    public StreamKey key(RequestContext ctx, String name, String arn) {
        validateStream(Validation.check(), name, arn).orThrow();
        if (arn != null) {
            Matcher m = ARN_PARTS.matcher(arn);
            if (!m.matches()) {
                throw KinesisErrors.invalidArgument("Invalid StreamARN: " + arn);
            }
            if (name != null && !name.equals(m.group(3))) {
                throw KinesisErrors.invalidArgument("StreamARN " + arn + " and StreamName " + name
                        + " do not refer to the same stream.");
            }
            return new StreamKey(m.group(2), m.group(1), m.group(3));
        }
        if (name == null) {
            throw KinesisErrors.invalidArgument("Either StreamName or StreamARN must be provided.");
        }
        return new StreamKey(ctx.accountId(), ctx.region(), name);
    }

    /** The stream named by the request in any state; ResourceNotFoundException when there is none. */
    public Stream find(RequestContext ctx, String name, String arn) {
        StreamKey key = key(ctx, name, arn);
        Stream s = catalog.get(key);
        if (s == null) {
            throw KinesisErrors.streamNotFound(key.name(), key.account());
        }
        return s;
    }

    /** The stream, which must be ACTIVE for a change; call while holding its monitor. */
    public void requireActive(Stream s) {
        String status = s.status(clock);
        if (!Stream.ACTIVE.equals(status)) {
            throw KinesisErrors.notActive(s.name(), s.account(), status);
        }
    }

    /** Whether the stream takes and serves records (ACTIVE or UPDATING, as in AWS). */
    public boolean readable(Stream s) {
        String status = s.status(clock);
        return Stream.ACTIVE.equals(status) || Stream.UPDATING.equals(status);
    }

    /** The open shards of an account and region over all its streams, for the shard limit. */
    public int openShards(String account, String region) {
        int n = 0;
        for (Stream s : catalog.list(account, region)) {
            n += s.openShardCount();
        }
        return n;
    }

    /** Fails with AWS's LimitExceededException if {@code additional} more shards pass the limit. */
    public void checkShardLimit(String account, String region, int additional) {
        int current = openShards(account, region);
        if (current + additional > shardLimit) {
            throw KinesisErrors.shardLimit(account, region, current, shardLimit, additional);
        }
    }

    /** The shard of a stream by id; ResourceNotFoundException naming the shard when there is none. */
    public Shard shard(Stream s, String shardId) {
        int index = Shard.indexOf(shardId);
        Shard shard = index < 0 ? null : s.shard(index);
        if (shard == null) {
            throw KinesisErrors.resourceNotFound("Shard " + shardId + " in stream " + s.name()
                    + " under account " + s.account() + " does not exist");
        }
        return shard;
    }

    /** Who to tell when a stream has new visible records (SubscribeToShard, so it need not wait for a poll). */
    public void onRecordsWritten(Consumer<StreamKey> listener) {
        this.recordsWritten = listener;
    }

    void recordsWritten(StreamKey stream) {
        recordsWritten.accept(stream);
    }
}
