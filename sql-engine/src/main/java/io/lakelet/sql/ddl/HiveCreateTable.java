package io.lakelet.sql.ddl;

import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.core.ports.Catalog.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHOW CREATE TABLE as Hive's DDLTask writes it (and Athena returns it, one line per row): quoted names,
 * {@code ROW FORMAT DELIMITED} when the SerDe parameters carry delimiters and {@code ROW FORMAT SERDE}
 * otherwise, the formats, the location, and the table properties other than {@code EXTERNAL}.
 */
final class HiveCreateTable {
    private HiveCreateTable() {
    }

    static String text(Table table) {
        StringBuilder out = new StringBuilder();
        boolean external = "TRUE".equalsIgnoreCase(table.parameters().get("EXTERNAL"))
                || CatalogAccess.EXTERNAL_TABLE.equals(table.tableType());
        out.append("CREATE ").append(external ? "EXTERNAL " : "").append("TABLE `").append(table.name()).append("`(\n");
        out.append(columns(table.storage().columns())).append(")\n");
        if (table.description() != null) {
            out.append("COMMENT '").append(escape(table.description())).append("'\n");
        }
        if (!table.partitionKeys().isEmpty()) {
            out.append("PARTITIONED BY ( \n").append(columns(table.partitionKeys())).append(")\n");
        }
        out.append(rowFormat(table)).append('\n');
        out.append("LOCATION\n  '").append(table.storage().location()).append("'\n");
        Map<String, String> properties = new TreeMap<>(table.parameters());
        properties.remove("EXTERNAL");
        out.append("TBLPROPERTIES (\n");
        List<String> props = new ArrayList<>();
        properties.forEach((k, v) -> props.add("  '" + escape(k) + "'='" + escape(v) + "'"));
        out.append(String.join(", \n", props)).append(')');
        return out.toString();
    }

    private static String columns(List<Column> columns) {
        List<String> lines = new ArrayList<>();
        for (Column c : columns) {
            String line = "  `" + c.name() + "` " + c.type();
            if (c.comment() != null) {
                line += " COMMENT '" + escape(c.comment()) + "'";
            }
            lines.add(line);
        }
        return String.join(", \n", lines);
    }

    private static String rowFormat(Table table) {
        var serde = table.storage().serde();
        Map<String, String> params = new LinkedHashMap<>(serde == null ? Map.of() : new TreeMap<>(serde.parameters()));
        String[] keys = {"field.delim", "collection.delim", "mapkey.delim", "line.delim", "serialization.null.format"};
        String[] clauses = {"FIELDS TERMINATED BY", "COLLECTION ITEMS TERMINATED BY", "MAP KEYS TERMINATED BY",
                "LINES TERMINATED BY", "NULL DEFINED AS"};
        String[] delimiters = new String[keys.length];
        boolean delimited = false;
        for (int i = 0; i < keys.length; i++) {
            delimiters[i] = params.remove(keys[i]);
            delimited |= delimiters[i] != null;
        }
        params.remove("serialization.format");
        StringBuilder out = new StringBuilder("ROW FORMAT");
        if (delimited) {
            out.append(" DELIMITED \n");
            for (int i = 0; i < keys.length; i++) {
                if (delimiters[i] != null) {
                    out.append("  ").append(clauses[i]).append(" '").append(escape(escapeJava(delimiters[i])))
                            .append("' \n");
                }
            }
        } else {
            out.append(" SERDE \n  '").append(serde == null ? "" : serde.serializationLibrary()).append("' \n");
        }
        if (!params.isEmpty()) {
            List<String> props = new ArrayList<>();
            params.forEach((k, v) -> props.add("  '" + k + "'='" + escape(escapeJava(v)) + "'"));
            out.append("WITH SERDEPROPERTIES ( \n").append(String.join(", \n", props)).append(") \n");
        }
        out.append("STORED AS INPUTFORMAT \n  '").append(table.storage().inputFormat()).append("' \n");
        out.append("OUTPUTFORMAT \n  '").append(table.storage().outputFormat()).append("'");
        return out.toString();
    }

    /** Hive's escapeHiveCommand: quotes and semicolons get a backslash. */
    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\'' || c == ';') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** commons-text's escapeJava for delimiters: control characters as {@code \t}, {@code \n} or {@code \u0001}. */
    private static String escapeJava(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> {
                    if (c < ' ' || c > '~') {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
