package io.lakelet.kinesis;

import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** A Lakelet server running the Kinesis module, and real SDK clients pointed at it. */
final class KinesisServer implements AutoCloseable {
    final TestServer server;
    final KinesisClient cbor;

    private KinesisServer(TestServer server) {
        this.server = server;
        this.cbor = sync(server);
    }

    static KinesisServer start() {
        return start(Map.of());
    }

    static KinesisServer start(Map<String, String> settings) {
        return new KinesisServer(TestServer.start(settings));
    }

    static KinesisServer start(Map<String, String> settings, Clock clock) {
        LakeletConfig config = TestServer.config(settings);
        return new KinesisServer(TestServer.start(config, clock, List.of(new KinesisModule())));
    }

    static KinesisClient sync(TestServer server) {
        return KinesisClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A sync client that speaks JSON: the SDK reads aws.cborEnabled when the client is built. */
    KinesisClient json() {
        String previous = System.getProperty("aws.cborEnabled");
        System.setProperty("aws.cborEnabled", "false");
        try {
            return sync(server);
        } finally {
            if (previous == null) {
                System.clearProperty("aws.cborEnabled");
            } else {
                System.setProperty("aws.cborEnabled", previous);
            }
        }
    }

    /** An async client over h2c with prior knowledge, CBOR unless {@code cbor} is false. */
    KinesisAsyncClient async(boolean cbor) {
        if (cbor) {
            return async();
        }
        String previous = System.getProperty("aws.cborEnabled");
        System.setProperty("aws.cborEnabled", "false");
        try {
            return async();
        } finally {
            if (previous == null) {
                System.clearProperty("aws.cborEnabled");
            } else {
                System.setProperty("aws.cborEnabled", previous);
            }
        }
    }

    KinesisAsyncClient async() {
        return KinesisAsyncClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS)
                .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2).build()).build();
    }

    static String name() {
        return "s-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a provisioned stream and waits (polling with a deadline) until it is ACTIVE. */
    String stream(int shards) {
        String name = name();
        cbor.createStream(b -> b.streamName(name).shardCount(shards));
        awaitActive(name);
        return name;
    }

    void awaitActive(String name) {
        await(() -> cbor.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamStatus()
                == StreamStatus.ACTIVE);
    }

    static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 10 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    @Override
    public void close() {
        cbor.close();
        server.close();
    }
}
