package io.lakelet.sql.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelet.core.ports.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.ViewTable;

/**
 * Athena views: a VIRTUAL_VIEW table whose original text is {@code /* Presto View: <base64 JSON> *}{@code /}
 * with the view's SQL, its catalog and schema, and its columns with Trino types. Queried, the view's SQL
 * is planned in place (Calcite's view expansion) with its own schema as the default.
 */
final class Views {
    private static final String PREFIX = "/* Presto View: ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Views() {
    }

    /** A view as Athena stores it, decoded: its SQL, its schema, its columns as (name, Trino type). */
    record PrestoView(String sql, String schema, List<String[]> columns) {
    }

    static PrestoView decode(Catalog.Table def) {
        String text = def.viewOriginalText() == null ? "" : def.viewOriginalText().trim();
        if (!text.startsWith(PREFIX) || !text.endsWith("*/")) {
            throw new DataException("HIVE_VIEW_TRANSLATION_ERROR",
                    "Failed to translate view '" + def.database() + "." + def.name() + "': not a Presto view");
        }
        String b64 = text.substring(PREFIX.length(), text.length() - 2).trim();
        try {
            JsonNode node = JSON.readTree(new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8));
            List<String[]> columns = new ArrayList<>();
            for (JsonNode c : node.path("columns")) {
                columns.add(new String[] {c.path("name").asText().toLowerCase(Locale.ROOT), c.path("type").asText()});
            }
            String schema = node.hasNonNull("schema") ? node.get("schema").asText() : def.database();
            return new PrestoView(node.path("originalSql").asText(), schema, columns);
        } catch (IOException | IllegalArgumentException e) {
            throw new DataException("HIVE_VIEW_TRANSLATION_ERROR",
                    "Failed to translate view '" + def.database() + "." + def.name() + "'", e);
        }
    }

    static Table table(Catalog.Table def) {
        PrestoView view = decode(def);
        return new ViewTable(Object[].class, types -> rowType(types, view), view.sql(),
                List.of(view.schema().toLowerCase(Locale.ROOT)), List.of(def.database(), def.name()));
    }

    private static RelDataType rowType(RelDataTypeFactory types, PrestoView view) {
        RelDataTypeFactory.Builder b = types.builder();
        for (String[] c : view.columns()) {
            b.add(c[0], HiveTypes.parse(types, TrinoTypeNames.toHive(c[1])));
        }
        return b.build();
    }
}
