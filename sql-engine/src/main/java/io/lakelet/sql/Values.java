package io.lakelet.sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Values rendered as Athena (engine v3) writes them in result CSV files and GetQueryResults. */
public final class Values {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private Values() {
    }

    /**
     * The text of {@code value} whose Trino type is {@code type} (the base name: {@code row} values are
     * Lists and need {@link #text(Object, List)} with their field names to render as Athena does).
     */
    public static String text(Object value, String type) {
        return value == null ? null : render(value, null);
    }

    /** A row value with its field names: {@code {x=1, y=b}}. */
    public static String text(Object row, List<String> fieldNames) {
        return row == null ? null : render(row, fieldNames);
    }

    private static String render(Object value, List<String> fieldNames) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof LocalDateTime t) {
            return TIMESTAMP.format(t);
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof byte[] b) {
            StringBuilder out = new StringBuilder(b.length * 3);
            HexFormat hex = HexFormat.of();
            for (int i = 0; i < b.length; i++) {
                if (i > 0) {
                    out.append(' ');
                }
                out.append(hex.toHexDigits(b[i]));
            }
            return out.toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder(fieldNames != null ? "{" : "[");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                if (fieldNames != null) {
                    out.append(fieldNames.get(i)).append('=');
                }
                out.append(render(list.get(i), null));
            }
            return out.append(fieldNames != null ? "}" : "]").toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                out.append(render(e.getKey(), null)).append('=').append(render(e.getValue(), null));
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            return out.append('}').toString();
        }
        return value.toString();
    }
}
