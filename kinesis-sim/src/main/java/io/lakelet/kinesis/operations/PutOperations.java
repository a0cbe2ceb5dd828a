package io.lakelet.kinesis.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.kinesis.model.HashRanges;
import io.lakelet.kinesis.model.Publication;
import io.lakelet.kinesis.model.RecordLog;
import io.lakelet.kinesis.model.Shard;
import io.lakelet.kinesis.model.StoredRecord;
import io.lakelet.kinesis.model.Stream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * PutRecord and PutRecords: each record goes to the open shard whose hash key range holds the MD5 of its
 * partition key (or its ExplicitHashKey), takes the stream's next counter, and is written durably before
 * the call is acknowledged.
 */
public final class PutOperations {
    /** The largest record any stream can take (10 MiB, after UpdateMaxRecordSize). */
    static final int MAX_RECORD_BYTES = 10 * 1024 * 1024;
    static final int MAX_RECORDS = 500;
    static final long MAX_PUT_RECORDS_BYTES = 5L * 1024 * 1024;
    static final Pattern HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");
    static final Pattern SEQUENCE = Pattern.compile("0|([1-9]\\d{0,128})");

    private final KinesisRuntime rt;

    public PutOperations(KinesisRuntime rt) {
        this.rt = rt;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("PutRecord", PutRecordRequest.class, this::putRecord)
                .operation("PutRecords", PutRecordsRequest.class, this::putRecords);
    }

    /** One record to place: its key, hash key and data. */
    private record Pending(String partitionKey, BigInteger hashKey, byte[] data) {
    }

    PutRecordResponse putRecord(RequestContext ctx, PutRecordRequest in) {
        Validation v = Validation.check();
        KinesisRuntime.validateStream(v, in.streamName(), in.streamARN());
        validateRecord(v, "", in.partitionKey(), in.data(), in.explicitHashKey());
        v.pattern("sequenceNumberForOrdering", in.sequenceNumberForOrdering(), SEQUENCE).orThrow();
        Pending p = pending(in.partitionKey(), in.explicitHashKey(), in.data());
        Stream s = writable(ctx, in.streamName(), in.streamARN());
        StoredRecord r;
        Shard shard;
        Publication publication;
        RecordLog.Append append;
        synchronized (s) {
            Validation fits = Validation.check();
            checkSize(fits, "data", p.data().length, s);
            fits.orThrow();
            shard = shardFor(s, s.openShards(), p.hashKey());
            if (!rt.throttle().allowWrite(s.key(), shard.index(), p.data().length + p.partitionKey().length())) {
                throw AwsException.client("ProvisionedThroughputExceededException", rateExceeded(s, shard));
            }
            append = rt.log().startAppend();
            try {
                r = record(s, shard, p);
                publication = s.publication();
                publication.begin(r.counter(), r.counter());
            } catch (RuntimeException e) {
                append.close();
                throw e;
            }
        }
        write(s, append, List.of(r), publication);
        return PutRecordResponse.builder()
                .shardId(shard.id())
                .sequenceNumber(r.sequenceNumber())
                .encryptionType(s.encryptionType())
                .build();
    }

    /**
     * Writes records whose counters (and generation, {@link RecordLog#startAppend()}) were taken under the
     * stream's lock, outside it, so that concurrent puts share RocksDB group commits; readers see them
     * once every earlier counter is written too.
     */
    private void write(Stream s, RecordLog.Append append, List<StoredRecord> records, Publication publication) {
        try {
            rt.log().append(append, s.key(), records);
        } finally {
            publication.complete(records.get(0).counter());
        }
        rt.recordsWritten(s.key());
    }

