package io.lakelet.sql.ddl;

import io.lakelet.sql.Cancellation;
import io.lakelet.sql.ColumnInfo;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.RowCursor;
import io.lakelet.sql.Session;
import io.lakelet.sql.StatementType;
import io.lakelet.sql.query.QueryEngine;
import java.util.ArrayList;
import java.util.List;

/** A query engine that answers every query with the rows it was given, and remembers the SQL it saw. */
final class FakeQueries implements QueryEngine {
    final List<String> seen = new ArrayList<>();
    private List<ColumnInfo> columns = List.of();
    private List<Object[]> rows = List.of();

    FakeQueries returning(List<ColumnInfo> columns, List<Object[]> rows) {
        this.columns = columns;
        this.rows = rows;
        return this;
    }

    static ColumnInfo column(String name, String type) {
        int paren = type.indexOf('(');
        return new ColumnInfo(name, paren < 0 ? type : type.substring(0, paren), type, 0, 0, true);
    }

    @Override
    public QueryResult query(Session session, String sql, Cancellation cancellation) {
        seen.add(sql);
        List<Object[]> result = sql.endsWith("LIMIT 0") ? List.of() : rows;
        RowCursor cursor = RowCursor.of(columns, result);
        return new QueryResult() {
            @Override
            public StatementType statementType() {
                return StatementType.DML;
            }

            @Override
            public RowCursor rows() {
                return cursor;
            }

            @Override
            public long dataScannedBytes() {
                return 42;
            }
        };
    }
}
