package io.lakelet.s3;

import io.lakelet.core.ports.ObjectStore;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceContext;
import io.lakelet.core.spi.ServiceDescriptor;
import io.lakelet.core.spi.ServiceModule;
import io.lakelet.s3.service.LifecycleExpirer;
import io.lakelet.s3.service.MultipartService;
import io.lakelet.s3.service.ObjectService;
import io.lakelet.s3.service.ObjectStorePort;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** S3 as a Lakelet service: restXml over the shared store, and the {@link ObjectStore} port for other services. */
public final class S3Module implements ServiceModule {
    /** How often lifecycle expiration runs, in milliseconds of real time (default one minute). */
    public static final String LIFECYCLE_INTERVAL_MS = "LAKELET_S3_LIFECYCLE_INTERVAL_MS";

    private static final Logger LOG = LoggerFactory.getLogger(S3Module.class);

    private volatile ScheduledFuture<?> lifecycle;

    @Override
    public ServiceDescriptor descriptor() {
        return new ServiceDescriptor("s3", "S3", Set.of("s3"), Set.of(), Protocol.REST_XML, "Message");
    }

    @Override
    public HttpService start(ServiceContext context) {
        ObjectService objects = new ObjectService(context.storage(), context.events(), context.clock());
        int orphans = objects.recover();
        if (orphans > 0) {
            LOG.info("removed the data of {} uploads that never completed", orphans);
        }
        context.ports().provide(ObjectStore.class, new ObjectStorePort(objects));
        MultipartService multipart = new MultipartService(objects);
        LifecycleExpirer expirer = new LifecycleExpirer(objects, multipart);
        long interval = context.config().getLong(LIFECYCLE_INTERVAL_MS, 60_000);
        lifecycle = context.scheduler().scheduleWithFixedDelay(() -> sweep(context, expirer), interval, interval,
                TimeUnit.MILLISECONDS);
        return new S3HttpService(new S3Routes(objects, multipart), context.clock());
    }

    /** Runs a lifecycle sweep on a worker; a sweep racing the server's shutdown is dropped quietly. */
    private static void sweep(ServiceContext context, LifecycleExpirer expirer) {
        try {
            context.workers().execute(() -> {
                try {
                    expirer.sweep();
                } catch (IllegalStateException e) {
                    LOG.debug("lifecycle sweep stopped: {}", e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("lifecycle sweep skipped: the server is stopping");
        }
    }

    @Override
    public void stop() {
        ScheduledFuture<?> f = lifecycle;
        if (f != null) {
            f.cancel(false);
        }
    }
}
