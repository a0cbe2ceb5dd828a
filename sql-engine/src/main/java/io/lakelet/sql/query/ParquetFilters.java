package io.lakelet.sql.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * The part of a scan's filters that Parquet statistics can decide: comparisons of a top-level primitive
 * column with a literal, joined by AND/OR, ranges (SEARCH) expanded. Whatever is not understood is
 * dropped from the predicate (which only makes it weaker: it is used to skip row groups, never rows).
 */
final class ParquetFilters {
    private ParquetFilters() {
    }

    static FilterPredicate predicate(List<RexNode> filters, List<String> names, List<RelDataType> columns,
                                     MessageType schema) {
        FilterPredicate out = null;
        for (RexNode f : filters) {
            FilterPredicate p;
            try {
                p = convert(expand(f), names, columns, schema);
            } catch (RuntimeException e) {
                p = null;
            }
            if (p != null) {
                out = out == null ? p : FilterApi.and(out, p);
            }
        }
        return out;
    }

    private static RexNode expand(RexNode f) {
        return RexUtil.expandSearch(new RexBuilder(new org.apache.calcite.jdbc.JavaTypeFactoryImpl(
                TrinoTypeSystem.INSTANCE)), null, f);
    }

    private static FilterPredicate convert(RexNode node, List<String> names, List<RelDataType> columns,
                                           MessageType schema) {
        if (!(node instanceof RexCall call)) {
            return null;
        }
        SqlKind kind = call.getKind();
        if (kind == SqlKind.AND || kind == SqlKind.OR) {
            List<FilterPredicate> parts = new ArrayList<>();
            for (RexNode o : call.getOperands()) {
                FilterPredicate p = convert(o, names, columns, schema);
                if (p == null && kind == SqlKind.OR) {
                    return null;
                }
                if (p != null) {
                    parts.add(p);
                }
            }
            if (parts.isEmpty()) {
                return null;
            }
            FilterPredicate out = parts.get(0);
            for (int i = 1; i < parts.size(); i++) {
                out = kind == SqlKind.AND ? FilterApi.and(out, parts.get(i)) : FilterApi.or(out, parts.get(i));
            }
            return out;
        }
        if (call.getOperands().size() != 2) {
            return null;
        }
        RexNode a = strip(call.getOperands().get(0));
        RexNode b = strip(call.getOperands().get(1));
        if (a instanceof RexLiteral && b instanceof RexInputRef) {
            RexNode t = a;
            a = b;
            b = t;
            kind = kind.reverse();
        }
        if (!(a instanceof RexInputRef ref) || !(b instanceof RexLiteral lit) || ref.getIndex() >= columns.size()) {
            return null;
        }
        String name = names.get(ref.getIndex());
        Type field = null;
        for (Type t : schema.getFields()) {
            if (t.getName().toLowerCase(Locale.ROOT).equals(name)) {
                field = t;
            }
        }
        if (field == null || !field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)
                || field.getLogicalTypeAnnotation() instanceof org.apache.parquet.schema.LogicalTypeAnnotation
                .DecimalLogicalTypeAnnotation) {
            return null;
        }
        String path = field.getName();
        PrimitiveType.PrimitiveTypeName physical = field.asPrimitiveType().getPrimitiveTypeName();
        SqlTypeName declared = columns.get(ref.getIndex()).getSqlTypeName();
        Object value = lit.getValue();
        switch (physical) {
            case INT32: {
                if (declared != SqlTypeName.INTEGER && declared != SqlTypeName.SMALLINT
                        && declared != SqlTypeName.TINYINT && declared != SqlTypeName.DATE) {
                    return null;
                }
                Integer v = declared == SqlTypeName.DATE ? lit.getValueAs(Integer.class) : intValue(value);
                return v == null ? null : compare(kind, FilterApi.intColumn(path), v);
            }
            case INT64: {
                if (declared != SqlTypeName.BIGINT || !(value instanceof BigDecimal d)) {
                    return null;
                }
                return compare(kind, FilterApi.longColumn(path), d.longValueExact());
            }
            case DOUBLE: {
                if (declared != SqlTypeName.DOUBLE || !(value instanceof BigDecimal d)) {
                    return null;
                }
                return compare(kind, FilterApi.doubleColumn(path), d.doubleValue());
            }
            case BINARY: {
                if ((declared != SqlTypeName.VARCHAR && declared != SqlTypeName.CHAR) || !(value instanceof NlsString s)) {
                    return null;
                }
                return compare(kind, FilterApi.binaryColumn(path), Binary.fromString(s.getValue()));
            }
            default:
                return null;
        }
    }

    private static Integer intValue(Object value) {
        return value instanceof BigDecimal d ? d.intValueExact() : null;
    }

    private static RexNode strip(RexNode n) {
        while (n instanceof RexCall c && c.getKind() == SqlKind.CAST && c.getOperands().size() == 1
                && c.getOperands().get(0) instanceof RexInputRef) {
            return n;
        }
        return n;
    }

    private static <T extends Comparable<T>, C extends org.apache.parquet.filter2.predicate.Operators.Column<T>
            & org.apache.parquet.filter2.predicate.Operators.SupportsLtGt> FilterPredicate compare(
            SqlKind kind, C column, T value) {
        return switch (kind) {
            case EQUALS -> FilterApi.eq(column, value);
            case NOT_EQUALS -> FilterApi.notEq(column, value);
            case LESS_THAN -> FilterApi.lt(column, value);
            case LESS_THAN_OR_EQUAL -> FilterApi.ltEq(column, value);
            case GREATER_THAN -> FilterApi.gt(column, value);
            case GREATER_THAN_OR_EQUAL -> FilterApi.gtEq(column, value);
            default -> null;
        };
    }
}
