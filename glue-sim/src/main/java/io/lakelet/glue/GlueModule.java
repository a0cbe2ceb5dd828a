package io.lakelet.glue;

import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceContext;
import io.lakelet.core.spi.ServiceDescriptor;
import io.lakelet.core.spi.ServiceModule;
import io.lakelet.glue.catalog.CatalogStore;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.Limits;
import io.lakelet.core.events.ObjectEvent;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.glue.classifier.Classifiers;
import io.lakelet.glue.crawler.Crawlers;
import io.lakelet.glue.operations.ClassifierOperations;
import io.lakelet.glue.operations.ConnectionOperations;
import io.lakelet.glue.operations.CrawlerOperations;
import io.lakelet.glue.operations.DatabaseOperations;
import io.lakelet.glue.operations.FunctionOperations;
import io.lakelet.glue.operations.IndexAndStatisticsOperations;
import io.lakelet.glue.operations.PartitionOperations;
import io.lakelet.glue.operations.TableOperations;
import io.lakelet.glue.operations.TagOperations;
import io.lakelet.core.ports.Catalog;
import io.lakelet.glue.port.GlueCatalogPort;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * AWS Glue: the Data Catalog, crawlers and classifiers over the shared store, spoken as awsJson1_1 with
 * target prefix {@code AWSGlue}. Glue's error shapes name their message {@code Message}. Every Glue
 * operation that is not emulated yet is refused as not implemented.
 *
 * <p>Crawlers read S3 through the {@link ObjectStore} port (looked up when a crawl runs) on a small pool
 * of reader threads this module owns, and hear of new objects through the {@link ObjectEvent} bus.
 */
public final class GlueModule implements ServiceModule {
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("glue", "Glue", Set.of("glue"),
            Set.of("AWSGlue"), Protocol.AWS_JSON_1_1, "Message");

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    private Crawlers crawlers;
    private ExecutorService readers;

    @Override
    public HttpService start(ServiceContext context) {
        GlueCatalog started = new GlueCatalog(new CatalogStore(context.storage(), context.clock(),
                Limits.from(context.config())));
        context.ports().provide(Catalog.class, new GlueCatalogPort(started));
        JsonRpcService.Builder b = JsonRpcService.builder(DESCRIPTOR).knownOperationsOf(GlueClient.class);
        new DatabaseOperations(started).register(b);
        new TableOperations(started).register(b);
        new PartitionOperations(started).register(b);
        new IndexAndStatisticsOperations(started).register(b);
        new FunctionOperations(started).register(b);
        new ConnectionOperations(started).register(b);
        Classifiers classifiers = new Classifiers(context.storage(), context.clock());
        AtomicInteger n = new AtomicInteger();
        readers = Executors.newFixedThreadPool(context.config().getInt(Crawlers.READERS, 8), r -> {
            Thread t = new Thread(r, "lakelet-crawler-reader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        crawlers = new Crawlers(context.storage(), started, classifiers,
                () -> context.ports().require(ObjectStore.class), context.clock(), context.workers(),
                context.scheduler(), readers, context.config().getLong(Crawlers.MIN_RUN_MS, 0),
                context.config().getLong(Crawlers.TICK_MS, 1000));
        context.events().subscribe(ObjectEvent.class, crawlers::onObjectEvent);
        new ClassifierOperations(classifiers).register(b);
        new CrawlerOperations(crawlers, started).register(b);
        new TagOperations(started, crawlers).register(b);
        return b.build();
    }

    @Override
    public void reset() {
        if (crawlers != null) {
            crawlers.reset();
        }
    }

    @Override
    public void stop() {
        if (crawlers != null) {
            crawlers.close();
        }
        if (readers != null) {
            readers.shutdownNow();
        }
    }
}
