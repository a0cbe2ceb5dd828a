package io.lakelet.sql.ddl;

import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.core.ports.Catalog.Partition;
import io.lakelet.core.ports.Catalog.SerDe;
import io.lakelet.core.ports.Catalog.Storage;
import io.lakelet.core.ports.Catalog.Table;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.formats.S3Location;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.ColumnInfo;
import io.lakelet.sql.QueryResult;
import io.lakelet.sql.RowCursor;
import io.lakelet.sql.ddl.DdlStatement.CreateTableAs;
import io.lakelet.sql.ddl.DdlStatement.Insert;
import io.lakelet.sql.ddl.DdlStatement.Unload;
import io.lakelet.sql.query.QueryEngine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CREATE TABLE AS and INSERT INTO: run the query, write its rows as files of the table's format under the
 * table's (or partition's) location, then register the table and its new partitions. A statement that
 * fails leaves the catalog as it was; like Athena, it leaves the files it had written ("orphaned data"),
 * so a CTAS retried into the same location fails with HIVE_PATH_ALREADY_EXISTS until they are removed.
 */
final class WriteStatements {
    private static final Set<String> CTAS_PROPERTIES = Set.of("table_type", "format", "external_location",
            "partitioned_by", "bucketed_by", "bucket_count", "write_compression", "field_delimiter",
            "parquet_compression", "orc_compression", "is_external");
    private static final Set<String> UNLOAD_PROPERTIES = Set.of("format", "compression", "compression_level",
            "field_delimiter", "partitioned_by");
    private static final Pattern UNNAMED = Pattern.compile("_col\\d+|EXPR\\$\\d+");

    private final CatalogAccess access;
    private final ObjectStore store;
    private final QueryEngine queries;

    WriteStatements(CatalogAccess access, ObjectStore store, QueryEngine queries) {
        this.access = access;
        this.store = store;
        this.queries = queries;
    }

