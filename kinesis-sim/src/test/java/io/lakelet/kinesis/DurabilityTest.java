package io.lakelet.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.config.LakeletConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Every acknowledged record survives a restart on the same data directory, with its sequence number and time. */
class DurabilityTest {

    @Test
    void recordsSurviveARestartWithTheirSequenceNumbersAndArrivalTimes(@TempDir Path dir) {
        Map<String, String> settings = Map.of(LakeletConfig.Keys.DATA_DIR, dir.toString());
        String stream = KinesisServer.name();
        List<Record> before;
        String lastSequence;
        try (KinesisServer first = KinesisServer.start(settings)) {
            first.cbor.createStream(b -> b.streamName(stream).shardCount(2));
            first.awaitActive(stream);
            List<PutRecordsRequestEntry> entries = IntStream.range(0, 100).mapToObj(i -> PutRecordsRequestEntry
                    .builder().partitionKey("k" + i).data(SdkBytes.fromUtf8String("v" + i)).build()).toList();
            List<PutRecordsResultEntry> acks = first.cbor.putRecords(b -> b.streamName(stream).records(entries)).records();
            first.cbor.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000")
                    .newStartingHashKey("1000"));
            lastSequence = acks.get(99).sequenceNumber();
            before = readAll(first, stream);
            assertThat(before).hasSize(100);
        }

        try (KinesisServer second = KinesisServer.start(settings)) {
            List<Record> after = readAll(second, stream);
            assertThat(after).containsExactlyElementsOf(before);
            assertThat(second.cbor.listShards(b -> b.streamName(stream)).shards()).hasSize(4);
            String next = second.cbor.putRecord(b -> b.streamName(stream).partitionKey("k99")
                    .data(SdkBytes.fromUtf8String("later"))).sequenceNumber();
            assertThat(new java.math.BigInteger(next)).isGreaterThan(new java.math.BigInteger(lastSequence));
        }
    }

    private static List<Record> readAll(KinesisServer k, String stream) {
        return k.cbor.listShards(b -> b.streamName(stream)).shards().stream()
                .flatMap(s -> k.cbor.getRecords(b -> b.shardIterator(k.cbor.getShardIterator(i -> i.streamName(stream)
                        .shardId(s.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator()))
                        .records().stream())
                .toList();
    }
}
