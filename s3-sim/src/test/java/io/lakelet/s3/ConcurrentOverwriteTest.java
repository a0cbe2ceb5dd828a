package io.lakelet.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Readers racing writers of one key always see one whole version, never a mix of two. */
class ConcurrentOverwriteTest {
    private static TestServer server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3TestSupport.start();
        s3 = S3TestSupport.pathStyle(server);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void everyReadReturnsAWholeVersionWhoseMd5IsItsEtag() throws Exception {
        // given: versions of 3 MiB (several chunks each) with distinct contents
        String bucket = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(bucket));
        List<byte[]> versions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            versions.add(S3TestSupport.randomBytes(3 * 1024 * 1024, 100 + i));
        }
        s3.putObject(b -> b.bucket(bucket).key("hot"), RequestBody.fromBytes(versions.get(0)));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            // when
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int first = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        byte[] v = versions.get((first + i) % versions.size());
                        s3.putObject(b -> b.bucket(bucket).key("hot"), RequestBody.fromBytes(v));
                    }
                }));
            }
            List<Future<List<ResponseBytes<GetObjectResponse>>>> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                readers.add(pool.submit(() -> {
                    List<ResponseBytes<GetObjectResponse>> seen = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        seen.add(s3.getObjectAsBytes(b -> b.bucket(bucket).key("hot")));
                    }
                    return seen;
                }));
            }
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
            // then
            for (Future<List<ResponseBytes<GetObjectResponse>>> r : readers) {
                for (ResponseBytes<GetObjectResponse> got : r.get(60, TimeUnit.SECONDS)) {
                    assertThat(got.response().eTag()).isEqualTo("\"" + S3TestSupport.md5Hex(got.asByteArray()) + "\"");
                    assertThat(versions).anySatisfy(v -> assertThat(got.asByteArray()).isEqualTo(v));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
