package io.lakelet.sql;

import java.util.OptionalLong;

/**
 * What a statement produced: its type, its rows (none for most DDL), and the bytes it read from the
 * object store. {@link #dataScannedBytes()} is final once the rows have been read to the end.
 */
public interface QueryResult extends AutoCloseable {

    StatementType statementType();

    RowCursor rows();

    /** Bytes read from the object store so far: after pruning and projection, what Athena would bill. */
    long dataScannedBytes();

    /** Rows written by INSERT INTO or CREATE TABLE AS, known once the rows have been consumed. */
    default OptionalLong rowsWritten() {
        return OptionalLong.empty();
    }

    @Override
    default void close() {
        rows().close();
    }
}
