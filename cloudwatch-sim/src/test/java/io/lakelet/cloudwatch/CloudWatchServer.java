package io.lakelet.cloudwatch;

import io.lakelet.core.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * A Lakelet server with CloudWatch and real CloudWatch clients, sync (URL connection) and async (Netty);
 * every HTTP request the sync client transmits is recorded, so tests can see what went over the wire.
 */
final class CloudWatchServer implements AutoCloseable {
    final TestServer server;
    final CloudWatchClient sync;
    final CloudWatchAsyncClient async;
    final List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();

    private CloudWatchServer(TestServer server) {
        this.server = server;
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                sent.add(context.httpRequest());
            }
        };
        this.sync = CloudWatchClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build();
        this.async = CloudWatchAsyncClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(NettyNioAsyncHttpClient.create()).build();
    }

    static CloudWatchServer start(Map<String, String> settings, Clock clock) {
        return new CloudWatchServer(TestServer.start(TestServer.config(settings), clock, List.of(new CloudWatchModule())));
    }

    static CloudWatchServer start() {
        return start(Map.of(), Clock.systemUTC());
    }

    /** A namespace no other test uses. */
    static String namespace() {
        return "Test/" + UUID.randomUUID();
    }

    /** Posts a raw request to {@code /} signed (by scope only) for {@code monitoring}. */
    HttpResponse<String> post(String contentType, Map<String, String> headers, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        return post("/", contentType, headers, body, HttpResponse.BodyHandlers.ofString());
    }

    <T> HttpResponse<T> post(String path, String contentType, Map<String, String> headers,
                             HttpRequest.BodyPublisher body, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .header("Content-Type", contentType)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/monitoring/aws4_request,"
                        + " SignedHeaders=host, Signature=00")
                .POST(body);
        headers.forEach(b::header);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(b.build(), handler);
    }

    @Override
    public void close() {
        sync.close();
        async.close();
        server.close();
    }
}
