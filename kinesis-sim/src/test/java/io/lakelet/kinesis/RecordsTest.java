package io.lakelet.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.testing.MutableClock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** PutRecord(s), GetShardIterator and GetRecords with real SDK clients over CBOR and JSON. */
class RecordsTest {
    private static final MutableClock CLOCK = new MutableClock();
    private static KinesisServer k;

    @BeforeAll
    static void start() {
        k = KinesisServer.start(Map.of(), CLOCK);
    }

    @AfterAll
    static void stop() {
        k.close();
    }

    private static SdkBytes utf8(String s) {
        return SdkBytes.fromUtf8String(s);
    }

    private static String iterator(KinesisClient c, String stream, String shard, ShardIteratorType type) {
        return c.getShardIterator(b -> b.streamName(stream).shardId(shard).shardIteratorType(type)).shardIterator();
    }

    @Test
    void aPartitionKeyGoesToTheShardWhoseRangeHoldsItsMd5() throws Exception {
        String stream = k.stream(4);
        List<Shard> shards = k.cbor.listShards(b -> b.streamName(stream)).shards();

        for (String key : List.of("alpha", "beta", "gamma", "delta", "epsilon")) {
            PutRecordResponse r = k.cbor.putRecord(b -> b.streamName(stream).partitionKey(key).data(utf8(key)));
            BigInteger hash = new BigInteger(1, MessageDigest.getInstance("MD5")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
            Shard expected = shards.stream().filter(s -> hash.compareTo(new BigInteger(s.hashKeyRange().startingHashKey())) >= 0
                    && hash.compareTo(new BigInteger(s.hashKeyRange().endingHashKey())) <= 0).findFirst().orElseThrow();
            assertThat(r.shardId()).isEqualTo(expected.shardId());
            assertThat(r.sequenceNumber()).hasSize(56).containsOnlyDigits();
        }
    }

    @Test
    void anExplicitHashKeyChoosesTheShard() {
        String stream = k.stream(2);

        PutRecordResponse low = k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").explicitHashKey("0")
                .data(utf8("x")));
        PutRecordResponse high = k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k")
                .explicitHashKey("340282366920938463463374607431768211455").data(utf8("x")));