    PutRecordsResponse putRecords(RequestContext ctx, PutRecordsRequest in) {
        List<PutRecordsRequestEntry> entries = in.hasRecords() ? in.records() : null;
        Validation v = Validation.check().notNull("records", entries);
        if (entries != null && (entries.isEmpty() || entries.size() > MAX_RECORDS)) {
            // Validation.size renders the list even when it fits; with 500 records that cost more than the put.
            v.size("records", entries, 1, MAX_RECORDS);
        }
        KinesisRuntime.validateStream(v, in.streamName(), in.streamARN());
        long total = 0;
        if (entries != null && entries.size() <= MAX_RECORDS) {
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsRequestEntry e = entries.get(i);
                if (!plainlyValid(e.partitionKey(), e.data(), e.explicitHashKey())) {
                    validateRecord(v, "records." + (i + 1) + ".member.", e.partitionKey(), e.data(),
                            e.explicitHashKey());
                }
                total += (e.data() == null ? 0 : e.data().asByteBuffer().remaining())
                        + (e.partitionKey() == null ? 0 : e.partitionKey().length());
            }
        }
        v.orThrow();
        if (total > MAX_PUT_RECORDS_BYTES) {
            throw KinesisErrors.invalidArgument("Records size exceeds 5 MB limit");
        }
        List<Pending> pending = new ArrayList<>(entries.size());
        for (PutRecordsRequestEntry e : entries) {
            pending.add(pending(e.partitionKey(), e.explicitHashKey(), e.data()));
        }
        Stream s = writable(ctx, in.streamName(), in.streamARN());
        List<StoredRecord> accepted = new ArrayList<>(pending.size());
        Publication publication = null;
        RecordLog.Append append = null;
        PutRecordsResponse response;
        synchronized (s) {
            Validation fits = Validation.check();
            int maxBytes = s.maxRecordSizeKiB() * 1024;
            for (int i = 0; i < pending.size(); i++) {
                if (pending.get(i).data().length > maxBytes) {
                    checkSize(fits, "records." + (i + 1) + ".member.data", pending.get(i).data().length, maxBytes);
                }
            }
            fits.orThrow();
            // The generation taken for the first accepted record is given back if anything fails here.
            try {
                List<PutRecordsResultEntry> results = new ArrayList<>(pending.size());
                int failed = 0;
                List<Shard> open = s.openShards();
                for (Pending p : pending) {
                    Shard shard = shardFor(s, open, p.hashKey());
                    if (!rt.throttle().allowWrite(s.key(), shard.index(), p.data().length + p.partitionKey().length())) {
                        failed++;
                        results.add(PutRecordsResultEntry.builder()
                                .errorCode("ProvisionedThroughputExceededException")
                                .errorMessage(rateExceeded(s, shard))
                                .build());
                        continue;
                    }
                    if (append == null) {
                        append = rt.log().startAppend();
                    }
                    StoredRecord r = record(s, shard, p);
                    accepted.add(r);
                    results.add(PutRecordsResultEntry.builder()
                            .shardId(shard.id())
                            .sequenceNumber(r.sequenceNumber())
                            .build());
                }
                if (!accepted.isEmpty()) {
                    publication = s.publication();
                    publication.begin(accepted.get(0).counter(), accepted.get(accepted.size() - 1).counter());
                }
                response = PutRecordsResponse.builder()
                        .failedRecordCount(failed)
                        .records(results)
                        .encryptionType(s.encryptionType())
                        .build();
            } catch (RuntimeException e) {
                if (append != null) {
                    append.close();
                }
                throw e;
            }
        }
        if (!accepted.isEmpty()) {
            write(s, append, accepted, publication);
        }
        return response;
    }

    /**
     * Whether a record passes {@link #validateRecord} without looking closer: the common case, told without
     * building the member names that only a violation needs.
     */
    private static boolean plainlyValid(String partitionKey, SdkBytes data, String explicitHashKey) {
        // 1 to 256 code points: a key of 1 to 256 chars has at least 1 and at most 256.
        return partitionKey != null && !partitionKey.isEmpty() && partitionKey.length() <= 256
                && data != null && data.asByteBuffer().remaining() <= MAX_RECORD_BYTES && explicitHashKey == null;
    }

    private static void validateRecord(Validation v, String prefix, String partitionKey, SdkBytes data,
                                       String explicitHashKey) {
        v.notNull(prefix + "partitionKey", partitionKey)
                .length(prefix + "partitionKey", partitionKey, 1, 256)
                .notNull(prefix + "data", data)
                .pattern(prefix + "explicitHashKey", explicitHashKey, HASH_KEY);
        if (data != null) {
            checkSize(v, prefix + "data", data.asByteBuffer().remaining(), MAX_RECORD_BYTES);
        }
    }

    /** The record size limit of the stream: 1 MiB unless raised, worded as AWS's length constraint. */
    private static void checkSize(Validation v, String member, int n, Stream s) {
        checkSize(v, member, n, s.maxRecordSizeKiB() * 1024);
    }

    private static void checkSize(Validation v, String member, int n, int max) {
        v.constraint(member, "java.nio.HeapByteBuffer[pos=0 lim=" + n + " cap=" + n + "]", n <= max,
                "Member must have length less than or equal to " + max);
    }

    private static Pending pending(String partitionKey, String explicitHashKey, SdkBytes data) {
        BigInteger hash;
        if (explicitHashKey != null) {
            hash = new BigInteger(explicitHashKey);
            if (hash.compareTo(HashRanges.MAX) > 0) {
                throw KinesisErrors.invalidArgument("Invalid ExplicitHashKey. ExplicitHashKey must be in the range:"
                        + " [0, 2^128-1]. Specified value was " + explicitHashKey);
            }
        } else {
            hash = HashRanges.hashOf(partitionKey);
        }
        return new Pending(partitionKey, hash, data.asByteArrayUnsafe());
    }

    /** The stream, which must take records: AWS answers not found for a stream that is not ACTIVE or UPDATING. */
    private Stream writable(RequestContext ctx, String name, String arn) {
        Stream s = rt.find(ctx, name, arn);
        if (!rt.readable(s)) {
            throw KinesisErrors.streamNotFound(s.name(), s.account());
        }
        return s;
    }

    /** The open shard (of {@code open}, the stream's open shards) whose range holds {@code hash}. */
    private static Shard shardFor(Stream s, List<Shard> open, BigInteger hash) {
        for (Shard shard : open) {
            if (shard.range().contains(hash)) {
                return shard;
            }
        }
        throw new IllegalStateException("open shards of " + s.name() + " do not cover hash key " + hash);
    }

    private StoredRecord record(Stream s, Shard shard, Pending p) {
        return new StoredRecord(shard.index(), s.nextCounter(), rt.clock().millis(), p.partitionKey(),
                "KMS".equals(s.encryptionType()), p.data());
    }

    private static String rateExceeded(Stream s, Shard shard) {
        return "Rate exceeded for shard " + shard.id() + " in stream " + s.name() + " under account "
                + s.account() + ".";
    }
}
