package io.lakelet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Nothing acknowledged is lost: with the default durability setting, what clients were told succeeded is
 * there after the process is killed with SIGKILL (no shutdown hook, no flush) and started again.
 */
class DurabilityIT {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @TempDir
    Path dataDir;

    @Test
    void acknowledgedRecordsAndObjectsSurviveKillDashNine() throws Exception {
        Map<String, String> env = Map.of("LAKELET_DATA_DIR", dataDir.toString());
        List<PutRecordResponse> acknowledged = new ArrayList<>();
        byte[] object = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(object);

        try (LakeletProcess lakelet = LakeletProcess.start(env);
             KinesisClient kinesis = kinesis(lakelet); S3Client s3 = s3(lakelet)) {
            kinesis.createStream(b -> b.streamName("durable").shardCount(1));
            awaitActive(kinesis, "durable");
            for (int i = 0; i < 100; i++) {
                int n = i;
                acknowledged.add(kinesis.putRecord(b -> b.streamName("durable").partitionKey("k" + n)
                        .data(SdkBytes.fromUtf8String("record-" + n))));
            }
            s3.createBucket(b -> b.bucket("durable"));
            s3.putObject(b -> b.bucket("durable").key("data/object.bin"), RequestBody.fromBytes(object));

            lakelet.kill9();
        }

        try (LakeletProcess lakelet = LakeletProcess.start(env);
             KinesisClient kinesis = kinesis(lakelet); S3Client s3 = s3(lakelet)) {
            String iterator = kinesis.getShardIterator(b -> b.streamName("durable")
                    .shardId(acknowledged.get(0).shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> records = kinesis.getRecords(b -> b.shardIterator(iterator).limit(1000)).records();

            assertThat(records).extracting(Record::sequenceNumber)
                    .containsExactlyElementsOf(acknowledged.stream().map(PutRecordResponse::sequenceNumber).toList());
            assertThat(records.get(99).data().asUtf8String()).isEqualTo("record-99");
            assertThat(s3.getObjectAsBytes(b -> b.bucket("durable").key("data/object.bin")).asByteArray())
                    .isEqualTo(object);
        }
        assertThat(Files.list(dataDir).count()).isPositive();
    }

    static void awaitActive(KinesisClient kinesis, String stream) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).as("stream becomes ACTIVE").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static KinesisClient kinesis(LakeletProcess lakelet) {
        return KinesisClient.builder().endpointOverride(lakelet.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static S3Client s3(LakeletProcess lakelet) {
        return S3Client.builder().endpointOverride(lakelet.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