        assertThat(low.shardId()).isEqualTo("shardId-000000000000");
        assertThat(high.shardId()).isEqualTo("shardId-000000000001");
        assertThatThrownBy(() -> k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k")
                .explicitHashKey("340282366920938463463374607431768211456").data(utf8("x"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Invalid ExplicitHashKey.");
    }

    @Test
    void recordsComeBackInOrderWithGrowingSequenceNumbersOverCborAndJson() {
        String stream = k.stream(1);
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            sequences.add(k.cbor.putRecord(b -> b.streamName(stream).partitionKey("p" + n).data(utf8("r" + n)))
                    .sequenceNumber());
        }

        try (KinesisClient json = k.json()) {
            for (KinesisClient c : List.of(k.cbor, json)) {
                GetRecordsResponse r = c.getRecords(b -> b.shardIterator(
                        iterator(c, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON)));
                assertThat(r.records()).extracting(rec -> rec.data().asUtf8String())
                        .containsExactly("r0", "r1", "r2", "r3", "r4");
                assertThat(r.records()).extracting(Record::sequenceNumber).containsExactlyElementsOf(sequences);
                assertThat(r.records()).extracting(Record::partitionKey).containsExactly("p0", "p1", "p2", "p3", "p4");
                assertThat(r.records().get(0).approximateArrivalTimestamp()).isEqualTo(CLOCK.instant());
                assertThat(r.millisBehindLatest()).isZero();
                assertThat(r.nextShardIterator()).isNotNull();
            }
        }
        assertThat(sequences).isSortedAccordingTo((a, b) -> new BigInteger(a).compareTo(new BigInteger(b)));
        assertThat(sequences).doesNotHaveDuplicates();
    }

    @Test
    void everyIteratorTypeStartsWhereAwsSays() {
        String stream = k.stream(1);
        String shard = "shardId-000000000000";
        List<String> seq = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            seq.add(k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").data(utf8("v" + n))).sequenceNumber());
            CLOCK.advance(Duration.ofSeconds(10));
        }
        String latest = iterator(k.cbor, stream, shard, ShardIteratorType.LATEST);
        k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").data(utf8("v3")));

        assertThat(read(k.cbor.getShardIterator(b -> b.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(seq.get(1)))
                .shardIterator())).containsExactly("v1", "v2", "v3");
        assertThat(read(k.cbor.getShardIterator(b -> b.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(seq.get(1)))
                .shardIterator())).containsExactly("v2", "v3");
        Instant second = CLOCK.instant().minus(Duration.ofSeconds(20));
        assertThat(read(k.cbor.getShardIterator(b -> b.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(second)).shardIterator()))
                .containsExactly("v1", "v2", "v3");
        assertThat(read(latest)).containsExactly("v3");
        assertThat(read(iterator(k.cbor, stream, shard, ShardIteratorType.TRIM_HORIZON)))
                .containsExactly("v0", "v1", "v2", "v3");
    }

    private static List<String> read(String iterator) {
        return k.cbor.getRecords(b -> b.shardIterator(iterator)).records().stream()
                .map(r -> r.data().asUtf8String()).toList();
    }

    @Test
    void limitPagesAndTheNextIteratorContinuesWithoutGapsOrRepeats() {
        String stream = k.stream(1);
        List<PutRecordsRequestEntry> entries = IntStream.range(0, 500).mapToObj(i -> PutRecordsRequestEntry.builder()
                .partitionKey("k" + i).data(utf8(Integer.toString(i))).build()).toList();
        PutRecordsResponse put = k.cbor.putRecords(b -> b.streamName(stream).records(entries));
        assertThat(put.failedRecordCount()).isZero();
        assertThat(put.records()).hasSize(500).allSatisfy(r -> assertThat(r.sequenceNumber()).isNotNull());

        List<String> seen = new ArrayList<>();
        String it = iterator(k.cbor, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON);
        GetRecordsResponse page = k.cbor.getRecords(b -> b.shardIterator(
                iterator(k.cbor, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON)).limit(7));
        assertThat(page.records()).hasSize(7);
        assertThat(page.millisBehindLatest()).isNotNull();
        while (true) {
            String current = it;
            GetRecordsResponse r = k.cbor.getRecords(b -> b.shardIterator(current).limit(64));
            if (r.records().isEmpty()) {
                break;
            }
            r.records().forEach(rec -> seen.add(rec.data().asUtf8String()));
            it = r.nextShardIterator();
        }
        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 500).mapToObj(Integer::toString).toList());
    }

    @Test
    void iteratorsExpireAfterFiveMinutesAndMalformedOnesAreRejected() {
        String stream = k.stream(1);
        String it = iterator(k.cbor, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON);

        CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThatThrownBy(() -> k.cbor.getRecords(b -> b.shardIterator(it)))
                .isInstanceOf(ExpiredIteratorException.class)
                .hasMessageContaining("Iterator expired. The iterator was created at time")
                .hasMessageContaining("which is further in the future than the tolerated delay of 300000 milliseconds.");
        assertThatThrownBy(() -> k.cbor.getRecords(b -> b.shardIterator("AAAAAAAAAAEXAMPLE")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Invalid ShardIterator.");
        String edited = it.substring(0, it.length() - 4) + (it.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> k.cbor.getRecords(b -> b.shardIterator(edited)))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void badIteratorRequestsFailAsAwsFailsThem() {
        String stream = k.stream(2);
        String other = k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").explicitHashKey("0")
                .data(utf8("x"))).sequenceNumber();

        assertThatThrownBy(() -> k.cbor.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000001")
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(other)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Invalid StartingSequenceNumber. It encodes shardId-000000000000, while it was"
                        + " used in a call to a shard with shardId-000000000001");
        assertThatThrownBy(() -> k.cbor.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000001")
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> k.cbor.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000009")
                .shardIteratorType(ShardIteratorType.LATEST)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Shard shardId-000000000009 in stream " + stream);
        assertThatThrownBy(() -> k.cbor.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType("SIDEWAYS")))
                .hasMessageContaining("at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum"
                        + " value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
        assertThatThrownBy(() -> k.cbor.getRecords(b -> b.shardIterator("x").limit(10001)))
                .hasMessageContaining("Value '10001' at 'limit' failed to satisfy constraint: Member must have value"
                        + " less than or equal to 10000");
    }

    @Test
    void oversizedAndMalformedPutsFailValidation() {
        String stream = k.stream(1);
        SdkBytes big = SdkBytes.fromByteArray(new byte[1024 * 1024 + 1]);

        assertThatThrownBy(() -> k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").data(big)))
                .isInstanceOf(KinesisException.class)
                .hasMessageContaining("at 'data' failed to satisfy constraint: Member must have length less than or"
                        + " equal to 1048576");
        assertThatThrownBy(() -> k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k".repeat(257))
                .data(utf8("x"))))
                .hasMessageContaining("at 'partitionKey' failed to satisfy constraint: Member must have length less"
                        + " than or equal to 256");
        List<PutRecordsRequestEntry> tooMany = IntStream.range(0, 501).mapToObj(i -> PutRecordsRequestEntry.builder()
                .partitionKey("k").data(utf8("x")).build()).toList();
        assertThatThrownBy(() -> k.cbor.putRecords(b -> b.streamName(stream).records(tooMany)))
                .hasMessageContaining("at 'records' failed to satisfy constraint: Member must have length less than"
                        + " or equal to 500");
        List<PutRecordsRequestEntry> tooBig = IntStream.range(0, 6).mapToObj(i -> PutRecordsRequestEntry.builder()
                .partitionKey("k").data(SdkBytes.fromByteArray(new byte[1000 * 1000])).build()).toList();
        assertThatThrownBy(() -> k.cbor.putRecords(b -> b.streamName(stream).records(tooBig)))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> k.cbor.putRecords(b -> b.streamName(stream).records(
                PutRecordsRequestEntry.builder().partitionKey("").data(utf8("x")).build())))
                .hasMessageContaining("Value '' at 'records.1.member.partitionKey' failed to satisfy constraint");
        assertThatThrownBy(() -> k.cbor.putRecord(b -> b.streamName("gone").partitionKey("k").data(utf8("x"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Stream gone under account 000000000000 not found.");
    }

    @Test
    void aWholeMebibyteRecordIsAccepted() {
        String stream = k.stream(1);
        byte[] data = new byte[1024 * 1024 - 1];
        data[data.length - 1] = 7;

        k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromByteArray(data)));

        Record r = k.cbor.getRecords(b -> b.shardIterator(iterator(k.cbor, stream, "shardId-000000000000",
                ShardIteratorType.TRIM_HORIZON))).records().get(0);
        assertThat(r.data().asByteArray()).isEqualTo(data);
    }

    @Test
    void retentionTrimsByTheClockAndReplayReturnsExactlyWhatIsRetained() {
        String stream = k.stream(1);
        k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").data(utf8("old")));
        CLOCK.advance(Duration.ofHours(23));
        k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").data(utf8("new")));
        CLOCK.advance(Duration.ofHours(1).plusSeconds(1));

        assertThat(read(iterator(k.cbor, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON)))
                .containsExactly("new");

        k.cbor.increaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(48));
        k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").data(utf8("newer")));
        CLOCK.advance(Duration.ofHours(30));
        assertThat(read(iterator(k.cbor, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON)))
                .containsExactly("new", "newer");
        CLOCK.advance(Duration.ofMinutes(17 * 60 + 30));
        assertThat(read(iterator(k.cbor, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON)))
                .containsExactly("newer");
        assertThat(k.cbor.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary()
                .retentionPeriodHours()).isEqualTo(48);
    }

    @Test
    void aReaderFollowingConcurrentProducersMissesAndRepeatsNothing() throws Exception {
        String stream = k.stream(1);
        int producers = 8;
        int batches = 20;
        int perBatch = 50;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(producers);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            done.add(pool.submit(() -> {
                for (int b = 0; b < batches; b++) {
                    int batch = b;
                    List<PutRecordsRequestEntry> entries = IntStream.range(0, perBatch)
                            .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("k")
                                    .data(utf8(producer + "/" + batch + "/" + i)).build()).toList();
                    assertThat(k.cbor.putRecords(r -> r.streamName(stream).records(entries)).failedRecordCount())
                            .isZero();
                }
            }));
        }
        // Read while the producers write: every record exactly once, in sequence-number order.
        KinesisClient json = k.json();
        List<Record> seen = new ArrayList<>();
        String it = iterator(json, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (seen.size() < producers * batches * perBatch && Instant.now().isBefore(deadline)) {
            String current = it;
            GetRecordsResponse page = json.getRecords(b -> b.shardIterator(current));
            seen.addAll(page.records());
            it = page.nextShardIterator();
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        json.close();
        assertThat(seen).hasSize(producers * batches * perBatch);
        assertThat(seen.stream().map(r -> r.data().asUtf8String()).distinct().count()).isEqualTo(seen.size());
        for (int i = 1; i < seen.size(); i++) {
            assertThat(new BigInteger(seen.get(i).sequenceNumber()))
                    .isGreaterThan(new BigInteger(seen.get(i - 1).sequenceNumber()));
        }
    }
}
