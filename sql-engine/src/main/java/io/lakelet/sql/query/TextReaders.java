package io.lakelet.sql.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * Line-oriented formats: Hive's LazySimpleSerDe (delimited text), OpenCSVSerDe and the two JSON SerDes.
 * Each reads its file once from start to end; every byte taken from the store is counted as scanned.
 */
final class TextReaders {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TextReaders() {
    }

    /** How a line becomes the values of the data columns. */
    interface LineParser {
        Object[] parse(String line);
    }

    static RowReader open(QueryRun run, DataFile file, LineParser parser, int skipHeader) throws IOException {
        InputStream raw = run.store().read(run.account(), file.bucket(), file.key(), 0, -1);
        InputStream counted = new FilterInputStream(raw) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    run.bytesScanned().add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    run.bytesScanned().add(n);
                }
                return n;
            }
        };
        BufferedReader lines = new BufferedReader(new InputStreamReader(Decompression.wrap(file.key(), counted),
                StandardCharsets.UTF_8), 64 * 1024);
        for (int i = 0; i < skipHeader; i++) {
            if (lines.readLine() == null) {
                break;
            }
        }
        return new RowReader() {
            @Override
            public Object[] next() throws IOException {
                String line;
                do {
                    line = lines.readLine();
                    if (line == null) {
                        return null;
                    }
                } while (line.isEmpty() && parser instanceof Json);
                return parser.parse(line);
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    private static char delimiter(Map<String, String> p, String key, char fallback) {
        String v = p.get(key);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        // Hive (LazyUtils.getByte) reads a number as the byte it names: serialization.format=1 is \u0001.
        if (v.length() <= 3 && v.chars().allMatch(Character::isDigit) && Integer.parseInt(v) <= Byte.MAX_VALUE) {
            return (char) Integer.parseInt(v);
        }
        if (v.startsWith("\\") && v.length() > 1) {
            return switch (v.charAt(1)) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'u' -> (char) Integer.parseInt(v.substring(2), 16);
                default -> v.charAt(1);
            };
        }
        return v.charAt(0);
    }

    /** Hive's LazySimpleSerDe: separators by nesting level, an escape character, a NULL marker. */
    static final class LazySimple implements LineParser {
        private final List<RelDataType> columns;
        private final boolean[] needed;
        private final char[] separators = new char[8];
        private final Character escape;
        private final String nullFormat;

        LazySimple(List<RelDataType> columns, boolean[] needed, Map<String, String> p) {
            this.columns = columns;
            this.needed = needed;
            separators[0] = delimiter(p, "field.delim", delimiter(p, "serialization.format", '\u0001'));
            separators[1] = delimiter(p, "collection.delim", delimiter(p, "colelction.delim", '\u0002'));
            separators[2] = delimiter(p, "mapkey.delim", '\u0003');
            for (int i = 3; i < separators.length; i++) {
                separators[i] = (char) (i + 1);
            }
            escape = p.containsKey("escape.delim") ? delimiter(p, "escape.delim", '\\') : null;
            nullFormat = p.getOrDefault("serialization.null.format", "\\N");
        }

        @Override
        public Object[] parse(String line) {
            List<String> fields = split(line, separators[0], columns.size());
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length && i < fields.size(); i++) {
                if (needed[i]) {
                    row[i] = value(fields.get(i), columns.get(i), 1);
                }
            }
            return row;
        }

        private List<String> split(String s, char sep, int limit) {
            if (escape == null) {
                // No escape character: fields are substrings between separators, found with indexOf.
                List<String> out = new ArrayList<>(Math.min(limit, 64));
                int start = 0;
                while (out.size() < limit - 1) {
                    int end = s.indexOf(sep, start);
                    if (end < 0) {
                        break;
                    }
                    out.add(s.substring(start, end));
                    start = end + 1;
                }
                out.add(s.substring(start));
                return out;
            }
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (escape != null && c == escape && i + 1 < s.length()) {
                    cur.append(c).append(s.charAt(++i));
                } else if (c == sep && out.size() < limit - 1) {
                    out.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            out.add(cur.toString());
            return out;
        }

        private String unescape(String s) {
            if (escape == null || s.indexOf(escape) < 0) {
                return s;
            }
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == escape && i + 1 < s.length()) {
                    char n = s.charAt(++i);
                    out.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        private Object value(String text, RelDataType type, int level) {
            if (text.equals(nullFormat)) {
                return null;
            }
            char sep = separators[Math.min(level, separators.length - 1)];
            switch (type.getSqlTypeName()) {
                case ARRAY: {
                    if (text.isEmpty()) {
                        return List.of();
                    }
                    List<Object> out = new ArrayList<>();
                    for (String e : split(text, sep, Integer.MAX_VALUE)) {
                        out.add(value(e, type.getComponentType(), level + 1));
                    }
                    return out;
                }
                case MAP: {
                    Map<Object, Object> out = new LinkedHashMap<>();
                    if (text.isEmpty()) {
                        return out;
                    }
                    char kv = separators[Math.min(level + 1, separators.length - 1)];
                    for (String e : split(text, sep, Integer.MAX_VALUE)) {
                        List<String> parts = split(e, kv, 2);
                        out.put(value(parts.get(0), type.getKeyType(), level + 2),
                                parts.size() > 1 ? value(parts.get(1), type.getValueType(), level + 2) : null);
                    }
                    return out;
                }
                case ROW: {
                    List<RelDataTypeField> fields = type.getFieldList();
                    List<String> parts = split(text, sep, fields.size());
                    Object[] out = new Object[fields.size()];
                    for (int i = 0; i < out.length && i < parts.size(); i++) {
                        out[i] = value(parts.get(i), fields.get(i).getType(), level + 1);
                    }
                    return out;
                }
                default:
                    return Cells.fromText(unescape(text), type);
            }
        }
    }

    /** OpenCSVSerDe: separator, quote and escape characters; values parsed to the declared types. */
    static final class OpenCsv implements LineParser {
        private final List<RelDataType> columns;
        private final boolean[] needed;
        private final char separator;
        private final char quote;
        private final char escape;

        OpenCsv(List<RelDataType> columns, boolean[] needed, Map<String, String> p) {
            this.columns = columns;
            this.needed = needed;
            separator = delimiter(p, "separatorChar", ',');
            quote = delimiter(p, "quoteChar", '"');
            escape = delimiter(p, "escapeChar", '\\');
        }

        @Override
        public Object[] parse(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == escape && escape != quote && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else if (quoted) {
                    if (c == quote) {
                        if (i + 1 < line.length() && line.charAt(i + 1) == quote) {
                            cur.append(quote);
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        cur.append(c);
                    }
                } else if (c == quote) {
                    quoted = true;
                } else if (c == separator) {
                    fields.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            fields.add(cur.toString());
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length && i < fields.size(); i++) {
                if (needed[i]) {
                    RelDataType t = columns.get(i);
                    String text = fields.get(i);
                    row[i] = text.isEmpty() && !isString(t) ? null : Cells.fromText(text, t);
                }
            }
            return row;
        }
    }

    static boolean isString(RelDataType t) {
        return switch (t.getSqlTypeName()) {
            case VARCHAR, CHAR -> true;
            default -> false;
        };
    }

    /** JSON lines (OpenX and HCatalog SerDes): keys matched without regard to case, nested types mapped. */
    static final class Json implements LineParser {
        private final List<String> names;
        private final List<RelDataType> columns;
        private final boolean[] needed;
        private final boolean ignoreMalformed;
        private final Map<String, String> mappings = new HashMap<>();

        Json(List<String> names, List<RelDataType> columns, boolean[] needed, Map<String, String> p) {
            this.names = names;
            this.columns = columns;
            this.needed = needed;
            this.ignoreMalformed = Boolean.parseBoolean(p.getOrDefault("ignore.malformed.json", "false"));
            p.forEach((k, v) -> {
                if (k.startsWith("mapping.")) {
                    mappings.put(k.substring(8).toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT));
                }
            });
        }

        @Override
        public Object[] parse(String line) {
            Object[] row = new Object[columns.size()];
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                if (ignoreMalformed) {
                    return row;
                }
                throw new DataException("HIVE_BAD_DATA", "Error parsing field value for field 0: " + e.getMessage()
                        + " (row: " + line + ")");
            }
            if (node == null || !node.isObject()) {
                if (ignoreMalformed) {
                    return row;
                }
                throw new DataException("HIVE_BAD_DATA", "Row is not a valid JSON Object - JSONException: " + line);
            }
            Map<String, JsonNode> fields = lowerKeys(node);
            for (int i = 0; i < row.length; i++) {
                if (needed[i]) {
                    String name = mappings.getOrDefault(names.get(i), names.get(i));
                    row[i] = value(fields.get(name), columns.get(i));
                }
            }
            return row;
        }

        private static Map<String, JsonNode> lowerKeys(JsonNode node) {
            Map<String, JsonNode> out = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
            }
            return out;
        }

        static Object value(JsonNode node, RelDataType type) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            switch (type.getSqlTypeName()) {
                case ARRAY: {
                    List<Object> out = new ArrayList<>();
                    if (node.isArray()) {
                        for (JsonNode e : node) {
                            out.add(value(e, type.getComponentType()));
                        }
                    } else {
                        out.add(value(node, type.getComponentType()));
                    }
                    return out;
                }
                case MAP: {
                    Map<Object, Object> out = new LinkedHashMap<>();
                    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        out.put(Cells.fromText(e.getKey(), type.getKeyType()), value(e.getValue(), type.getValueType()));
                    }
                    return out;
                }
                case ROW: {
                    if (!node.isObject()) {
                        return null;
                    }
                    Map<String, JsonNode> fields = lowerKeys(node);
                    List<RelDataTypeField> types = type.getFieldList();
                    Object[] out = new Object[types.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = value(fields.get(types.get(i).getName().toLowerCase(Locale.ROOT)), types.get(i).getType());
                    }
                    return out;
                }
                case VARCHAR:
                case CHAR:
                    return node.isValueNode() ? node.asText() : node.toString();
                case DECIMAL:
                    return node.isNumber() ? Cells.decimal(node.decimalValue(), type) : Cells.fromText(node.asText(), type);
                case BOOLEAN:
                    return node.isBoolean() ? node.booleanValue() : Cells.fromText(node.asText(), type);
                case VARBINARY:
                    return node.isBinary() ? new ByteString(binary(node)) : Cells.fromText(node.asText(), type);
                default:
                    if (node.isNumber()) {
                        return switch (type.getSqlTypeName()) {
                            case TINYINT -> (byte) node.intValue();
                            case SMALLINT -> (short) node.intValue();
                            case INTEGER -> node.intValue();
                            case BIGINT -> node.longValue();
                            case REAL -> node.floatValue();
                            case DOUBLE -> node.doubleValue();
                            case TIMESTAMP -> node.longValue();
                            default -> Cells.fromText(new BigDecimal(node.asText()).toPlainString(), type);
                        };
                    }
                    return Cells.fromText(node.asText(), type);
            }
        }

        private static byte[] binary(JsonNode node) {
            try {
                return node.binaryValue();
            } catch (IOException e) {
                return new byte[0];
            }
        }
    }
}
