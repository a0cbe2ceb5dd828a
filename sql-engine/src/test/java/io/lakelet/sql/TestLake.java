package io.lakelet.sql;

import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.ports.Catalog;
import io.lakelet.core.storage.Storage;
import io.lakelet.core.storage.SyncPolicy;
import io.lakelet.core.testing.InMemoryObjectStore;
import io.lakelet.glue.catalog.CatalogStore;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.Limits;
import io.lakelet.glue.port.GlueCatalogPort;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A lake for engine tests: the real Glue catalog over a temporary store, objects in memory, and an
 * engine over both. Statements run as account {@link #ACCOUNT} in {@link #REGION}.
 */
public final class TestLake implements AutoCloseable {
    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "us-east-1";

    public final Storage storage = Storage.temporary(SyncPolicy.NONE);
    public final InMemoryObjectStore store = new InMemoryObjectStore();
    public final Catalog catalog = new GlueCatalogPort(new GlueCatalog(
            new CatalogStore(storage, Clock.systemUTC(), Limits.from(LakeletConfig.of(Map.of())))));
    public final SqlEngine engine = new SqlEngine(catalog, store, Clock.systemUTC());

    public Session session(String database) {
        return new Session(ACCOUNT, REGION, null, database);
    }

    /** Runs a statement in {@code database} and returns its result (close it). */
    public QueryResult run(String database, String sql) {
        return engine.execute(session(database), sql, List.of(), new Cancellation());
    }

    @Override
    public void close() {
        storage.close();
    }
}
