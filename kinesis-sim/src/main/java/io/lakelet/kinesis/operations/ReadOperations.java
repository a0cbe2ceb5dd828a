package io.lakelet.kinesis.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.kinesis.model.RecordLog;
import io.lakelet.kinesis.model.SequenceNumbers;
import io.lakelet.kinesis.model.Shard;
import io.lakelet.kinesis.model.StoredRecord;
import io.lakelet.kinesis.model.Stream;
import io.lakelet.kinesis.wire.Descriptions;
import io.lakelet.kinesis.wire.ShardIterators;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * GetShardIterator and GetRecords: iterators carry a counter position in a shard and expire after five
 * minutes; reads return what the retention period keeps, and the end of a closed shard hands the reader
 * on to its children.
 */
public final class ReadOperations {
    static final List<String> ITERATOR_TYPES = List.of("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER",
            "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP");
    static final long ITERATOR_LIFETIME_MILLIS = 300_000;
    static final int MAX_RECORDS = 10_000;
    static final long MAX_BYTES = 10L * 1024 * 1024;
    private static final DateTimeFormatter UNIX_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final KinesisRuntime rt;

    public ReadOperations(KinesisRuntime rt) {
        this.rt = rt;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("GetShardIterator", GetShardIteratorRequest.class, this::getShardIterator)
                .operation("GetRecords", GetRecordsRequest.class, this::getRecords);
    }

    GetShardIteratorResponse getShardIterator(RequestContext ctx, GetShardIteratorRequest in) {
        String type = in.shardIteratorTypeAsString();
        Validation v = Validation.check()
                .notNull("shardId", in.shardId())
                .length("shardId", in.shardId(), 1, 128)
                .notNull("shardIteratorType", type)
                .oneOf("shardIteratorType", type, ITERATOR_TYPES)
                .pattern("startingSequenceNumber", in.startingSequenceNumber(), PutOperations.SEQUENCE);
        KinesisRuntime.validateStream(v, in.streamName(), in.streamARN()).orThrow();
        Stream s = rt.find(ctx, in.streamName(), in.streamARN());
        synchronized (s) {
            if (!rt.readable(s)) {
                throw KinesisErrors.streamNotFound(s.name(), s.account());
            }
            Shard shard = rt.shard(s, in.shardId());
            long position = position(s, shard, type, in.startingSequenceNumber(), in.timestamp());
            String iterator = ShardIterators.encode(new ShardIterators.Position(s.key(), s.createdMillis(),
                    shard.index(), position, rt.clock().millis()));
            return GetShardIteratorResponse.builder().shardIterator(iterator).build();
        }
    }

    /** The counter an iterator of {@code type} starts at; call while holding the stream's monitor. */
    long position(Stream s, Shard shard, String type, String sequence, Instant timestamp) {
        boolean bySequence = type.endsWith("SEQUENCE_NUMBER");
        if (bySequence != (sequence != null)) {
            throw KinesisErrors.invalidArgument("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER"
                    + " and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber."
                    + " Request specified " + type + " and " + (sequence == null ? "no " : "")
                    + "StartingSequenceNumber.");
        }
        long end = shard.isOpen() ? s.counter() + 1 : shard.endCounter() + 1;
        return switch (type) {
            case "TRIM_HORIZON" -> shard.startCounter();
            case "LATEST" -> end;
            case "AT_TIMESTAMP" -> {
                if (timestamp == null) {
                    throw KinesisErrors.invalidArgument("Must specify timestampInMillis parameter for iterator of"
                            + " type AT_TIMESTAMP. Current request has no timestamp parameter.");
                }
                long found = rt.log().firstArrivedAtOrAfter(s.key(), shard.index(), timestamp.toEpochMilli());
                yield found < 0 ? end : found;
            }
            default -> {
                SequenceNumbers.Position p = parseSequence(s, shard, sequence);
                yield type.equals("AT_SEQUENCE_NUMBER") ? p.counter() : p.counter() + 1;
            }
        };
    }

