package io.lakelet.sql;

import java.util.List;

/**
 * Rows of a result, one at a time, read as the engine produces them (a table is never held in memory).
 * Not thread safe. Close it to release the files it reads; closing early stops the query.
 */
public interface RowCursor extends AutoCloseable {

    List<ColumnInfo> columns();

    /** Moves to the next row; false at the end. Throws {@link SqlFailure} if the query fails or is cancelled. */
    boolean next();

    /** The value of column {@code i} of the current row as a Java object (see the package doc), or null. */
    Object get(int i);

    /**
     * The value of column {@code i} as Athena writes it in its CSV results and returns it in
     * GetQueryResults (timestamps {@code 2024-01-02 03:04:05.000}, arrays {@code [1, 2]}, maps
     * {@code {a=1}}, rows {@code {x=1, y=b}}), or null for SQL NULL.
     */
    String text(int i);

    @Override
    void close();

    /** A cursor with no columns and no rows, for statements that return nothing. */
    static RowCursor empty() {
        return of(List.of(), List.of());
    }

    /** A cursor over rows already computed (small utility results: SHOW, DESCRIBE). */
    static RowCursor of(List<ColumnInfo> columns, List<Object[]> rows) {
        return new ListCursor(columns, rows);
    }
}
