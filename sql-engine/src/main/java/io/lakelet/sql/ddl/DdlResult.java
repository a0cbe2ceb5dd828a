package io.lakelet.sql.ddl;

import io.lakelet.sql.ColumnInfo;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.RowCursor;
import io.lakelet.sql.StatementType;
import java.util.List;
import java.util.OptionalLong;

/** The result of a statement run here: its type, its (small) rows, and the rows it wrote, if any. */
record DdlResult(StatementType statementType, RowCursor rows, long dataScannedBytes, OptionalLong rowsWritten)
        implements QueryResult {

    static DdlResult ddl() {
        return new DdlResult(StatementType.DDL, RowCursor.empty(), 0, OptionalLong.empty());
    }

    /** A DDL statement that prints lines (MSCK REPAIR TABLE): one varchar column with no name of its own. */
    static DdlResult ddl(List<ColumnInfo> columns, List<Object[]> rows) {
        return new DdlResult(StatementType.DDL, RowCursor.of(columns, rows), 0, OptionalLong.empty());
    }

    static DdlResult utility(List<ColumnInfo> columns, List<Object[]> rows) {
        return new DdlResult(StatementType.UTILITY, RowCursor.of(columns, rows), 0, OptionalLong.empty());
    }

    static DdlResult written(long rows, long scanned) {
        return new DdlResult(StatementType.DML, RowCursor.empty(), scanned, OptionalLong.of(rows));
    }

    /** A varchar result column. */
    static ColumnInfo varchar(String name) {
        return new ColumnInfo(name, "varchar", "varchar", 2147483647, 0, true);
    }
}
