package io.lakelet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK for JavaScript v3 (src/test/js/pipeline.mjs) against the distribution jar: its Kinesis
 * client speaks h2c with prior knowledge, its S3 client HTTP/1.1 with flexible checksums. .ci/run
 * installs the packages with {@code npm ci}.
 */
class JsSdkIT {

    @Test
    void jsSdkV3KinesisAndS3ClientsWork() throws Exception {
        Path dir = Path.of(System.getProperty("lakelet.e2e.js", "../src/test/js"));
        assertThat(dir.resolve("node_modules/@aws-sdk/client-kinesis")).as("run npm ci in " + dir).exists();
        try (LakeletProcess lakelet = LakeletProcess.start(Map.of())) {
            ExternalClient.Result r = ExternalClient.run(
                    List.of("node", dir.resolve("pipeline.mjs").toString(), lakelet.endpoint().toString()), Map.of());

            assertThat(r.exitCode()).as(r.stdout() + r.stderr() + "\n" + lakelet.log()).isZero();
            assertThat(r.stdout()).contains("OK");
        }
    }
}
