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
import io.lakelet.glue.operations.ConnectionOperations;
import io.lakelet.glue.operations.DatabaseOperations;
import io.lakelet.glue.operations.FunctionOperations;
import io.lakelet.glue.operations.IndexAndStatisticsOperations;
import io.lakelet.glue.operations.PartitionOperations;
import io.lakelet.glue.operations.TableOperations;
import io.lakelet.glue.operations.TagOperations;
import io.lakelet.core.ports.Catalog;
import io.lakelet.glue.port.GlueCatalogPort;
import java.util.Set;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * AWS Glue: the Data Catalog over the shared store, spoken as awsJson1_1 with target prefix
 * {@code AWSGlue}. Glue's error shapes name their message {@code Message}. Every Glue operation that is
 * not emulated yet is refused as not implemented.
 */
public final class GlueModule implements ServiceModule {
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("glue", "Glue", Set.of("glue"),
            Set.of("AWSGlue"), Protocol.AWS_JSON_1_1, "Message");

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

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
        new TagOperations(started).register(b);
        return b.build();
    }
}
