package io.lakelet.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AWS CLI (botocore, JSON over HTTP/1.1) against Kinesis; skipped where no {@code aws} is installed. */
class AwsCliTest {
    private static KinesisServer k;

    private record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() {
        assumeTrue(run("--version").exit() == 0, "the AWS CLI is not installed");
        k = KinesisServer.start();
    }

    @AfterAll
    static void stop() {
        if (k != null) {
            k.close();
        }
    }

    private static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("aws"));
        if (k != null) {
            command.addAll(List.of("--endpoint-url", k.server.endpoint().toString(), "--output", "json"));
        }
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        pb.environment().put("AWS_MAX_ATTEMPTS", "1");
        try {
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", args) + " did not finish within 60 s");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void theCliCreatesPutsAndReads() {
        String stream = KinesisServer.name();

        assertThat(run("kinesis", "create-stream", "--stream-name", stream, "--shard-count", "1").exit()).isZero();
        k.awaitActive(stream);
        Result put = run("kinesis", "put-record", "--stream-name", stream, "--partition-key", "k", "--data", "hello");
        Result iterator = run("kinesis", "get-shard-iterator", "--stream-name", stream, "--shard-id",
                "shardId-000000000000", "--shard-iterator-type", "TRIM_HORIZON", "--query", "ShardIterator",
                "--output", "text");
        Result records = run("kinesis", "get-records", "--shard-iterator", iterator.out().trim());

        assertThat(put.out()).contains("\"ShardId\": \"shardId-000000000000\"");
        assertThat(records.exit()).isZero();
        assertThat(records.out()).contains("\"Data\": \"" + Base64.getEncoder()
                .encodeToString("hello".getBytes(StandardCharsets.UTF_8)) + "\"").contains("\"PartitionKey\": \"k\"");
    }

    @Test
    void theCliShowsAwsErrors() {
        Result r = run("kinesis", "describe-stream", "--stream-name", "nope");

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("An error occurred (ResourceNotFoundException) when calling the DescribeStream"
                + " operation: Stream nope under account 000000000000 not found.");
    }
}
