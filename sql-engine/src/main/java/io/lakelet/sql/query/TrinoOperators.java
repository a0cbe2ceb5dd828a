package io.lakelet.sql.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * The functions a Trino query may call: Calcite's standard operators, the library operators whose
 * semantics match Trino's, and Trino's own (see {@link TrinoFunctions}), each checked against Trino's
 * documented results in the dialect tests.
 */
final class TrinoOperators {
    private static final SqlOperatorTable TABLE = build();

    private TrinoOperators() {
    }

    static SqlOperatorTable table() {
        return TABLE;
    }

    private static SqlOperatorTable build() {
        List<SqlOperator> library = new ArrayList<>(List.of(
                SqlLibraryOperators.IF, SqlLibraryOperators.GREATEST, SqlLibraryOperators.LEAST,
                SqlLibraryOperators.LENGTH, SqlLibraryOperators.LPAD, SqlLibraryOperators.RPAD,
                SqlLibraryOperators.LTRIM, SqlLibraryOperators.RTRIM, SqlLibraryOperators.STRPOS,
                SqlLibraryOperators.SPLIT_PART, SqlLibraryOperators.STARTS_WITH,
                SqlLibraryOperators.REGEXP_REPLACE_3, SqlLibraryOperators.ARRAY_AGG,
                SqlLibraryOperators.MAX_BY, SqlLibraryOperators.MIN_BY, SqlLibraryOperators.CONCAT_WS,
                SqlLibraryOperators.REVERSE, SqlLibraryOperators.TRY_CAST, SqlLibraryOperators.SAFE_CAST,
                SqlLibraryOperators.ARRAY_JOIN, SqlLibraryOperators.ARRAY_DISTINCT, SqlLibraryOperators.ARRAY_MAX,
                SqlLibraryOperators.ARRAY_MIN, SqlLibraryOperators.MAP_KEYS, SqlLibraryOperators.MAP_VALUES,
                SqlLibraryOperators.BOOL_AND, SqlLibraryOperators.BOOL_OR, SqlLibraryOperators.LOG2,
                SqlLibraryOperators.TO_BASE64, SqlLibraryOperators.FROM_BASE64,
                SqlLibraryOperators.MAP_FROM_ARRAYS, TryPlans.TRY));
        return SqlOperatorTables.chain(TrinoFunctions.operatorTable(), SqlStdOperatorTable.instance(),
                SqlOperatorTables.of(library));
    }
}
