package io.lakelet.dynamodb;

import io.lakelet.core.testing.TestServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A Lakelet with only the DynamoDB module, and real SDK clients pointed at it. */
final class DynamoDbTestServer implements AutoCloseable {
    final TestServer server;
    final DynamoDbClient sync;
    final DynamoDbAsyncClient async;

    private DynamoDbTestServer(TestServer server) {
        this.server = server;
        this.sync = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        this.async = DynamoDbAsyncClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(NettyNioAsyncHttpClient.create()).build();
    }

    static DynamoDbTestServer start() {
        return start(Map.of());
    }

    static DynamoDbTestServer start(Map<String, String> settings) {
        return new DynamoDbTestServer(TestServer.start(TestServer.config(settings), Clock.systemUTC(),
                List.of(new DynamoDbModule())));
    }

    @Override
    public void close() {
        sync.close();
        async.close();
        server.close();
    }
}
