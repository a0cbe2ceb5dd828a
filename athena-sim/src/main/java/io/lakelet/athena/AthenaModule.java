package io.lakelet.athena;

import io.lakelet.athena.api.DataCatalogs;
import io.lakelet.athena.api.Metadata;
import io.lakelet.athena.api.NamedQueries;
import io.lakelet.athena.api.PreparedStatements;
import io.lakelet.athena.api.Tags;
import io.lakelet.athena.api.WorkGroups;
import io.lakelet.athena.query.Executions;
import io.lakelet.athena.query.QueryOperations;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.ports.Catalog;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceContext;
import io.lakelet.core.spi.ServiceDescriptor;
import io.lakelet.core.spi.ServiceModule;
import io.lakelet.sql.SqlEngine;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * Amazon Athena: SQL in the Trino dialect over the Glue catalog and S3, spoken as awsJson1_1 with target
 * prefix {@code AmazonAthena}. Queries run on a pool of their own ({@code LAKELET_ATHENA_QUERY_THREADS},
 * default 4), never on the request workers, so a long query delays no API call. Spark notebooks,
 * sessions, calculations and capacity reservations are refused as not implemented.
 */
public final class AthenaModule implements ServiceModule {
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("athena", "Athena", Set.of("athena"),
            Set.of("AmazonAthena"), Protocol.AWS_JSON_1_1, "Message");
    public static final String QUERY_THREADS = "LAKELET_ATHENA_QUERY_THREADS";

    private ExecutorService pool;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public HttpService start(ServiceContext context) {
        AthenaStore store = new AthenaStore(context.storage());
        Supplier<ObjectStore> objects = () -> context.ports().require(ObjectStore.class);
        Supplier<Catalog> catalog = () -> context.ports().require(Catalog.class);
        Supplier<SqlEngine> engine = new Supplier<>() {
            private volatile SqlEngine built;

            @Override
            public SqlEngine get() {
                SqlEngine e = built;
                if (e == null) {
                    synchronized (this) {
                        if (built == null) {
                            built = new SqlEngine(catalog.get(), objects.get(), context.clock());
                        }
                        e = built;
                    }
                }
                return e;
            }
        };
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(Math.max(1, context.config().getInt(QUERY_THREADS, 4)), r -> {
            Thread t = new Thread(r, "athena-query-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });

        Tags tags = new Tags(store);
        WorkGroups workGroups = new WorkGroups(store, tags, context.clock());
        DataCatalogs catalogs = new DataCatalogs(store, tags);
        PreparedStatements prepared = new PreparedStatements(store, workGroups, context.clock());
        tags.resolveWith((scope, arn) -> {
            String resource = arn.substring(scope.arn("").length());
            if (resource.startsWith("workgroup/")) {
                return workGroups.find(scope, resource.substring("workgroup/".length())).isPresent();
            }
            if (resource.startsWith("datacatalog/")) {
                return catalogs.find(scope, resource.substring("datacatalog/".length())).isPresent();
            }
            return false;
        });
        Executions executions = new Executions(store, workGroups, prepared, catalogs, objects, engine, pool,
                context.clock());
        executions.recover();

        JsonRpcService.Builder b = JsonRpcService.builder(DESCRIPTOR).knownOperationsOf(AthenaClient.class);
        new QueryOperations(executions, store, workGroups, objects).register(b);
        workGroups.register(b);
        new NamedQueries(store, workGroups).register(b);
        prepared.register(b);
        catalogs.register(b);
        new Metadata(catalogs, catalog).register(b);
        tags.register(b);
        return b.build();
    }

    @Override
    public void stop() {
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