    DdlResult createTableAs(CreateTableAs s, Cancellation cancellation) {
        String database = access.database(s.table());
        if (!access.databaseExists(database)) {
            throw DdlErrors.trino("SCHEMA_NOT_FOUND", s.table().at(), "Schema '" + database + "' does not exist");
        }
        if (access.findTable(s.table()).isPresent()) {
            if (s.ifNotExists()) {
                return DdlResult.written(0, 0);
            }
            throw DdlErrors.trinoStatement("TABLE_ALREADY_EXISTS", "Destination table '"
                    + DdlErrors.qualified(database, s.table().name()) + "' already exists");
        }
        for (String key : s.properties().keySet()) {
            if (!CTAS_PROPERTIES.contains(key)) {
                throw DdlErrors.trino("INVALID_TABLE_PROPERTY", s.propertyAt().get(key),
                        "Catalog 'awsdatacatalog' table property '" + key + "' does not exist");
            }
        }
        String tableType = property(s, "table_type", "HIVE").toUpperCase(Locale.ROOT);
        if (!tableType.equals("HIVE")) {
            throw DdlErrors.trino("NOT_SUPPORTED", s.propertyAt().get("table_type"),
                    "Lakelet writes only Hive tables with CREATE TABLE AS, not table_type '" + tableType + "'");
        }
        if (s.properties().containsKey("bucketed_by") || s.properties().containsKey("bucket_count")) {
            throw DdlErrors.trino("NOT_SUPPORTED", s.propertyAt().getOrDefault("bucketed_by",
                    s.propertyAt().get("bucket_count")), "Lakelet does not write bucketed tables (bucketed_by)");
        }
        if (property(s, "is_external", "true").equalsIgnoreCase("false")) {
            throw DdlErrors.trino("NOT_SUPPORTED", s.propertyAt().get("is_external"),
                    "Lakelet writes only external Hive tables with CREATE TABLE AS (is_external = false)");
        }
        String formatName = property(s, "format", "PARQUET").toUpperCase(Locale.ROOT);
        DataFiles.Format format = format(formatName, s.propertyAt().get("format"), "CREATE TABLE AS");
        String compressionKey = s.properties().containsKey("write_compression") ? "write_compression"
                : "parquet_compression";
        String compression = compression(s.properties(), s.propertyAt(), compressionKey, format);
        String delimiter = format == DataFiles.Format.TEXTFILE ? property(s, "field_delimiter", "\u0001") : null;
        String location = location(s, database);

        List<String> partitionedBy = new ArrayList<>();
        Object partitions = s.properties().get("partitioned_by");
        if (partitions instanceof List<?> list) {
            list.forEach(p -> partitionedBy.add(p.toString().toLowerCase(Locale.ROOT)));
        }
        String sql = s.withData() ? s.query() : "SELECT * FROM (" + s.query() + ") LIMIT 0";
        try (QueryResult result = queries.query(access.session, sql, cancellation)) {
            RowCursor rows = result.rows();
            List<ColumnInfo> columns = rows.columns();
            List<Column> all = hiveColumns(columns);
            int keys = checkPartitioning(all, partitionedBy);
            List<Column> data = all.subList(0, all.size() - keys);
            List<Column> partitionKeys = all.subList(all.size() - keys, all.size());
            StorageFormats.Format classes = StorageFormats.ctas(formatName);
            Map<String, String> serdeParams = new LinkedHashMap<>();
            serdeParams.put("serialization.format", "1");
            if (delimiter != null && s.properties().containsKey("field_delimiter")) {
                // Trino records the delimiter only when one was given; \001 is LazySimpleSerDe's default.
                serdeParams.put("field.delim", delimiter);
                serdeParams.put("serialization.format", delimiter);
            }
            String serde = classes.serde() != null ? classes.serde() : StorageFormats.LAZY_SIMPLE_SERDE;
            Storage storage = new Storage(data, location, classes.inputFormat(), classes.outputFormat(),
                    new SerDe(null, serde, serdeParams), false, Map.of());
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("EXTERNAL", "TRUE");
            parameters.put("has_encrypted_data", "false");
            if (format == DataFiles.Format.PARQUET) {
                parameters.put("parquet.compression", compression);
            } else if (!compression.equals("NONE")) {
                parameters.put("write.compression", compression);
            }
            parameters.put("transient_lastDdlTime", access.ddlTime());
            Table table = new Table(database, s.table().name(), null, "hadoop", CatalogAccess.EXTERNAL_TABLE, storage,
                    partitionKeys, parameters, null, null, null, null, null);
            TableFilesWriter writer = new TableFilesWriter(access, store, table, false, format, compression,
                    delimiter, cancellation);
            long written = writer.writeAll(rows, identity(all.size()));
            writer.writeManifest();
            access.catalog.createTable(access.account(), access.region(), table);
            try {
                writer.registerPartitions(Set.of());
            } catch (RuntimeException e) {
                access.catalog.deleteTable(access.account(), access.region(), database, table.name());
                throw e;
            }
            return DdlResult.written(written, result.dataScannedBytes());
        }
    }

    /**
     * UNLOAD (query) TO 's3://...' WITH (format, compression, field_delimiter, partitioned_by): the query's
     * rows written as files under an empty folder, with no table registered.
     */
    DdlResult unload(Unload s, Cancellation cancellation) {
        for (String key : s.properties().keySet()) {
            if (!UNLOAD_PROPERTIES.contains(key)) {
                throw DdlErrors.trino("INVALID_TABLE_PROPERTY", s.propertyAt().get(key),
                        "Catalog 'awsdatacatalog' table property '" + key + "' does not exist");
            }
        }
        String formatName = property(s.properties(), "format", "PARQUET").toUpperCase(Locale.ROOT);
        DataFiles.Format format = format(formatName, s.propertyAt().get("format"), "UNLOAD");
        String compression = compression(s.properties(), s.propertyAt(), "compression", format);
        String delimiter = format == DataFiles.Format.TEXTFILE
                ? property(s.properties(), "field_delimiter", "\u0001") : null;
        String location = CatalogAccess.folder(s.location());
        requireEmpty(location, s.at(), null);
        List<String> partitionedBy = new ArrayList<>();
        if (s.properties().get("partitioned_by") instanceof List<?> list) {
            list.forEach(p -> partitionedBy.add(p.toString().toLowerCase(Locale.ROOT)));
        }
        try (QueryResult result = queries.query(access.session, s.query(), cancellation)) {
            RowCursor rows = result.rows();
            List<Column> all = hiveColumns(rows.columns());
            int keys = checkPartitioning(all, partitionedBy);
            Storage storage = new Storage(all.subList(0, all.size() - keys), location, null, null, null, false,
                    Map.of());
            Table target = new Table(access.session.database(), "unload", null, null, CatalogAccess.EXTERNAL_TABLE,
                    storage, all.subList(all.size() - keys, all.size()), Map.of(), null, null, null, null, null);
            TableFilesWriter writer = new TableFilesWriter(access, store, target, false, format, compression,
                    delimiter, cancellation);
            long written = writer.writeAll(rows, identity(all.size()));
            writer.writeManifest();
            return DdlResult.written(written, result.dataScannedBytes());
        }
    }

