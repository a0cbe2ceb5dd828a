package io.lakelet.sql.query;

import io.lakelet.sql.Cancellation;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.Session;

/**
 * Runs queries (SELECT, WITH, VALUES, EXPLAIN). The DDL half uses it for CREATE TABLE AS, INSERT INTO and
 * CREATE VIEW; {@link CalciteQueryEngine} is the implementation.
 */
public interface QueryEngine {

    /** Runs a query; its rows stream from the returned result. Fails with {@link io.lakelet.sql.SqlFailure}. */
    QueryResult query(Session session, String sql, Cancellation cancellation);

    /**
     * Parses a query without running it: a syntax error fails with SYNTAX_ERROR as {@link #query} would.
     * Athena answers StartQueryExecution itself with such an error, before the query is queued.
     */
    default void checkSyntax(String sql) {
    }
}
