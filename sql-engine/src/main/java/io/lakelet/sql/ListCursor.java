package io.lakelet.sql;

import java.util.List;

/** A {@link RowCursor} over rows in a list, rendered with {@link Values#text}. */
final class ListCursor implements RowCursor {
    private final List<ColumnInfo> columns;
    private final List<Object[]> rows;
    private int index = -1;

    ListCursor(List<ColumnInfo> columns, List<Object[]> rows) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        return ++index < rows.size();
    }

    @Override
    public Object get(int i) {
        return rows.get(index)[i];
    }

    @Override
    public String text(int i) {
        return Values.text(get(i), columns.get(i).type());
    }

    @Override
    public void close() {
    }
}
