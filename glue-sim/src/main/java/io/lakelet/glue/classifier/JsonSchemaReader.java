package io.lakelet.glue.classifier;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Glue's JSON classifier: records are the top-level objects of the file (JSON lines or concatenated
 * objects); with a custom classifier's JsonPath ({@code $[*]}, {@code $.a.b[*]}...) they are the values
 * the path selects. Objects become {@code struct<...>}, arrays {@code array<...>}, integral numbers
 * {@code int} or {@code bigint}, other numbers {@code double}. A file whose top level is one array is, as
 * with Glue's built-in classifier, one column named {@code array}.
 */
public final class JsonSchemaReader {
    static final String JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonSchemaReader() {
    }

    /** The built-in classifier: a schema, or null when the text is not JSON records. */
    public static FileSchema builtIn(String text, boolean complete) {
        String t = text.stripLeading();
        if (t.isEmpty() || t.charAt(0) != '{' && t.charAt(0) != '[') {
            return null;
        }
        List<JsonNode> records = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(t)) {
            while (true) {
                JsonToken tok;
                try {
                    tok = p.nextToken();
                    if (tok == null) {
                        break;
                    }
                    if (tok != JsonToken.START_OBJECT && tok != JsonToken.START_ARRAY) {
                        return null;
                    }
                    JsonNode node = MAPPER.readTree(p);
                    if (node.isArray()) {
                        ObjectNodeHolder.wrap(records, node);
                    } else {
                        records.add(node);
                    }
                } catch (IOException e) {
                    if (complete || records.isEmpty()) {
                        return null;
                    }
                    break;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return records.isEmpty() ? null : schema(records, null, text.length());
    }

    /** A custom JSON classifier with its JsonPath; null when the path selects no records. */
    public static FileSchema custom(String jsonPath, String text, boolean complete) {
        List<String> steps = steps(jsonPath);
        if (steps == null) {
            return null;
        }
        List<JsonNode> records = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            if (steps.equals(List.of("[*]"))) {
                if (p.nextToken() != JsonToken.START_ARRAY) {
                    return null;
                }
                try {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        records.add(MAPPER.readTree(p));
                    }
                } catch (IOException e) {
                    if (complete || records.isEmpty()) {
                        return null;
                    }
                }
            } else {
                try {
                    while (p.nextToken() != null) {
                        select(MAPPER.readTree(p), steps, 0, records);
                    }
                } catch (IOException e) {
                    if (complete || records.isEmpty()) {
                        return null;
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        records.removeIf(n -> !n.isObject());
        if (records.isEmpty()) {
            return null;
        }
        return schema(records, jsonPath, text.length());
    }

    /** {@code $.a.b[*]} as steps {@code a, b, [*]}; null when the path is not of that form. */
    static List<String> steps(String path) {
        if (path == null || !path.startsWith("$")) {
            return null;
        }
        List<String> steps = new ArrayList<>();
        String rest = path.substring(1);
        while (!rest.isEmpty()) {
            if (rest.startsWith("[*]")) {
                steps.add("[*]");
                rest = rest.substring(3);
            } else if (rest.startsWith("['")) {
                int end = rest.indexOf("']");
                if (end < 0) {
                    return null;
                }
                steps.add(rest.substring(2, end));
                rest = rest.substring(end + 2);
            } else if (rest.startsWith(".")) {
                int end = 1;
                while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
                    end++;
                }
                if (end == 1) {
                    return null;
                }
                steps.add(rest.substring(1, end));
                rest = rest.substring(end);
            } else {
                return null;
            }
        }
        return steps;
    }

    private static void select(JsonNode node, List<String> steps, int i, List<JsonNode> out) {
        if (node == null) {
            return;
        }
        if (i == steps.size()) {
            out.add(node);
            return;
        }
        String s = steps.get(i);
        if (s.equals("[*]")) {
            if (node.isArray()) {
                for (JsonNode e : node) {
                    select(e, steps, i + 1, out);
                }
            }
        } else {
            select(node.get(s), steps, i + 1, out);
        }
    }

    private static FileSchema schema(List<JsonNode> records, String jsonPath, int sampledChars) {
        HiveType merged = HiveType.NULL;
        for (JsonNode r : records) {
            merged = HiveType.merge(merged, typeOf(r));
        }
        List<Column> columns = new ArrayList<>();
        if (merged instanceof HiveType.Struct s) {
            s.fields().forEach((name, type) -> columns.add(new Column(name.toLowerCase(Locale.ROOT), type)));
        } else {
            columns.add(new Column("array", merged));
        }
        Map<String, String> serdeParams = new LinkedHashMap<>();
        TreeSet<String> paths = new TreeSet<>();
        columns.forEach(c -> paths.add(c.name()));
        serdeParams.put("paths", String.join(",", paths));
        Map<String, String> params = new LinkedHashMap<>();
        if (jsonPath != null) {
            params.put("jsonPath", jsonPath);
        }
        return new FileSchema("json", columns, FileSchema.TEXT_INPUT, FileSchema.TEXT_OUTPUT, JSON_SERDE, serdeParams,
                params, "none", sampledChars, records.size());
    }

    static HiveType typeOf(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return HiveType.NULL;
        }
        if (n.isObject()) {
            Map<String, HiveType> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                fields.merge(f.getKey(), typeOf(f.getValue()), HiveType::merge);
            }
            return new HiveType.Struct(fields);
        }
        if (n.isArray()) {
            HiveType e = HiveType.NULL;
            for (JsonNode x : n) {
                e = HiveType.merge(e, typeOf(x));
            }
            return new HiveType.Array(e);
        }
        if (n.isBoolean()) {
            return HiveType.BOOLEAN;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToInt() ? HiveType.INT : n.canConvertToLong() ? HiveType.BIGINT : HiveType.DOUBLE;
        }
        if (n.isNumber()) {
            return HiveType.DOUBLE;
        }
        return HiveType.STRING;
    }

    /** A top-level array is one record with a single column named {@code array}. */
    private static final class ObjectNodeHolder {
        static void wrap(List<JsonNode> records, JsonNode array) {
            records.add(MAPPER.createObjectNode().set("array", array));
        }
    }
}
