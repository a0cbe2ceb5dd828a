package io.lakelet.sql.query;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Trino functions that are other SQL in Calcite, rewritten in the parse tree before validation:
 * {@code now()} is CURRENT_TIMESTAMP, {@code approx_distinct(x)} COUNT(DISTINCT x) (exact, where Trino
 * estimates), {@code count_if(c)} COUNT(CASE WHEN c THEN 1 END), {@code arbitrary(x)} ANY_VALUE(x),
 * {@code day(x)} DAYOFMONTH(x), {@code map(k, v)} MAP_FROM_ARRAYS, {@code concat(a, b, ...)} a || b || ...,
 * {@code if(c, x)} IF(c, x, NULL), {@code try(CAST(...))} TRY_CAST (other {@code try(x)}: see {@link TryPlans}).
 * It also resolves {@code s.a} as Trino does (see {@link #visit(SqlIdentifier)}).
 */
final class TrinoRewriter extends SqlShuttle {
    /** The relation names and aliases visible in each enclosing SELECT, innermost last. */
    private final java.util.ArrayDeque<java.util.Set<String>> scopes = new java.util.ArrayDeque<>();

    private TrinoRewriter() {
    }

    /**
     * Trino resolves {@code s.a} as field {@code a} of column {@code s} when no relation in scope is called
     * {@code s}; Calcite reads it as column {@code a} of table {@code s}. Such identifiers become field
     * accesses.
     */
    @Override
    public SqlNode visit(SqlIdentifier id) {
        if (id.names.size() < 2 || id.isStar() || scopes.isEmpty()) {
            return id;
        }
        String first = id.names.get(0).toLowerCase(Locale.ROOT);
        for (java.util.Set<String> scope : scopes) {
            if (scope.contains(first)) {
                return id;
            }
        }
        SqlNode out = new SqlIdentifier(id.names.get(0), id.getComponentParserPosition(0));
        for (int i = 1; i < id.names.size(); i++) {
            out = SqlStdOperatorTable.DOT.createCall(id.getParserPosition(), out,
                    new SqlIdentifier(id.names.get(i), id.getComponentParserPosition(i)));
        }
        return out;
    }

    private SqlNode select(org.apache.calcite.sql.SqlSelect select) {
        java.util.Set<String> names = new java.util.HashSet<>();
        relations(select.getFrom(), names);
        scopes.push(names);
        try {
            if (select.getFrom() != null) {
                select.setFrom(from(select.getFrom()));
            }
            select.setSelectList((SqlNodeList) select.getSelectList().accept(this));
            if (select.getWhere() != null) {
                select.setWhere(select.getWhere().accept(this));
            }
            if (select.getGroup() != null) {
                select.setGroupBy((SqlNodeList) select.getGroup().accept(this));
            }
            if (select.getHaving() != null) {
                select.setHaving(select.getHaving().accept(this));
            }
            if (select.getOrderList() != null) {
                select.setOrderBy((SqlNodeList) select.getOrderList().accept(this));
            }
            return select;
        } finally {
            scopes.pop();
        }
    }

    /** Subqueries in FROM are rewritten with their own scopes; table names and UNNEST are left alone. */
    private SqlNode from(SqlNode node) {
        if (node instanceof org.apache.calcite.sql.SqlJoin join) {
            join.setLeft(from(join.getLeft()));
            join.setRight(from(join.getRight()));
            return join;
        }
        if (node instanceof SqlCall call && call.getKind() == org.apache.calcite.sql.SqlKind.AS) {
            call.setOperand(0, from(call.operand(0)));
            return call;
        }
        if (node instanceof SqlCall call && (call.getKind() == org.apache.calcite.sql.SqlKind.SELECT
                || call.getKind() == org.apache.calcite.sql.SqlKind.UNION
                || call.getKind() == org.apache.calcite.sql.SqlKind.INTERSECT
                || call.getKind() == org.apache.calcite.sql.SqlKind.EXCEPT
                || call.getKind() == org.apache.calcite.sql.SqlKind.ORDER_BY
                || call.getKind() == org.apache.calcite.sql.SqlKind.WITH)) {
            return call.accept(this);
        }
        if (node instanceof SqlCall call && call.getKind() == org.apache.calcite.sql.SqlKind.UNNEST) {
            for (int i = 0; i < call.operandCount(); i++) {
                if (call.operand(i) != null) {
                    call.setOperand(i, call.operand(i).accept(this));
                }
            }
            return call;
        }
        return node;
    }

    private static void relations(SqlNode from, java.util.Set<String> names) {
        if (from == null) {
            return;
        }
        if (from instanceof SqlIdentifier id) {
            names.add(id.names.get(id.names.size() - 1).toLowerCase(Locale.ROOT));
        } else if (from instanceof org.apache.calcite.sql.SqlJoin join) {
            relations(join.getLeft(), names);
            relations(join.getRight(), names);
        } else if (from instanceof SqlCall call && call.getKind() == org.apache.calcite.sql.SqlKind.AS) {
            SqlNode alias = call.operand(1);
            if (alias instanceof SqlIdentifier a) {
                names.add(a.getSimple().toLowerCase(Locale.ROOT));
            }
            relations(call.operand(0), names);
        }
    }

    static SqlNode rewrite(SqlNode node) {
        return node.accept(new TrinoRewriter());
    }

    @Override
    public SqlNode visit(SqlCall call) {
        if (call instanceof org.apache.calcite.sql.SqlSelect select) {
            return select(select);
        }
        if (call.getKind() == org.apache.calcite.sql.SqlKind.JOIN) {
            return from(call);
        }
        SqlCall c = call;
        if (c.getOperator() instanceof SqlFunction f && c.getKind() != org.apache.calcite.sql.SqlKind.MAP_VALUE_CONSTRUCTOR) {
            String name = f.getName().toLowerCase(Locale.ROOT);
            SqlParserPos pos = c.getParserPosition();
            List<SqlNode> ops = new java.util.ArrayList<>();
            for (SqlNode o : c.getOperandList()) {
                ops.add(o == null ? null : o.accept(this));
            }
            SqlNode replaced = switch (name) {
                case "map" -> ops.size() == 2
                        ? SqlLibraryOperators.MAP_FROM_ARRAYS.createCall(pos, ops.get(0), ops.get(1)) : null;
                case "concat" -> ops.size() >= 2 ? concat(ops, pos) : null;
                case "try" -> ops.size() == 1 ? unwrapTry(ops.get(0), pos) : null;
                case "now" -> ops.isEmpty() ? new SqlIdentifier("CURRENT_TIMESTAMP", pos) : null;
                case "if" -> ops.size() == 2 ? SqlLibraryOperators.IF.createCall(pos, ops.get(0), ops.get(1),
                        SqlLiteral.createNull(pos)) : null;
                case "approx_distinct" -> ops.size() >= 1 ? SqlStdOperatorTable.COUNT.createCall(
                        SqlSelectKeyword.DISTINCT.symbol(pos), pos, ops.get(0)) : null;
                case "count_if" -> ops.size() == 1 ? SqlStdOperatorTable.COUNT.createCall(pos,
                        new SqlCase(pos, null, new SqlNodeList(List.of(ops.get(0)), pos),
                                new SqlNodeList(List.of(SqlLiteral.createExactNumeric("1", pos)), pos),
                                SqlLiteral.createNull(pos))) : null;
                case "arbitrary" -> ops.size() == 1
                        ? SqlStdOperatorTable.ANY_VALUE.createCall(pos, ops.get(0)) : null;
                case "day", "day_of_month" -> ops.size() == 1
                        ? SqlStdOperatorTable.DAYOFMONTH.createCall(pos, ops.get(0)) : null;
                case "day_of_year", "doy" -> ops.size() == 1
                        ? SqlStdOperatorTable.DAYOFYEAR.createCall(pos, ops.get(0)) : null;
                case "week", "week_of_year" -> ops.size() == 1
                        ? SqlStdOperatorTable.WEEK.createCall(pos, ops.get(0)) : null;
                case "quarter" -> ops.size() == 1 ? SqlStdOperatorTable.QUARTER.createCall(pos, ops.get(0)) : null;
                case "bool_and", "every" -> ops.size() == 1
                        ? SqlLibraryOperators.BOOL_AND.createCall(pos, ops.get(0)) : null;
                case "bool_or" -> ops.size() == 1 ? SqlLibraryOperators.BOOL_OR.createCall(pos, ops.get(0)) : null;
                default -> null;
            };
            if (replaced != null) {
                return replaced;
            }
        }
        return super.visit(c);
    }

    private static SqlNode concat(List<SqlNode> ops, SqlParserPos pos) {
        SqlNode out = ops.get(0);
        for (int i = 1; i < ops.size(); i++) {
            out = SqlStdOperatorTable.CONCAT.createCall(pos, out, ops.get(i));
        }
        return out;
    }

    /** TRY over a cast is TRY_CAST; over anything else it stays a call of {@link TryPlans#TRY}. */
    private static SqlNode unwrapTry(SqlNode inner, SqlParserPos pos) {
        if (inner instanceof SqlCall c && c.getKind() == org.apache.calcite.sql.SqlKind.CAST) {
            return SqlLibraryOperators.TRY_CAST.createCall(pos, c.getOperandList());
        }
        return TryPlans.TRY.createCall(pos, inner);
    }

}
