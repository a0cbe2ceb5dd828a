package io.lakelet.kinesis.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.ResponseStream;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.kinesis.model.Consumer;
import io.lakelet.kinesis.model.Shard;
import io.lakelet.kinesis.model.Stream;
import io.lakelet.kinesis.model.StreamKey;
import io.lakelet.kinesis.wire.EventStreamWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;

/**
 * SubscribeToShard: validates the consumer, shard and starting position, answers with an event stream
 * ({@code application/vnd.amazon.eventstream}) and hands it to a {@link Subscription}. A second
 * subscription of the same consumer to the same shard is refused with ResourceInUseException while the
 * first is open.
 */
public final class SubscribeToShardOperation {
    private final KinesisRuntime rt;
    private final ConsumerOperations consumers;
    private final ReadOperations reads;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final Map<String, Subscription> active = new ConcurrentHashMap<>();

    public SubscribeToShardOperation(KinesisRuntime rt, ConsumerOperations consumers, ReadOperations reads,
                                     ScheduledExecutorService scheduler, Executor workers) {
        this.rt = rt;
        this.consumers = consumers;
        this.reads = reads;
        this.scheduler = scheduler;
        this.workers = workers;
        rt.onRecordsWritten(this::wake);
    }

    /** New records in a stream: its subscriptions send them now rather than at their next poll. */
    private void wake(StreamKey stream) {
        if (active.isEmpty()) {
            return;
        }
        for (Subscription sub : active.values()) {
            if (sub.streamKey().equals(stream)) {
                sub.wake();
            }
        }
    }

    public void register(JsonRpcService.Builder b) {
        b.exchangeOperation("SubscribeToShard", SubscribeToShardRequest.class, this::subscribe);
    }

    void subscribe(Exchange exchange, SubscribeToShardRequest in) {
        String type = in.startingPosition() == null ? null : in.startingPosition().typeAsString();
        Validation.check()
                .notNull("consumerARN", in.consumerARN())
                .notNull("shardId", in.shardId())
                .length("shardId", in.shardId(), 1, 128)
                .notNull("startingPosition", in.startingPosition())
                .notNull("startingPosition.type", in.startingPosition() == null ? "" : type)
                .oneOf("startingPosition.type", type, ReadOperations.ITERATOR_TYPES)
                .orThrow();
        ConsumerOperations.Found found = consumers.find(exchange.context(), null, null, in.consumerARN());
        Stream s = found.stream();
        Consumer consumer = found.consumer();
        long position;
        int shardIndex;
        synchronized (s) {
            if (rt.clock().millis() < consumer.settlesAtMillis()) {
                throw KinesisErrors.resourceInUse("Consumer " + consumer.arn() + " is not ACTIVE.");
            }
            if (!rt.readable(s)) {
                throw KinesisErrors.streamNotFound(s.name(), s.account());
            }
            Shard shard = rt.shard(s, in.shardId());
            shardIndex = shard.index();
            position = reads.position(s, shard, type, in.startingPosition().sequenceNumber(),
                    in.startingPosition().timestamp());
        }
        String key = consumer.arn() + "|" + shardIndex;
        if (active.containsKey(key)) {
            throw KinesisErrors.resourceInUse("Another active subscription exists for this consumer: "
                    + consumer.arn() + " and shard " + in.shardId() + ".");
        }
        ResponseStream out = exchange.stream(200, List.of(
                Map.entry("Content-Type", EventStreamWriter.CONTENT_TYPE),
                Map.entry("x-amzn-RequestId", exchange.context().requestId()),
                Map.entry("x-amz-id-2", exchange.context().requestId())), -1);
        EventStreamWriter writer = new EventStreamWriter(out, JsonRpcService.codecFor(exchange.request()));
        Subscription sub = new Subscription(rt, s, shardIndex, position, writer, ended -> active.remove(key, ended));
        if (active.putIfAbsent(key, sub) != null) {
            writer.exception(KinesisErrors.resourceInUse("Another active subscription exists for this consumer: "
                    + consumer.arn() + " and shard " + in.shardId() + "."));
            writer.finish();
            return;
        }
        out.onClose(() -> sub.end(false));
        sub.start(scheduler, workers);
    }

    /** Ends every open subscription, when the service stops. */
    public void closeAll() {
        for (Subscription sub : List.copyOf(active.values())) {
            sub.end(true);
        }
    }
}
