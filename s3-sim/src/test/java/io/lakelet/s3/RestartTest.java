package io.lakelet.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Acknowledged objects survive a restart on the same data directory. */
class RestartTest {

    @Test
    void objectsAndBucketsSurviveARestart(@TempDir Path dir) throws Exception {
        Map<String, String> settings = Map.of(LakeletConfig.Keys.DATA_DIR, dir.resolve("data").toString());
        byte[] data = S3TestSupport.randomBytes(2 * 1024 * 1024 + 1, 8);
        // given
        try (TestServer first = S3TestSupport.start(settings, Clock.systemUTC());
             S3Client s3 = S3TestSupport.pathStyle(first)) {
            s3.createBucket(b -> b.bucket("durable"));
            s3.putObject(b -> b.bucket("durable").key("k").metadata(Map.of("a", "b")), RequestBody.fromBytes(data));
            String uploadId = s3.createMultipartUpload(b -> b.bucket("durable").key("mp")).uploadId();
            s3.uploadPart(b -> b.bucket("durable").key("mp").uploadId(uploadId).partNumber(1), RequestBody.fromString("p"));
        }
        assertThat(Files.list(dir.resolve("data"))).isNotEmpty();
        // when
        try (TestServer second = S3TestSupport.start(settings, Clock.systemUTC());
             S3Client s3 = S3TestSupport.pathStyle(second)) {
            // then
            assertThat(s3.getObjectAsBytes(b -> b.bucket("durable").key("k")).asByteArray()).isEqualTo(data);
            assertThat(s3.headObject(b -> b.bucket("durable").key("k")).metadata()).containsEntry("a", "b");
            assertThat(s3.listMultipartUploads(b -> b.bucket("durable")).uploads()).hasSize(1);
        }
    }
}
