package io.lakelet.sql.query;

import io.lakelet.core.ports.Catalog;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.Session;
import io.lakelet.sql.SqlFailure;
import java.time.Clock;

/**
 * Queries planned and run by Calcite over the catalog's tables, reading their files from the object store.
 */
public final class CalciteQueryEngine implements QueryEngine {
    private final Catalog catalog;
    private final ObjectStore store;
    private final Clock clock;

    public CalciteQueryEngine(Catalog catalog, ObjectStore store, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public QueryResult query(Session session, String sql, Cancellation cancellation) {
        throw new SqlFailure("NOT_SUPPORTED", 2, 1, "queries are not built yet");
    }
}
