package io.lakelet.sql;

import io.lakelet.core.ports.Catalog;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.sql.ddl.DdlExecutor;
import io.lakelet.sql.query.CalciteQueryEngine;
import io.lakelet.sql.query.QueryEngine;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Runs one statement: a query goes to the {@link QueryEngine} (Calcite), any other statement to the
 * {@link DdlExecutor}. {@code parameters} are the values of {@code ?} placeholders as SQL literals, in
 * order (Athena's ExecutionParameters). Thread safe; each call runs on the caller's thread.
 */
public final class SqlEngine {
    private final QueryEngine queries;
    private final DdlExecutor statements;

    public SqlEngine(Catalog catalog, ObjectStore store, Clock clock) {
        this.queries = new CalciteQueryEngine(catalog, store, clock);
        this.statements = new DdlExecutor(catalog, store, clock, queries);
    }

    public QueryResult execute(Session session, String sql, List<String> parameters, Cancellation cancellation) {
        String statement = Statements.substitute(Statements.strip(sql), parameters);
        if (Statements.isQuery(statement)) {
            return queries.query(session, statement, cancellation);
        }
        return statements.execute(session, statement, cancellation);
    }

    /**
     * Parses a statement without running it, as Athena does before it queues a query: fails with
     * SYNTAX_ERROR (or INVALID_PARAMETER_USAGE) for what could never run; anything else surfaces when the
     * statement runs.
     */
    public void checkSyntax(String sql, List<String> parameters) {
        String statement = Statements.substitute(Statements.strip(sql), parameters);
        if (Statements.isQuery(statement)) {
            queries.checkSyntax(statement);
        } else {
            statements.checkSyntax(statement);
        }
    }

    /** The first keyword of a statement, upper-cased, after comments and parentheses. */
    static String firstKeyword(String sql) {
        return Statements.firstWord(sql).toUpperCase(Locale.ROOT);
    }
}
