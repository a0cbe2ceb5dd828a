package io.lakelet.s3;

import io.lakelet.core.spi.ServiceModule;
import io.lakelet.core.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Starts a server with the S3 module and builds real SDK clients against it. */
final class S3TestSupport {
    private S3TestSupport() {
    }

    static TestServer start(Map<String, String> settings, Clock clock, ServiceModule... extra) {
        List<ServiceModule> modules = new ArrayList<>();
        modules.add(new S3Module());
        modules.addAll(List.of(extra));
        return TestServer.start(TestServer.config(settings), clock, modules);
    }

    static TestServer start() {
        return start(Map.of(), Clock.systemUTC());
    }

    /** A sync client with path-style addressing and the SDK's default checksum behaviour. */
    static S3Client pathStyle(TestServer server) {
        return pathStyle(server, TestServer.REGION);
    }

    static S3Client pathStyle(TestServer server, Region region) {
        return S3Client.builder().endpointOverride(server.endpoint()).region(region)
                .credentialsProvider(TestServer.CREDENTIALS).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A sync client that addresses buckets as {@code bucket.localhost:port}. */
    static S3Client virtualHosted(TestServer server) {
        return S3Client.builder().endpointOverride(URI.create("http://localhost:" + server.port()))
                .region(TestServer.REGION).credentialsProvider(TestServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static S3AsyncClient async(TestServer server) {
        return S3AsyncClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).forcePathStyle(true)
                .httpClient(NettyNioAsyncHttpClient.builder().build()).build();
    }

    static String bucketName() {
        return "b-" + UUID.randomUUID().toString().substring(0, 13);
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static HttpResponse<String> http(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
