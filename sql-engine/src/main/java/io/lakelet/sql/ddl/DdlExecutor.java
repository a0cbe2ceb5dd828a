package io.lakelet.sql.ddl;

import io.lakelet.core.ports.Catalog;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.Session;
import io.lakelet.sql.SqlFailure;
import io.lakelet.sql.query.QueryEngine;
import java.time.Clock;

/**
 * Every statement that is not a query: Hive DDL against the catalog, SHOW and DESCRIBE, MSCK REPAIR
 * TABLE, CREATE TABLE AS and INSERT INTO (which run their SELECT through the {@link QueryEngine}).
 */
public final class DdlExecutor {
    private final Catalog catalog;
    private final ObjectStore store;
    private final Clock clock;
    private final QueryEngine queries;

    public DdlExecutor(Catalog catalog, ObjectStore store, Clock clock, QueryEngine queries) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.queries = queries;
    }

    public QueryResult execute(Session session, String sql, Cancellation cancellation) {
        throw new SqlFailure("NOT_SUPPORTED", 2, 1, "statements are not built yet");
    }
}
