package io.lakelet.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.testing.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** A client that disconnects in the middle of an upload leaves neither an object nor stored chunks. */
class TruncatedUploadTest {
    private static TestServer server;
    private static S3Client s3;
    private static ContextProbe probe;

    @BeforeAll
    static void start() {
        probe = new ContextProbe();
        server = S3TestSupport.start(Map.of(), Clock.systemUTC(), probe);
        s3 = S3TestSupport.pathStyle(server);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void aBodyCutShortByTheClientIsDiscardedAndThePreviousObjectKept() throws Exception {
        // given
        String bucket = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("previous"));
        Keyspace chunks = probe.context.storage().keyspace("s3.chunks.blobs");
        Keyspace pending = probe.context.storage().keyspace("s3.pending");
        long chunksBefore = count(chunks);
        // when: 3 MiB declared, 2 MiB sent, then the connection is dropped
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /" + bucket + "/k HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + 3 * 1024 * 1024
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[2 * 1024 * 1024]);
            out.flush();
            // the server has started storing the upload once a pending write and its first chunk exist
            assertThat(eventually(() -> count(pending) == 1 && count(chunks) > chunksBefore)).isTrue();
        }
        // then
        assertThat(eventually(() -> count(pending) == 0 && count(chunks) == chunksBefore)).isTrue();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("previous");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("never"))).isInstanceOf(S3Exception.class);
    }

    private static boolean eventually(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return condition.getAsBoolean();
    }

    private static long count(Keyspace ks) {
        long n = 0;
        try (Scan scan = ks.scan(new byte[0])) {
            for (Scan.Entry ignored : scan) {
                n++;
            }
        }
        return n;
    }
}
