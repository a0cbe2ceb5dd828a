package io.lakelet.sql.ddl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.core.ports.Catalog.SerDe;
import io.lakelet.core.ports.Catalog.Storage;
import io.lakelet.core.ports.Catalog.Table;
import io.lakelet.sql.ColumnInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Views as Athena (Trino's Hive connector) stores them in the catalog: a {@code VIRTUAL_VIEW} table whose
 * ViewOriginalText is {@code /* Presto View: <base64 of the view's JSON definition> *}{@code /}, whose
 * ViewExpandedText is {@code /* Presto View *}{@code /}, with parameters {@code presto_view=true} and
 * {@code comment=Presto View}, and whose columns carry the Hive types of the view's columns.
 */
final class PrestoViews {
    static final String PREFIX = "/* Presto View: ";
    static final String SUFFIX = " */";
    static final String EXPANDED_TEXT = "/* Presto View */";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The definition inside a view: its SQL, where it was created and its columns (Trino types). */
    record Definition(String originalSql, String catalog, String schema, List<ColumnInfo> columns, String owner) {
    }

    private PrestoViews() {
    }

    static Table table(String database, String name, Definition definition) {
        List<Column> columns = new ArrayList<>();
        for (ColumnInfo c : definition.columns()) {
            columns.add(new Column(c.name(), HiveTypes.fromTrino(trinoType(c)), null));
        }
        Storage storage = new Storage(columns, null, null, null, new SerDe(null, null, Map.of()), false, Map.of());
        return new Table(database, name, null, definition.owner(), CatalogAccess.VIRTUAL_VIEW, storage, List.of(),
                Map.of("presto_view", "true", "comment", "Presto View"), encode(definition), EXPANDED_TEXT, null, null,
                null);
    }

    static boolean isPrestoView(Table table) {
        return "true".equals(table.parameters().get("presto_view")) && table.viewOriginalText() != null
                && table.viewOriginalText().startsWith(PREFIX);
    }

    static String encode(Definition definition) {
        ObjectNode root = JSON.createObjectNode();
        root.put("originalSql", definition.originalSql());
        root.put("catalog", definition.catalog());
        root.put("schema", definition.schema());
        ArrayNode columns = root.putArray("columns");
        for (ColumnInfo c : definition.columns()) {
            columns.addObject().put("name", c.name()).put("type", trinoType(c));
        }
        if (definition.owner() != null) {
            root.put("owner", definition.owner());
        }
        root.put("runAsInvoker", false);
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        return PREFIX + Base64.getEncoder().encodeToString(json) + SUFFIX;
    }

    static Definition decode(String viewOriginalText) {
        if (viewOriginalText == null || !viewOriginalText.startsWith(PREFIX) || !viewOriginalText.endsWith(SUFFIX)) {
            throw DdlErrors.trino("HIVE_INVALID_VIEW_DATA", "View data missing prefix: " + viewOriginalText);
        }
        String data = viewOriginalText.substring(PREFIX.length(), viewOriginalText.length() - SUFFIX.length());
        try {
            JsonNode root = JSON.readTree(Base64.getDecoder().decode(data.strip()));
            List<ColumnInfo> columns = new ArrayList<>();
            for (JsonNode c : root.path("columns")) {
                String type = c.path("type").asText();
                columns.add(new ColumnInfo(c.path("name").asText(), baseOf(type), type, 0, 0, true));
            }
            return new Definition(root.path("originalSql").asText(), root.path("catalog").asText(null),
                    root.path("schema").asText(null), columns, root.path("owner").asText(null));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw DdlErrors.trino("HIVE_INVALID_VIEW_DATA", "Invalid view JSON: " + viewOriginalText);
        }
    }

    /** The full Trino type of a result column ({@code fullType}, else its base type). */
    static String trinoType(ColumnInfo c) {
        return c.fullType() != null && !c.fullType().isBlank() ? c.fullType() : c.type();
    }

    private static String baseOf(String type) {
        int paren = type.indexOf('(');
        return paren < 0 ? type : type.substring(0, paren);
    }
}
