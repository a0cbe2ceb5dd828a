package io.lakelet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK for JavaScript v3 (the scripts in src/test/js) against the distribution jar: its Kinesis
 * client speaks h2c with prior knowledge, its S3 client HTTP/1.1 with flexible checksums, its Glue and
 * Athena clients awsJson over HTTP/1.1. .ci/run installs the packages with {@code npm ci}.
 */
class JsSdkIT {

    private static void runs(String script) throws Exception {
        Path dir = Path.of(System.getProperty("lakelet.e2e.js", "../src/test/js"));
        assertThat(dir.resolve("node_modules/@aws-sdk/client-athena")).as("run npm ci in " + dir).exists();
        try (LakeletProcess lakelet = LakeletProcess.start(Map.of())) {
            ExternalClient.Result r = ExternalClient.run(
                    List.of("node", dir.resolve(script).toString(), lakelet.endpoint().toString()), Map.of());

            assertThat(r.exitCode()).as(r.stdout() + r.stderr() + "\n" + lakelet.log()).isZero();
            assertThat(r.stdout()).contains("OK");
        }
    }

    @Test
    void jsSdkV3KinesisAndS3ClientsWork() throws Exception {
        runs("pipeline.mjs");
    }

    @Test
    void jsSdkV3GlueAndAthenaClientsQueryJsonInS3() throws Exception {
        runs("lake.mjs");
    }
}
