package io.lakelet.sql.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Conversions between Trino type names (as {@link io.lakelet.sql.ColumnInfo#fullType()} gives them:
 * {@code varchar}, {@code decimal(12,2)}, {@code array(row(a integer, b varchar))}) and Hive type names as
 * the catalog stores them ({@code string}, {@code decimal(12,2)}, {@code array<struct<a:int,b:string>>}),
 * the way Trino's Hive connector maps them when it creates a table or a view.
 */
final class HiveTypes {
    private HiveTypes() {
    }

    /** The Hive type a column of Trino type {@code trino} is stored as. */
    static String fromTrino(String trino) {
        String t = trino.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        int paren = lower.indexOf('(');
        String base = paren < 0 ? lower : lower.substring(0, paren).strip();
        String args = paren < 0 ? "" : t.substring(paren + 1, t.lastIndexOf(')'));
        return switch (base) {
            case "varchar" -> args.isEmpty() ? "string" : "varchar(" + args.strip() + ")";
            case "char" -> "char(" + (args.isEmpty() ? "1" : args.strip()) + ")";
            case "integer", "int" -> "int";
            case "bigint", "smallint", "tinyint", "boolean", "double", "date" -> base;
            case "real" -> "float";
            case "varbinary" -> "binary";
            case "timestamp" -> "timestamp";
            case "json", "unknown" -> "string";
            case "decimal" -> "decimal(" + args.replace(" ", "") + ")";
            case "array" -> "array<" + fromTrino(args) + ">";
            case "map" -> {
                List<String> parts = splitTopLevel(args);
                yield "map<" + fromTrino(parts.get(0)) + "," + fromTrino(parts.get(1)) + ">";
            }
            case "row" -> {
                StringBuilder out = new StringBuilder("struct<");
                List<String> fields = splitTopLevel(args);
                for (int i = 0; i < fields.size(); i++) {
                    String f = fields.get(i).strip();
                    int space = f.indexOf(' ');
                    String name = space < 0 ? "_col" + i : unquote(f.substring(0, space));
                    String type = space < 0 ? f : f.substring(space + 1);
                    out.append(i > 0 ? "," : "").append(name.toLowerCase(Locale.ROOT)).append(':')
                            .append(fromTrino(type));
                }
                yield out.append('>').toString();
            }
            default -> t.toLowerCase(Locale.ROOT).startsWith("timestamp") ? "timestamp" : lower;
        };
    }

    private static final java.util.regex.Pattern UNSTORABLE = java.util.regex.Pattern.compile(
            "(?i).*\\b(time|interval|uuid|ipaddress|hyperloglog|p4hyperloglog|qdigest|tdigest|setdigest|"
                    + "time with time zone|timestamp\\(\\d+\\) with time zone|timestamp with time zone)\\b.*");

    /** Whether a column of this Trino type can be stored in a Hive table (Trino refuses time, uuid...). */
    static boolean storable(String trino) {
        String t = trino.strip().toLowerCase(Locale.ROOT);
        return !(t.equals("time") || t.startsWith("time(") || UNSTORABLE.matcher(t).matches());
    }

    /** The Trino type of a Hive type, as Trino shows a Hive column's type. */
    static String toTrino(String hive) {
        String h = hive.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("array<")) {
            return "array(" + toTrino(h.substring(6, h.length() - 1)) + ")";
        }
        if (h.startsWith("map<")) {
            List<String> parts = splitTopLevel(h.substring(4, h.length() - 1));
            return "map(" + toTrino(parts.get(0)) + ", " + toTrino(parts.get(1)) + ")";
        }
        if (h.startsWith("struct<")) {
            StringBuilder out = new StringBuilder("row(");
            List<String> fields = splitTopLevel(h.substring(7, h.length() - 1));
            for (int i = 0; i < fields.size(); i++) {
                String f = fields.get(i);
                int colon = f.indexOf(':');
                out.append(i > 0 ? ", " : "").append(f, 0, colon).append(' ').append(toTrino(f.substring(colon + 1)));
            }
            return out.append(')').toString();
        }
        return switch (h) {
            case "string" -> "varchar";
            case "int" -> "integer";
            case "float" -> "real";
            case "binary" -> "varbinary";
            case "timestamp" -> "timestamp(3)";
            default -> h;
        };
    }

    /** Splits {@code a, map(b, c), d} at the commas that are not nested in brackets. */
    static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '<') {
                depth++;
            } else if (c == ')' || c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(s.substring(start).strip());
        return parts;
    }

    private static String unquote(String name) {
        return name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }
}