    private static SequenceNumbers.Position parseSequence(Stream s, Shard shard, String sequence) {
        SequenceNumbers.Position p;
        try {
            p = SequenceNumbers.parse(sequence);
        } catch (IllegalArgumentException e) {
            throw KinesisErrors.invalidArgument("StartingSequenceNumber " + sequence + " used in GetShardIterator on"
                    + " shard " + shard.id() + " in stream " + s.name() + " under account " + s.account()
                    + " is invalid.");
        }
        if (p.shardIndex() != shard.index()) {
            throw KinesisErrors.invalidArgument("Invalid StartingSequenceNumber. It encodes " + Shard.id(p.shardIndex())
                    + ", while it was used in a call to a shard with " + shard.id());
        }
        return p;
    }

    GetRecordsResponse getRecords(RequestContext ctx, GetRecordsRequest in) {
        Validation.check()
                .notNull("shardIterator", in.shardIterator())
                .length("shardIterator", in.shardIterator(), 1, 512)
                .range("limit", in.limit(), 1, MAX_RECORDS)
                .orThrow();
        ShardIterators.Position it = ShardIterators.decode(in.shardIterator());
        if (it == null) {
            throw KinesisErrors.invalidArgument("Invalid ShardIterator.");
        }
        long now = rt.clock().millis();
        if (now - it.issuedMillis() > ITERATOR_LIFETIME_MILLIS) {
            throw KinesisErrors.expiredIterator("Iterator expired. The iterator was created at time "
                    + UNIX_DATE.format(Instant.ofEpochMilli(it.issuedMillis())) + " while right now it is "
                    + UNIX_DATE.format(Instant.ofEpochMilli(now)) + " which is further in the future than the"
                    + " tolerated delay of " + ITERATOR_LIFETIME_MILLIS + " milliseconds.");
        }
        Stream s = rt.catalog().get(it.stream());
        if (s == null || s.createdMillis() != it.streamCreatedMillis()) {
            throw KinesisErrors.resourceNotFound("Shard " + Shard.id(it.shardIndex()) + " in stream "
                    + it.stream().name() + " under account " + it.stream().account() + " does not exist");
        }
        boolean closed;
        long minArrival;
        long visible;
        synchronized (s) {
            Shard shard = rt.shard(s, Shard.id(it.shardIndex()));
            visible = s.publication().visible();
            // A closed shard is finished for a reader once every record before its end is visible.
            closed = !shard.isOpen() && visible >= shard.endCounter();
            minArrival = s.trimHorizonMillis(rt.clock());
        }
        if (!rt.throttle().allowRead(s.key(), it.shardIndex())) {
            throw AwsException.client("ProvisionedThroughputExceededException", "Rate exceeded for shard "
                    + Shard.id(it.shardIndex()) + " in stream " + s.name() + " under account " + s.account() + ".");
        }
        int limit = in.limit() == null ? MAX_RECORDS : in.limit();
        RecordLog.Page page = rt.log().read(s.key(), it.shardIndex(), it.counter(), visible, minArrival, limit,
                MAX_BYTES);
        GetRecordsResponse.Builder out = GetRecordsResponse.builder()
                .records(page.records().stream().map(ReadOperations::toRecord).toList());
        List<StoredRecord> records = page.records();
        out.millisBehindLatest(page.reachedEnd() || records.isEmpty() ? 0L
                : Math.max(0L, now - records.get(records.size() - 1).arrivalMillis()));
        if (closed && page.reachedEnd()) {
            synchronized (s) {
                out.childShards(Descriptions.children(s, s.shard(it.shardIndex())));
            }
        } else {
            long next = page.lastCounter() >= 0 ? page.lastCounter() + 1 : it.counter();
            out.nextShardIterator(ShardIterators.encode(new ShardIterators.Position(s.key(), s.createdMillis(),
                    it.shardIndex(), next, now)));
        }
        return out.build();
    }

    static Record toRecord(StoredRecord r) {
        return Record.builder()
                .sequenceNumber(r.sequenceNumber())
                .approximateArrivalTimestamp(Instant.ofEpochMilli(r.arrivalMillis()))
                .data(SdkBytes.fromByteArrayUnsafe(r.data()))
                .partitionKey(r.partitionKey())
                .encryptionType(r.encrypted() ? "KMS" : null)
                .build();
    }
}
