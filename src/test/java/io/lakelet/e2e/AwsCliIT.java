package io.lakelet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI v2, as users type it, against the distribution jar. */
class AwsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LakeletProcess lakelet;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        lakelet = LakeletProcess.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        lakelet.close();
    }

    private static JsonNode aws(String... args) throws Exception {
        String out = ExternalClient.aws(lakelet, args).ok().stdout();
        return out.isBlank() ? JSON.nullNode() : JSON.readTree(out);
    }

    @Test
    void kinesisStreamLifecycleWithTheCli() throws Exception {
        aws("kinesis", "create-stream", "--stream-name", "cli-stream", "--shard-count", "2");
        aws("kinesis", "wait", "stream-exists", "--stream-name", "cli-stream");

        JsonNode put = aws("kinesis", "put-record", "--stream-name", "cli-stream", "--partition-key", "user-1",
                "--data", "aGVsbG8gY2xp", "--cli-binary-format", "base64");
        String shard = put.get("ShardId").asText();
        assertThat(put.get("SequenceNumber").asText()).matches("\\d{20,}");

        String iterator = aws("kinesis", "get-shard-iterator", "--stream-name", "cli-stream", "--shard-id", shard,
                "--shard-iterator-type", "TRIM_HORIZON").get("ShardIterator").asText();
        JsonNode records = aws("kinesis", "get-records", "--shard-iterator", iterator).get("Records");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("Data").asText()).isEqualTo("aGVsbG8gY2xp");
        assertThat(records.get(0).get("PartitionKey").asText()).isEqualTo("user-1");

        JsonNode streams = aws("kinesis", "list-streams");
        assertThat(streams.get("StreamNames").toString()).contains("cli-stream");

        ExternalClient.Result missing = ExternalClient.aws(lakelet, "kinesis", "describe-stream", "--stream-name", "nope");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("ResourceNotFoundException")
                .contains("Stream nope under account 000000000000 not found.");

        aws("kinesis", "delete-stream", "--stream-name", "cli-stream");
    }

    @Test
    void s3CopiesA100MiBFileInPartsAndBackUnchanged() throws Exception {
        Path big = tmp.resolve("big.bin");
        byte[] chunk = new byte[1024 * 1024];
        Random random = new Random(42);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 100; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        assertThat(ExternalClient.aws(lakelet, "s3", "mb", "s3://cli-bucket").ok().stdout())
                .contains("make_bucket: cli-bucket");
        ExternalClient.aws(lakelet, "s3", "cp", big.toString(), "s3://cli-bucket/data/big.bin").ok();

        JsonNode head = aws("s3api", "head-object", "--bucket", "cli-bucket", "--key", "data/big.bin");
        assertThat(head.get("ContentLength").asLong()).isEqualTo(100L * 1024 * 1024);
        assertThat(head.get("ETag").asText()).as("multipart ETag").matches("\"[0-9a-f]{32}-\\d+\"");

        String listing = ExternalClient.aws(lakelet, "s3", "ls", "s3://cli-bucket/data/").ok().stdout();
        assertThat(listing).contains("big.bin").contains(Long.toString(100L * 1024 * 1024));

        Path back = tmp.resolve("back.bin");
        ExternalClient.aws(lakelet, "s3", "cp", "s3://cli-bucket/data/big.bin", back.toString()).ok();
        assertThat(Files.mismatch(big, back)).isEqualTo(-1L);

        String url = ExternalClient.aws(lakelet, "s3", "presign", "s3://cli-bucket/data/big.bin",
                "--expires-in", "300").ok().stdout().trim();
        Path viaCurl = tmp.resolve("curl.bin");
        ExternalClient.run(List.of("curl", "-sf", "-o", viaCurl.toString(), url), Map.of()).ok();
        assertThat(Files.mismatch(big, viaCurl)).as("presigned GET fetched by curl").isEqualTo(-1L);

        ExternalClient.aws(lakelet, "s3", "rm", "s3://cli-bucket/data/big.bin").ok();
        JsonNode empty = aws("s3api", "list-objects-v2", "--bucket", "cli-bucket");
        assertThat(empty.path("KeyCount").asInt()).isZero();
        assertThat(ExternalClient.aws(lakelet, "s3", "rb", "s3://cli-bucket").ok().stdout())
                .contains("remove_bucket: cli-bucket");
    }

    @Test
    void s3ErrorsReachTheCliWithS3Codes() throws Exception {
        ExternalClient.Result r = ExternalClient.aws(lakelet, "s3api", "get-object", "--bucket", "no-such-bucket",
                "--key", "k", tmp.resolve("x").toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("NoSuchBucket");
    }
}