    DdlResult insert(Insert s, Cancellation cancellation) {
        String database = access.database(s.table());
        String qualified = DdlErrors.qualified(database, s.table().name());
        Table table = access.findTable(s.table())
                .orElseThrow(() -> DdlErrors.trinoStatement("TABLE_NOT_FOUND", "Table '" + qualified
                        + "' does not exist"));
        if (CatalogAccess.VIRTUAL_VIEW.equals(table.tableType())) {
            throw DdlErrors.trinoStatement("NOT_SUPPORTED", "Inserting into views is not supported");
        }
        DataFiles.Format format = formatOf(table);
        String delimiter = format == DataFiles.Format.TEXTFILE
                ? StorageFormats.fieldDelimiter(table.storage().serde().parameters()) : null;
        Map<String, Object> compressionProperty = new LinkedHashMap<>();
        compressionProperty.put("compression", table.parameters().getOrDefault("parquet.compression",
                table.parameters().getOrDefault("write.compression", "GZIP")));
        String compression = compression(compressionProperty, Map.of(), "compression", format);
        List<Column> target = new ArrayList<>(table.storage().columns());
        target.addAll(table.partitionKeys());
        // Where each query column goes in the table's column order (-1: no query column, written as null).
        int[] sourceOf = new int[target.size()];
        java.util.Arrays.fill(sourceOf, -1);
        List<Column> insertColumns = new ArrayList<>();
        if (s.columns().isEmpty()) {
            for (int i = 0; i < target.size(); i++) {
                sourceOf[i] = i;
            }
            insertColumns.addAll(target);
        } else {
            for (int q = 0; q < s.columns().size(); q++) {
                String name = s.columns().get(q);
                int index = indexOf(target, name);
                if (index < 0) {
                    throw DdlErrors.trinoStatement("COLUMN_NOT_FOUND",
                            "Insert column name does not exist in target table: " + name);
                }
                sourceOf[index] = q;
                insertColumns.add(target.get(index));
            }
        }
        try (QueryResult result = queries.query(access.session, s.query(), cancellation)) {
            RowCursor rows = result.rows();
            checkTypes(insertColumns, rows.columns());
            Set<List<String>> existing = new HashSet<>();
            if (!table.partitionKeys().isEmpty()) {
                access.catalog.getPartitions(access.account(), access.region(), table.database(), table.name(), null)
                        .forEach(p -> existing.add(p.values()));
            }
            TableFilesWriter writer = new TableFilesWriter(access, store, table, true, format, compression,
                    delimiter, cancellation);
            long written = writer.writeAll(rows, sourceOf);
            writer.writeManifest();
            writer.registerPartitions(existing);
            return DdlResult.written(written, result.dataScannedBytes());
        }
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Trino's rule: each query column must be coercible to the table column it goes into. */
    private static void checkTypes(List<Column> table, List<ColumnInfo> query) {
        boolean ok = table.size() == query.size();
        for (int i = 0; ok && i < table.size(); i++) {
            ok = coercible(PrestoViews.trinoType(query.get(i)), HiveTypes.toTrino(table.get(i).type()));
        }
        if (!ok) {
            List<String> tableTypes = table.stream().map(c -> HiveTypes.toTrino(c.type())).toList();
            List<String> queryTypes = query.stream().map(PrestoViews::trinoType).toList();
            throw DdlErrors.trinoStatement("TYPE_MISMATCH", "Insert query has mismatched column types: Table: ["
                    + String.join(", ", tableTypes) + "], Query: [" + String.join(", ", queryTypes) + "]");
        }
    }

    private static final List<String> NUMERIC = List.of("tinyint", "smallint", "integer", "bigint", "real", "double",
            "decimal");

    private static boolean coercible(String from, String to) {
        String f = base(from);
        String t = base(to);
        if (f.equals(t) || f.equals("unknown")) {
            return true;
        }
        if (NUMERIC.contains(f) && NUMERIC.contains(t)) {
            return true;
        }
        return (f.equals("varchar") || f.equals("char")) && (t.equals("varchar") || t.equals("char"));
    }

    private static String base(String type) {
        String lower = type.toLowerCase(Locale.ROOT).strip();
        int paren = lower.indexOf('(');
        return paren < 0 ? lower : lower.substring(0, paren);
    }

    private static DataFiles.Format formatOf(Table table) {
        SerDe serde = table.storage().serde();
        String library = serde == null ? "" : serde.serializationLibrary();
        if (StorageFormats.PARQUET_SERDE.equals(library)) {
            return DataFiles.Format.PARQUET;
        }
        if (StorageFormats.LAZY_SIMPLE_SERDE.equals(library)
                && StorageFormats.TEXT_INPUT.equals(table.storage().inputFormat())) {
            return DataFiles.Format.TEXTFILE;
        }
        if (StorageFormats.JSON_SERDE.equals(library) || "org.openx.data.jsonserde.JsonSerDe".equals(library)
                || "org.apache.hadoop.hive.serde2.JsonSerDe".equals(library)) {
            return DataFiles.Format.JSON;
        }
        throw DdlErrors.trino("HIVE_UNSUPPORTED_FORMAT", "Output format " + table.storage().outputFormat()
                + " with SerDe " + library + " is not supported.");
    }

    private static String property(CreateTableAs s, String key, String otherwise) {
        return property(s.properties(), key, otherwise);
    }

    private static String property(Map<String, Object> properties, String key, String otherwise) {
        Object value = properties.get(key);
        return value == null ? otherwise : value.toString();
    }

    private static String compression(Map<String, Object> properties, Map<String, Token> at, String key,
                                      DataFiles.Format format) {
        String value = property(properties, key, "GZIP").toUpperCase(Locale.ROOT);
        if (value.equals("UNCOMPRESSED")) {
            value = "NONE";
        }
        Set<String> writable = format == DataFiles.Format.PARQUET ? Set.of("NONE", "SNAPPY", "GZIP", "ZSTD")
                : Set.of("NONE", "GZIP", "ZSTD");
        if (!writable.contains(value)) {
            throw DdlErrors.trino("NOT_SUPPORTED", at.get(key), "Lakelet cannot write " + format
                    + " files with " + key + " '" + value + "' (supported: " + String.join(", ",
                    new java.util.TreeSet<>(writable)) + ")");
        }
        return value;
    }

    /** The writable format a {@code format} property names; ORC, AVRO and ION are refused. */
    private static DataFiles.Format format(String formatName, Token at, String statement) {
        return switch (formatName) {
            case "PARQUET" -> DataFiles.Format.PARQUET;
            case "TEXTFILE" -> DataFiles.Format.TEXTFILE;
            case "JSON" -> DataFiles.Format.JSON;
            case "ORC", "AVRO", "ION" -> throw DdlErrors.trino("NOT_SUPPORTED", at,
                    "Lakelet cannot write " + formatName + " files: " + statement + " supports format PARQUET, "
                            + "TEXTFILE and JSON");
            default -> throw DdlErrors.trino("INVALID_TABLE_PROPERTY", at,
                    "Unable to set catalog 'awsdatacatalog' table property 'format' to ['" + formatName
                            + "']: No enum constant io.trino.plugin.hive.HiveStorageFormat." + formatName);
        };
    }

    /** The table's folder: external_location (which must be empty), else {@code <output>tables/<queryId>/}. */
    private String location(CreateTableAs s, String database) {
        String location;
        if (s.properties().containsKey("external_location")) {
            location = CatalogAccess.folder(s.properties().get("external_location").toString());
        } else {
            if (access.session.outputLocation() == null || access.session.queryId() == null) {
                throw DdlErrors.trinoStatement("INVALID_TABLE_PROPERTY",
                        "CREATE TABLE AS needs external_location or a query result location");
            }
            location = CatalogAccess.folder(access.session.outputLocation()) + "tables/" + access.session.queryId()
                    + "/";
        }
        requireEmpty(location, s.propertyAt().get("external_location"), "table '" + database + "."
                + s.table().name() + "'");
        return location;
    }

    /**
     * Fails unless {@code location} is an S3 folder with nothing in it, as Athena requires of CTAS and UNLOAD
     * targets ({@code what} names the table, or is null for UNLOAD).
     */
    private void requireEmpty(String location, Token at, String what) {
        S3Location folder;
        try {
            folder = S3Location.parse(location);
        } catch (IllegalArgumentException e) {
            throw DdlErrors.trino("INVALID_TABLE_PROPERTY", at,
                    "External location must be an S3 location: " + location);
        }
        boolean empty;
        try {
            empty = store.list(access.account(), folder.bucket(), folder.key(), null, null, 1).objects().isEmpty();
        } catch (io.lakelet.core.error.AwsException e) {
            throw DdlErrors.trino("HIVE_FILESYSTEM_ERROR", "Failed checking path: " + location);
        }
        if (!empty) {
            throw DdlErrors.trino("HIVE_PATH_ALREADY_EXISTS", "Target directory " + (what == null ? "" : "for " + what
                    + " ") + "already exists: " + location + ". You may need to manually clean the data at location '"
                    + location + "' before retrying. Athena will not delete data in your account.");
        }
    }

    /**
     * Trino's rule for the columns of a new table or view: each one named (not {@code _col0}, nor Calcite's
     * {@code EXPR$0}) and named once.
     */
    static void requireNamedColumns(List<ColumnInfo> columns) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnInfo c = columns.get(i);
            if (c.name() == null || c.name().isBlank() || UNNAMED.matcher(c.name()).matches()) {
                throw DdlErrors.trinoStatement("MISSING_COLUMN_NAME", "Column name not specified at position "
                        + (i + 1));
            }
            String name = c.name().toLowerCase(Locale.ROOT);
            if (!names.add(name)) {
                throw DdlErrors.trinoStatement("DUPLICATE_COLUMN_NAME", "Column name '" + name
                        + "' specified more than once");
            }
        }
    }

    private static List<Column> hiveColumns(List<ColumnInfo> columns) {
        requireNamedColumns(columns);
        List<Column> out = new ArrayList<>();
        for (ColumnInfo c : columns) {
            String name = c.name().toLowerCase(Locale.ROOT);
            String type = PrestoViews.trinoType(c);
            if (!HiveTypes.storable(type)) {
                throw DdlErrors.trino("NOT_SUPPORTED", "Unsupported Hive type: " + type);
            }
            out.add(new Column(name, HiveTypes.fromTrino(type), null));
        }
        return out;
    }

    /** Checks Athena's partitioning rules; returns the number of partition columns. */
    private static int checkPartitioning(List<Column> columns, List<String> partitionedBy) {
        if (partitionedBy.isEmpty()) {
            return 0;
        }
        List<String> names = columns.stream().map(Column::name).toList();
        List<String> absent = partitionedBy.stream().filter(p -> !names.contains(p)).toList();
        if (!absent.isEmpty()) {
            throw DdlErrors.trino("INVALID_TABLE_PROPERTY", "Partition columns " + absent + " not present in schema");
        }
        if (partitionedBy.size() >= names.size()) {
            throw DdlErrors.trino("INVALID_TABLE_PROPERTY", "Table contains only partition columns");
        }
        if (!names.subList(names.size() - partitionedBy.size(), names.size()).equals(partitionedBy)) {
            throw DdlErrors.trino("INVALID_TABLE_PROPERTY", "Partition keys must be the last columns in the table "
                    + "and in the same order as the table properties: " + partitionedBy);
        }
        return partitionedBy.size();
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
