package io.lakelet.sql.query;

import io.lakelet.core.ports.Catalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/** How a table's files are read, chosen from its SerDe library, input format and classification. */
final class TableFormat {
    enum Kind { TEXT, CSV, JSON, PARQUET }

    private final Kind kind;
    private final List<String> names;
    private final List<RelDataType> columns;
    private final Map<String, String> parameters;
    private final int skipHeader;

    private TableFormat(Kind kind, List<String> names, List<RelDataType> columns, Map<String, String> parameters,
                        int skipHeader) {
        this.kind = kind;
        this.names = names;
        this.columns = columns;
        this.parameters = parameters;
        this.skipHeader = skipHeader;
    }

    static TableFormat of(Catalog.Table table, RelDataType rowType, int dataWidth) {
        Catalog.Storage storage = table.storage();
        String lib = storage == null || storage.serde() == null || storage.serde().serializationLibrary() == null ? ""
                : storage.serde().serializationLibrary().toLowerCase(Locale.ROOT);
        String input = storage == null || storage.inputFormat() == null ? ""
                : storage.inputFormat().toLowerCase(Locale.ROOT);
        String classification = table.parameters().getOrDefault("classification", "").toLowerCase(Locale.ROOT);
        Kind kind;
        if (lib.contains("parquet") || input.contains("parquet") || classification.equals("parquet")) {
            kind = Kind.PARQUET;
        } else if (lib.contains("opencsv")) {
            kind = Kind.CSV;
        } else if (lib.contains("json") || classification.equals("json")) {
            kind = Kind.JSON;
        } else {
            kind = Kind.TEXT;
        }
        Map<String, String> params = new HashMap<>();
        if (storage != null) {
            params.putAll(storage.parameters());
            if (storage.serde() != null) {
                params.putAll(storage.serde().parameters());
            }
        }
        List<String> names = new ArrayList<>();
        List<RelDataType> columns = new ArrayList<>();
        for (int i = 0; i < dataWidth; i++) {
            names.add(rowType.getFieldList().get(i).getName());
            columns.add(rowType.getFieldList().get(i).getType());
        }
        int skip = 0;
        String header = table.parameters().get("skip.header.line.count");
        if (header != null) {
            try {
                skip = Integer.parseInt(header.trim());
            } catch (NumberFormatException e) {
                skip = 0;
            }
        }
        return new TableFormat(kind, names, columns, params, skip);
    }

    Kind kind() {
        return kind;
    }

    List<String> names() {
        return names;
    }

    List<RelDataType> columns() {
        return columns;
    }

    RowReader open(QueryRun run, DataFile file, boolean[] needed, List<RexNode> filters) throws IOException {
        return switch (kind) {
            case TEXT -> TextReaders.open(run, file, new TextReaders.LazySimple(columns, needed, parameters), skipHeader);
            case CSV -> TextReaders.open(run, file, new TextReaders.OpenCsv(columns, needed, parameters), skipHeader);
            case JSON -> TextReaders.open(run, file, new TextReaders.Json(names, columns, needed, parameters), 0);
            case PARQUET -> ParquetRows.open(run, file, names, columns, needed, filters);
        };
    }
}
