package io.lakelet.sql.query;

import java.io.IOException;

/** The rows of one data file, as values of the table's data columns in Calcite's internal form. */
interface RowReader extends AutoCloseable {

    /** The next row (one slot per data column, null for columns not asked for), or null at the end. */
    Object[] next() throws IOException;

    @Override
    void close() throws IOException;
}
