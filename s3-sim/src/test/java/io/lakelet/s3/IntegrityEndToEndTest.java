package io.lakelet.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Upload integrity as current clients send it: aws-chunked bodies (unsigned with trailer, signed chunks),
 * flexible checksums checked and returned, and bad input that must leave no object behind.
 */
class IntegrityEndToEndTest {
    private static TestServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = S3TestSupport.start();
        s3 = S3TestSupport.pathStyle(server);
        bucket = S3TestSupport.bucketName();
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void eachChecksumAlgorithmTheSdkSendsIsCheckedAndReturned() throws Exception {
        byte[] data = S3TestSupport.randomBytes(200_000, 7);
        for (ChecksumAlgorithm a : new ChecksumAlgorithm[] {ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C,
                ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256}) {
            String key = "sum-" + a;
            PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(a), RequestBody.fromBytes(data));
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)
                    .checksumMode(ChecksumMode.ENABLED));
            assertThat(got.asByteArray()).isEqualTo(data);
            String expected = expected(a, data);
            switch (a) {
                case CRC32 -> {
                    assertThat(put.checksumCRC32()).isEqualTo(expected);
                    assertThat(got.response().checksumCRC32()).isEqualTo(expected);
                }
                case CRC32_C -> assertThat(got.response().checksumCRC32C()).isEqualTo(expected);
                case SHA1 -> assertThat(got.response().checksumSHA1()).isEqualTo(expected);
                default -> assertThat(got.response().checksumSHA256()).isEqualTo(expected);
            }
        }
    }

    @Test
    void objectsWrittenWithoutAChecksumGetCrc64Nvme() throws Exception {
        HttpResponse<String> put = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket + "/plain"))
                .PUT(HttpRequest.BodyPublishers.ofString("123456789")).build());
        assertThat(put.statusCode()).isEqualTo(200);
        HttpResponse<String> head = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket + "/plain"))
                .header("x-amz-checksum-mode", "ENABLED").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        // CRC-64/NVME of "123456789" is 0xAE8B14860A799888
        assertThat(head.headers().firstValue("x-amz-checksum-crc64nvme"))
                .hasValue(Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex("ae8b14860a799888")));
        assertThat(head.headers().firstValue("x-amz-checksum-type")).hasValue("FULL_OBJECT");
    }

    @Test
    void aCrc64NvmeHeaderIsCheckedAgainstTheBody() throws Exception {
        String right = Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex("ae8b14860a799888"));
        HttpResponse<String> ok = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket + "/nvme"))
                .header("x-amz-checksum-crc64nvme", right).PUT(HttpRequest.BodyPublishers.ofString("123456789")).build());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-amz-checksum-crc64nvme")).hasValue(right);
        HttpResponse<String> wrong = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket + "/nvme2"))
                .header("x-amz-checksum-crc64nvme", right).PUT(HttpRequest.BodyPublishers.ofString("12345678X")).build());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("<Code>BadDigest</Code>")
                .contains("The CRC64NVME you specified did not match the calculated checksum.");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("nvme2"))).isInstanceOf(S3Exception.class);
    }

    @Test
    void aWrongChecksumHeaderIsBadDigestAndStoresNothing() {
        String wrong = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("bad-sum").checksumCRC32(wrong),
                RequestBody.fromString("payload"))).isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The CRC32 you specified did not match the calculated checksum.");
                });
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("bad-sum"))).isInstanceOf(S3Exception.class);
    }

    @Test
    void anUnsignedAwsChunkedBodyWithATrailingChecksumIsDecoded() throws Exception {
        byte[] data = "hello aws-chunked world, in two chunks".getBytes(StandardCharsets.UTF_8);
        String crc = crc32c(data);
        byte[] body = chunked(data, 16, null, "x-amz-checksum-crc32c:" + crc);
        HttpResponse<String> r = put("trailer", body, "STREAMING-UNSIGNED-PAYLOAD-TRAILER", data.length,
                "x-amz-checksum-crc32c");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("ETag")).hasValue("\"" + S3TestSupport.md5Hex(data) + "\"");
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("trailer")
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().checksumCRC32C()).isEqualTo(crc);
    }

    @Test
    void aSignedAwsChunkedBodyIsDecoded() throws Exception {
        byte[] data = S3TestSupport.randomBytes(70_000, 3);
        byte[] body = chunked(data, 65_536, "chunk-signature=" + "0".repeat(64), null);
        HttpResponse<String> r = put("signed", body, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", data.length, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("signed")).asByteArray()).isEqualTo(data);
    }

    @Test
    void aWrongTrailingChecksumIsBadDigestAndStoresNothing() throws Exception {
        byte[] data = "trailing checksum that lies".getBytes(StandardCharsets.UTF_8);
        byte[] body = chunked(data, 10, null, "x-amz-checksum-crc32:" + Base64.getEncoder().encodeToString(new byte[4]));
        HttpResponse<String> r = put("lying-trailer", body, "STREAMING-UNSIGNED-PAYLOAD-TRAILER", data.length,
                "x-amz-checksum-crc32");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>BadDigest</Code>");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("lying-trailer"))).isInstanceOf(S3Exception.class);
    }

    @Test
    void aTruncatedChunkedBodyIsIncompleteBodyAndStoresNothing() throws Exception {
        byte[] data = S3TestSupport.randomBytes(1000, 5);
        byte[] body = chunked(java.util.Arrays.copyOf(data, 600), 100, null, null);
        HttpResponse<String> r = put("truncated", body, "STREAMING-UNSIGNED-PAYLOAD-TRAILER", data.length, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>IncompleteBody</Code>");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("truncated"))).isInstanceOf(S3Exception.class);
    }

    @Test
    void aWrongContentSha256IsRefused() throws Exception {
        HttpResponse<String> r = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket + "/sha"))
                .header("x-amz-content-sha256", "0".repeat(64))
                .PUT(HttpRequest.BodyPublishers.ofString("body")).build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>XAmzContentSHA256Mismatch</Code>");
        HttpResponse<String> ok = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket + "/sha"))
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .PUT(HttpRequest.BodyPublishers.ofString("body")).build());
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void aMalformedChecksumHeaderIsInvalidRequest() throws Exception {
        HttpResponse<String> r = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket + "/malformed"))
                .header("x-amz-checksum-sha256", "abc")
                .PUT(HttpRequest.BodyPublishers.ofString("body")).build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>InvalidRequest</Code>")
                .contains("Value for x-amz-checksum-sha256 header is invalid.");
    }

    private static HttpResponse<String> put(String key, byte[] body, String sha, long decoded, String trailer)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket + "/" + key))
                .header("x-amz-content-sha256", sha)
                .header("Content-Encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", Long.toString(decoded))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (trailer != null) {
            b.header("x-amz-trailer", trailer);
        }
        return S3TestSupport.http(b.build());
    }

    /** An aws-chunked body: chunks of {@code size}, a final empty chunk, the trailer if any. */
    static byte[] chunked(byte[] data, int size, String extension, String trailer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < data.length; off += size) {
            int n = Math.min(size, data.length - off);
            out.writeBytes((Integer.toHexString(n) + (extension == null ? "" : ";" + extension) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(data, off, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("0" + (extension == null ? "" : ";" + extension) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        if (trailer != null) {
            out.writeBytes((trailer + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String expected(ChecksumAlgorithm a, byte[] data) throws Exception {
        return switch (a) {
            case CRC32 -> {
                CRC32 c = new CRC32();
                c.update(data);
                yield Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
            }
            case CRC32_C -> crc32c(data);
            case SHA1 -> Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(data));
            default -> Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        };
    }

    private static String crc32c(byte[] data) {
        CRC32C c = new CRC32C();
        c.update(data);
        return Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
    }
}
