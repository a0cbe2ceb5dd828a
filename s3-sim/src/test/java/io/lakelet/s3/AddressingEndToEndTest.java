package io.lakelet.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Virtual-hosted and path-style addressing, the async Netty client, and malformed batch deletes. */
class AddressingEndToEndTest {
    private static TestServer server;
    private static S3Client path;

    @BeforeAll
    static void start() {
        server = S3TestSupport.start();
        path = S3TestSupport.pathStyle(server);
    }

    @AfterAll
    static void stop() {
        path.close();
        server.close();
    }

    @Test
    void theSdkInVirtualHostedStyleReachesBucketsAsSubdomainsOfLocalhost() {
        // vhost-bucket.localhost resolves to 127.0.0.1 through the test hosts file (see the pom)
        try (S3Client vhost = S3TestSupport.virtualHosted(server)) {
            vhost.createBucket(b -> b.bucket("vhost-bucket"));
            vhost.putObject(b -> b.bucket("vhost-bucket").key("a/b.txt"), RequestBody.fromString("virtual"));
            assertThat(vhost.getObjectAsBytes(b -> b.bucket("vhost-bucket").key("a/b.txt")).asUtf8String())
                    .isEqualTo("virtual");
            assertThat(vhost.listObjectsV2(b -> b.bucket("vhost-bucket")).contents()).extracting(S3Object::key)
                    .containsExactly("a/b.txt");
            // the same object by path style
            assertThat(path.getObjectAsBytes(b -> b.bucket("vhost-bucket").key("a/b.txt")).asUtf8String())
                    .isEqualTo("virtual");
        }
    }

    @Test
    void aHostOfTheFormBucketDotS3DotAnythingAddressesTheBucket() throws Exception {
        String bucket = S3TestSupport.bucketName();
        path.createBucket(b -> b.bucket(bucket));
        path.putObject(b -> b.bucket(bucket).key("k y"), RequestBody.fromString("by host"));
        String response = raw("GET /k%20y HTTP/1.1\r\nHost: " + bucket + ".s3.us-east-1.amazonaws.com:"
                + server.port() + "\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").endsWith("by host");
        String listing = raw("GET /?list-type=2 HTTP/1.1\r\nHost: " + bucket + ".s3.localhost.localstack.cloud\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(listing).contains("<Key>k y</Key>");
    }

    @Test
    void theAsyncNettyClientUploadsAndDownloads() throws Exception {
        try (S3AsyncClient async = S3TestSupport.async(server)) {
            String bucket = S3TestSupport.bucketName();
            async.createBucket(b -> b.bucket(bucket)).get();
            byte[] data = S3TestSupport.randomBytes(3 * 1024 * 1024, 9);
            async.putObject(b -> b.bucket(bucket).key("async"), AsyncRequestBody.fromBytes(data)).get();
            byte[] back = async.getObject(b -> b.bucket(bucket).key("async"), AsyncResponseTransformer.toBytes()).get()
                    .asByteArray();
            assertThat(back).isEqualTo(data);
        }
    }

    @Test
    void badXmlInDeleteObjectsIsMalformedXml() throws Exception {
        String bucket = S3TestSupport.bucketName();
        path.createBucket(b -> b.bucket(bucket));
        path.putObject(b -> b.bucket(bucket).key("keep"), RequestBody.fromString("x"));
        for (String body : new String[] {"<Delete><Object><Key>keep</Key>", "<Delete></Delete>",
                "<Delete><Object><VersionId>1</VersionId></Object></Delete>", "garbage"}) {
            HttpResponse<String> r = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket + "?delete"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).as(body).contains("<Code>MalformedXML</Code>");
        }
        assertThat(path.getObjectAsBytes(b -> b.bucket(bucket).key("keep")).asUtf8String()).isEqualTo("x");
    }

    @Test
    void anUnsupportedMethodIsMethodNotAllowed() throws Exception {
        HttpResponse<String> r = S3TestSupport.http(HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .DELETE().build());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.body()).contains("<Code>MethodNotAllowed</Code>");
    }

    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
