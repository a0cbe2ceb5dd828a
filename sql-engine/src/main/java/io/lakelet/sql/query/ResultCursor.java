package io.lakelet.sql.query;

import io.lakelet.sql.Cancellation;
import io.lakelet.sql.ColumnInfo;
import io.lakelet.sql.RowCursor;
import io.lakelet.sql.Values;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * The rows of a running plan, pulled one at a time from Calcite's enumerator and turned into the result
 * contract's Java objects. Failures while rows are produced come out as SqlFailure; the cancellation flag
 * is checked before every row.
 */
final class ResultCursor implements RowCursor {
    private final Enumerator<Object> rows;
    private final List<RelDataTypeField> fields;
    private final List<ColumnInfo> columns;
    private final Cancellation cancellation;
    private final String sql;
    private Object[] current;
    private boolean closed;

    ResultCursor(Enumerator<Object> rows, RelDataType rowType, List<String> names, Cancellation cancellation,
                 String sql) {
        this.rows = rows;
        this.fields = rowType.getFieldList();
        this.cancellation = cancellation;
        this.sql = sql;
        List<ColumnInfo> cols = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            // A column with no name of its own is _col<position> in Trino (Calcite calls it EXPR$n).
            String name = names.get(i).startsWith("EXPR$") ? "_col" + i : names.get(i);
            cols.add(ColumnTypes.column(name, fields.get(i).getType()));
        }
        this.columns = List.copyOf(cols);
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        if (closed) {
            return false;
        }
        try {
            cancellation.check();
            if (!rows.moveNext()) {
                current = null;
                close();
                return false;
            }
            Object row = rows.current();
            Object[] values = fields.size() == 1 ? new Object[] {row}
                    : row instanceof List<?> list ? list.toArray() : (Object[]) row;
            current = new Object[fields.size()];
            for (int i = 0; i < current.length; i++) {
                current[i] = Cells.toResult(values[i], fields.get(i).getType());
            }
            return true;
        } catch (RuntimeException | Error e) {
            close();
            throw Errors.translate(e, sql, cancellation);
        }
    }

    @Override
    public Object get(int i) {
        return current[i];
    }

    @Override
    public String text(int i) {
        return current[i] == null ? null : render(current[i], fields.get(i).getType());
    }

    /** Athena's text of a value of a Calcite type: rows with their field names also inside arrays and maps. */
    static String render(Object value, RelDataType type) {
        if (value == null) {
            return "null";
        }
        switch (type.getSqlTypeName()) {
            case ARRAY, MULTISET -> {
                StringBuilder b = new StringBuilder("[");
                List<?> list = (List<?>) value;
                for (int k = 0; k < list.size(); k++) {
                    b.append(k > 0 ? ", " : "").append(render(list.get(k), type.getComponentType()));
                }
                return b.append(']').toString();
            }
            case MAP -> {
                StringBuilder b = new StringBuilder("{");
                boolean first = true;
                for (java.util.Map.Entry<?, ?> e : ((java.util.Map<?, ?>) value).entrySet()) {
                    b.append(first ? "" : ", ").append(render(e.getKey(), type.getKeyType())).append('=')
                            .append(render(e.getValue(), type.getValueType()));
                    first = false;
                }
                return b.append('}').toString();
            }
            case ROW -> {
                StringBuilder b = new StringBuilder("{");
                List<?> list = (List<?>) value;
                for (int f = 0; f < type.getFieldCount(); f++) {
                    String n = type.getFieldNames().get(f);
                    b.append(f > 0 ? ", " : "").append(n.startsWith("EXPR$") ? "field" + f : n).append('=')
                            .append(render(f < list.size() ? list.get(f) : null, type.getFieldList().get(f).getType()));
                }
                return b.append('}').toString();
            }
            default -> {
                return Values.text(value, ColumnTypes.base(type));
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                rows.close();
            } catch (RuntimeException e) {
                // Closing releases files; a failure here changes no result.
            }
        }
    }
}
