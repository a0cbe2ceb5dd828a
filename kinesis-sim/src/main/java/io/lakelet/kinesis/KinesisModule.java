package io.lakelet.kinesis;

import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceContext;
import io.lakelet.core.spi.ServiceDescriptor;
import io.lakelet.core.spi.ServiceModule;
import io.lakelet.kinesis.model.AccountSettings;
import io.lakelet.kinesis.model.RecordLog;
import io.lakelet.kinesis.model.StreamCatalog;
import io.lakelet.kinesis.operations.CapacityOperations;
import io.lakelet.kinesis.operations.ConfigOperations;
import io.lakelet.kinesis.operations.ConsumerOperations;
import io.lakelet.kinesis.operations.KinesisRuntime;
import io.lakelet.kinesis.operations.ListShardsOperation;
import io.lakelet.kinesis.operations.PutOperations;
import io.lakelet.kinesis.operations.ReadOperations;
import io.lakelet.kinesis.operations.ReshardOperations;
import io.lakelet.kinesis.operations.StreamOperations;
import io.lakelet.kinesis.operations.SubscribeToShardOperation;
import io.lakelet.kinesis.operations.TagOperations;
import io.lakelet.kinesis.operations.RateLimits;
import io.lakelet.kinesis.operations.Trimmer;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;

/** Kinesis Data Streams: found by ServiceLoader, started by the server with its context. */
public final class KinesisModule implements ServiceModule {
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("kinesis", "Kinesis",
            Set.of("kinesis"), Set.of("Kinesis_20131202"), Protocol.AWS_JSON_1_1, "message");

    private volatile RecordLog log;
    private volatile StreamCatalog catalog;
    private volatile ScheduledFuture<?> trimming;
    private volatile SubscribeToShardOperation subscriptions;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public HttpService start(ServiceContext context) {
        log = new RecordLog(context.storage());
        catalog = new StreamCatalog(context.storage(), log, context.clock());
        KinesisRuntime rt = new KinesisRuntime(catalog, log, context.clock(), context.config());
        JsonRpcService.Builder b = JsonRpcService.builder(DESCRIPTOR).knownOperationsOf(KinesisClient.class);
        new StreamOperations(rt).register(b);
        b.operation("ListShards", ListShardsRequest.class, new ListShardsOperation(rt)::listShards);
        new PutOperations(rt).register(b);
        ReadOperations reads = new ReadOperations(rt);
        reads.register(b);
        new ConfigOperations(rt).register(b);
        new TagOperations(rt).register(b);
        new ReshardOperations(rt).register(b);
        new CapacityOperations(rt, new AccountSettings(context.storage())).register(b);
        ConsumerOperations consumers = new ConsumerOperations(rt);
        consumers.register(b);
        subscriptions = new SubscribeToShardOperation(rt, consumers, reads, context.scheduler(), context.workers());
        subscriptions.register(b);
        b.decorateResponses((ctx, r) -> r.header("x-amz-id-2", ctx.requestId()))
                .checkInputs(new RateLimits(rt.throttle()));
        Trimmer trimmer = new Trimmer(rt);
        trimming = context.scheduler().scheduleWithFixedDelay(() -> context.workers().execute(trimmer),
                1, 1, TimeUnit.MINUTES);
        return b.build();
    }

    @Override
    public void reset() {
        RecordLog l = log;
        StreamCatalog c = catalog;
        if (l != null) {
            l.reset();
        }
        if (c != null) {
            c.load();
        }
    }

    @Override
    public void stop() {
        ScheduledFuture<?> t = trimming;
        if (t != null) {
            t.cancel(false);
        }
        SubscribeToShardOperation s = subscriptions;
        if (s != null) {
            s.closeAll();
        }
    }
}
