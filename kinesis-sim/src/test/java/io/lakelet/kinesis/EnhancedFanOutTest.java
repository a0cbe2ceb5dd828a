package io.lakelet.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/** Stream consumers and SubscribeToShard over HTTP/2 with event-stream framing, with the async SDK client. */
class EnhancedFanOutTest {
    private static KinesisServer k;

    @BeforeAll
    static void start() {
        k = KinesisServer.start();
    }

    @AfterAll
    static void stop() {
        k.close();
    }

    private static String arn(String stream) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;
    }

    @Test
    void consumersAreRegisteredDescribedListedAndDeregistered() {
        String stream = k.stream(1);

        Consumer c = k.cbor.registerStreamConsumer(b -> b.streamARN(arn(stream)).consumerName("app")).consumer();

        assertThat(c.consumerARN()).startsWith(arn(stream) + "/consumer/app:");
        assertThat(k.cbor.describeStreamConsumer(b -> b.consumerARN(c.consumerARN())).consumerDescription()
                .consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        assertThat(k.cbor.describeStreamConsumer(b -> b.streamARN(arn(stream)).consumerName("app"))
                .consumerDescription().streamARN()).isEqualTo(arn(stream));
        assertThat(k.cbor.listStreamConsumers(b -> b.streamARN(arn(stream))).consumers())
                .extracting(Consumer::consumerName).containsExactly("app");
        assertThat(k.cbor.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().consumerCount())
                .isEqualTo(1);
        assertThatThrownBy(() -> k.cbor.registerStreamConsumer(b -> b.streamARN(arn(stream)).consumerName("app")))
                .isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> k.cbor.deleteStream(b -> b.streamName(stream)))
                .isInstanceOf(ResourceInUseException.class);

        k.cbor.deregisterStreamConsumer(b -> b.consumerARN(c.consumerARN()));

        assertThat(k.cbor.listStreamConsumers(b -> b.streamARN(arn(stream))).consumers()).isEmpty();
        assertThatThrownBy(() -> k.cbor.describeStreamConsumer(b -> b.consumerARN(c.consumerARN())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void enforcedDeletionRemovesAStreamWithConsumers() {
        String stream = k.stream(1);
        k.cbor.registerStreamConsumer(b -> b.streamARN(arn(stream)).consumerName("app"));

        k.cbor.deleteStream(b -> b.streamName(stream).enforceConsumerDeletion(true));

        assertThatThrownBy(() -> k.cbor.listStreamConsumers(b -> b.streamARN(arn(stream))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @ParameterizedTest(name = "cbor={0}")
    @ValueSource(booleans = {true, false})
    void subscribeToShardDeliversRecordsAsEvents(boolean cbor) throws Exception {
        String stream = k.stream(1);
        String consumer = k.cbor.registerStreamConsumer(b -> b.streamARN(arn(stream)).consumerName("efo"))
                .consumer().consumerARN();
        k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("before")));
        List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
        try (KinesisAsyncClient async = k.async(cbor)) {
            SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                    .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                            .onSubscribeToShardEvent(events::add).build())
                    .build();
            CompletableFuture<Void> done = async.subscribeToShard(b -> b.consumerARN(consumer)
                    .shardId("shardId-000000000000")
                    .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)), handler);

            KinesisServer.await(() -> received(events).contains("before"));
            k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("after")));
            KinesisServer.await(() -> received(events).contains("after"));

            assertThat(received(events)).containsExactly("before", "after");
            assertThat(events).allSatisfy(e -> assertThat(e.continuationSequenceNumber()).hasSize(56));
            assertThat(events.get(0).records().get(0).approximateArrivalTimestamp()).isNotNull();
            assertThatThrownBy(() -> async.subscribeToShard(b -> b.consumerARN(consumer)
                    .shardId("shardId-000000000000")
                    .startingPosition(p -> p.type(ShardIteratorType.LATEST)),
                    SubscribeToShardResponseHandler.builder().subscriber(e -> { }).build()).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ResourceInUseException.class);
            done.cancel(true);
        }
    }

    @Test
    void aSubscriptionToAnEndedShardHandsOverTheChildren() throws Exception {
        String stream = k.stream(1);
        String consumer = k.cbor.registerStreamConsumer(b -> b.streamARN(arn(stream)).consumerName("efo"))
                .consumer().consumerARN();
        k.cbor.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("last")));
        k.cbor.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey("99"));
        List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
        try (KinesisAsyncClient async = k.async()) {
            async.subscribeToShard(b -> b.consumerARN(consumer).shardId("shardId-000000000000")
                    .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)),
                    SubscribeToShardResponseHandler.builder().subscriber(SubscribeToShardResponseHandler.Visitor
                            .builder().onSubscribeToShardEvent(events::add).build()).build())
                    .get(10, TimeUnit.SECONDS);
        }

        assertThat(received(events)).containsExactly("last");
        SubscribeToShardEvent lastEvent = events.get(events.size() - 1);
        assertThat(lastEvent.childShards()).hasSize(2);
        assertThat(lastEvent.continuationSequenceNumber()).isNull();
    }

    @Test
    void subscribingWithAnUnknownConsumerFails() {
        try (KinesisAsyncClient async = k.async()) {
            assertThatThrownBy(() -> async.subscribeToShard(b -> b.consumerARN(arn("nope") + "/consumer/x:1")
                    .shardId("shardId-000000000000").startingPosition(p -> p.type(ShardIteratorType.LATEST)),
                    SubscribeToShardResponseHandler.builder().subscriber(e -> { }).build()).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void theAsyncClientPutsAndReadsOverH2c() throws Exception {
        String stream = k.stream(1);
        try (KinesisAsyncClient async = k.async()) {
            async.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("h2"))).get();
            String it = async.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).get().shardIterator();
            assertThat(async.getRecords(b -> b.shardIterator(it)).get().records())
                    .extracting(r -> r.data().asUtf8String()).containsExactly("h2");
        }
    }

    private static List<String> received(List<SubscribeToShardEvent> events) {
        return events.stream().flatMap(e -> e.records().stream()).map(r -> r.data().asUtf8String()).toList();
    }
}
