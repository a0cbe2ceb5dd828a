package io.lakelet.bench.kinesis;

import io.lakelet.bench.Report;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * SubscribeToShard delivery latency: a consumer subscribed with the real async SDK client (HTTP/2), a
 * producer putting one record every {@code interval} with the send time in its data; latency is the time
 * from the PutRecord call to the record's arrival in an event, both on this JVM's clock.
 */
final class SubscribeRun {
    private final InetSocketAddress target;
    private final int records;
    private final Duration interval;

    SubscribeRun(InetSocketAddress target, int records, Duration interval) {
        this.target = target;
        this.records = records;
        this.interval = interval;
    }

    void run(Report report) throws Exception {
        String stream = "bench-efo";
        ConcurrentHashMap<Long, Long> arrived = new ConcurrentHashMap<>();
        try (KinesisAsyncClient client = KinesisAsyncClient.builder()
                .endpointOverride(URI.create("http://" + target.getHostString() + ":" + target.getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)).build()) {
            client.createStream(b -> b.streamName(stream).shardCount(1)).get();
            String streamArn = client.describeStreamSummary(b -> b.streamName(stream)).get()
                    .streamDescriptionSummary().streamARN();
            String consumerArn = client.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("bench"))
                    .get().consumer().consumerARN();
            CompletableFuture<Void> subscription = client.subscribeToShard(b -> b.consumerARN(consumerArn)
                    .shardId("shardId-000000000000").startingPosition(p -> p.type(ShardIteratorType.LATEST)),
                    SubscribeToShardResponseHandler.builder().subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                            .onSubscribeToShardEvent((SubscribeToShardEvent e) -> {
                                long now = System.nanoTime();
                                e.records().forEach(r -> arrived.put(r.data().asByteBuffer().getLong(), now));
                            }).build()).build());
            Thread.sleep(500);
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                long t = System.nanoTime();
                sent.add(t);
                client.putRecord(b -> b.streamName(stream).partitionKey("k")
                        .data(SdkBytes.fromByteBuffer(ByteBuffer.allocate(Long.BYTES).putLong(0, t)))).get();
                Thread.sleep(interval.toMillis());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (arrived.size() < records && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            subscription.cancel(true);
            long[] micros = sent.stream().filter(arrived::containsKey).mapToLong(t -> (arrived.get(t) - t) / 1000)
                    .sorted().toArray();
            if (micros.length == 0) {
                report.note("SubscribeToShard: no record arrived");
                return;
            }
            report.note("SubscribeToShard (async SDK client, HTTP/2, one record every %d ms): %d of %d delivered; "
                    + "latency from PutRecord call to event p50 %.1f ms, p99 %.1f ms, max %.1f ms", interval.toMillis(),
                    micros.length, records, micros[micros.length / 2] / 1e3,
                    micros[Math.min(micros.length - 1, (int) (micros.length * 0.99))] / 1e3,
                    micros[micros.length - 1] / 1e3);
        }
    }
}
