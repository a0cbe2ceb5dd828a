package io.lakelet.sql.ddl;

import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.core.ports.Catalog.Database;
import io.lakelet.core.ports.Catalog.Partition;
import io.lakelet.core.ports.Catalog.SerDe;
import io.lakelet.core.ports.Catalog.Storage;
import io.lakelet.core.ports.Catalog.Table;
import io.lakelet.sql.ddl.DdlStatement.*;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hive DDL applied to the catalog: databases, external tables, their partitions, columns and properties. */
final class CatalogStatements {
    private final CatalogAccess access;

    CatalogStatements(CatalogAccess access) {
        this.access = access;
    }

    void createDatabase(CreateDatabase s) {
        if (access.databaseExists(s.name())) {
            if (s.ifNotExists()) {
                return;
            }
            throw DdlErrors.ddlTask("Database " + s.name() + " already exists");
        }
        access.catalog.createDatabase(access.account(), access.region(),
                new Database(s.name(), s.comment(), s.location(), s.properties(), null));
    }

    void dropDatabase(DropDatabase s) {
        if (!access.databaseExists(s.name())) {
            if (s.ifExists()) {
                return;
            }
            throw DdlErrors.databaseNotFound(s.name());
        }
        if (!s.cascade() && !access.catalog.listTables(access.account(), access.region(), s.name()).isEmpty()) {
            throw DdlErrors.ddlTask("InvalidOperationException(message:Database " + s.name()
                    + " is not empty. One or more tables exist.)");
        }
        access.catalog.deleteDatabase(access.account(), access.region(), s.name());
    }

    void createTable(CreateTable s) {
        if (!s.external()) {
            if ("ICEBERG".equalsIgnoreCase(s.properties().get("table_type"))) {
                throw DdlErrors.trino("NOT_SUPPORTED", s.table().at(), "Lakelet does not support Iceberg tables");
            }
            throw DdlErrors.semantic("Only external table creation is supported.");
        }
        String database = access.database(s.table());
        if (!access.databaseExists(database)) {
            throw DdlErrors.databaseNotFound(database);
        }
        if (access.findTable(s.table()).isPresent()) {
            if (s.ifNotExists()) {
                return;
            }
            throw DdlErrors.ddlTask("AlreadyExistsException(message:Table already exists.)");
        }
        validateColumns(s.columns(), s.partitionKeys());
        String location = s.location();
        if (location == null) {
            // Hive's default: a folder named after the table under the database's location.
            String dbLocation = access.catalog.getDatabase(access.account(), access.region(), database)
                    .map(Database::locationUri).orElse(null);
            if (dbLocation == null || dbLocation.isBlank()) {
                throw DdlErrors.semantic("Athena requires a LOCATION: database " + database + " has no location "
                        + "for table " + s.table().name());
            }
            location = CatalogAccess.folder(dbLocation) + s.table().name();
        }
        StorageFormats.Format format = format(s);
        RowFormat serde = StorageFormats.serde(s.rowFormat(), format);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("EXTERNAL", "TRUE");
        parameters.putAll(s.properties());
        parameters.put("transient_lastDdlTime", access.ddlTime());
        // CLUSTERED BY is parsed but not stored: the catalog port has no bucket columns or bucket count.
        Storage storage = new Storage(s.columns(), location, format.inputFormat(), format.outputFormat(),
                new SerDe(null, serde.serde(), serde.parameters()), false, Map.of());
        access.catalog.createTable(access.account(), access.region(), new Table(database, s.table().name(), s.comment(),
                "hadoop", CatalogAccess.EXTERNAL_TABLE, storage, s.partitionKeys(), parameters, null, null, null, null,
                null));
    }

    private static StorageFormats.Format format(CreateTable s) {
        if (s.inputFormat() != null) {
            return new StorageFormats.Format(s.inputFormat(), s.outputFormat(), null);
        }
        if (s.storedAs() == null) {
            return StorageFormats.storedAs("TEXTFILE");
        }
        StorageFormats.Format format = StorageFormats.storedAs(s.storedAs());
        if (format == null) {
            throw DdlErrors.semantic("Unrecognized file format in STORED AS clause: '" + s.storedAs() + "'");
        }
        return format;
    }

    private static void validateColumns(List<Column> columns, List<Column> partitionKeys) {
        Set<String> names = new HashSet<>();
        for (Column c : columns) {
            if (!names.add(c.name())) {
                throw DdlErrors.semantic(10036, "Duplicate column name: " + c.name());
            }
        }
        for (Column c : partitionKeys) {
            if (names.contains(c.name())) {
                throw DdlErrors.semantic(10035, "Column repeated in partitioning columns");
            }
        }
    }

    void dropTable(DropTable s) {
        var table = s.ifExists() ? access.findTable(s.table()) : java.util.Optional.of(access.table(s.table()));
        if (table.isEmpty()) {
            return;
        }
        if (CatalogAccess.VIRTUAL_VIEW.equals(table.get().tableType())) {
            throw DdlErrors.ddlTask("Cannot drop a view with DROP TABLE");
        }
        access.catalog.deleteTable(access.account(), access.region(), table.get().database(), table.get().name());
    }

    void addPartitions(AddPartitions s) {
        Table table = partitioned(s.table());
        List<Partition> partitions = new ArrayList<>();
        for (PartitionSpec spec : s.partitions()) {
            List<String> values = CatalogAccess.values(table, spec);
            String location = spec.location() != null ? spec.location()
                    : CatalogAccess.folder(table.storage().location())
                    + CatalogAccess.partitionName(table.partitionKeys(), values);
            partitions.add(partition(table, values, location, access.ddlTime()));
        }
        access.catalog.createPartitions(access.account(), access.region(), table.database(), table.name(), partitions,
                s.ifNotExists());
    }

    /** A new partition of {@code table}: the table's storage at its own location, as Hive copies it. */
    static Partition partition(Table table, List<String> values, String location, String ddlTime) {
        return new Partition(table.database(), table.name(), values,
                CatalogAccess.withLocation(table.storage(), location), Map.of("transient_lastDdlTime", ddlTime), null);
    }

    void dropPartitions(DropPartitions s) {
        Table table = partitioned(s.table());
        List<List<String>> doomed = new ArrayList<>();
        for (PartitionSpec spec : s.partitions()) {
            List<Partition> found = access.matching(table, spec);
            if (found.isEmpty() && !s.ifExists()) {
                throw DdlErrors.semantic(10006, "Partition not found " + describe(spec));
            }
            found.forEach(p -> doomed.add(p.values()));
        }
        for (List<String> values : doomed) {
            access.catalog.deletePartition(access.account(), access.region(), table.database(), table.name(), values);
        }
    }

    private static String describe(PartitionSpec spec) {
        StringBuilder out = new StringBuilder("(");
        spec.values().forEach((k, v) -> out.append(out.length() > 1 ? " AND " : "").append(k).append(" = '")
                .append(v).append('\''));
        return out.append(')').toString();
    }

    private Table partitioned(Name name) {
        Table table = externalTable(name);
        if (table.partitionKeys().isEmpty()) {
            throw DdlErrors.semantic(10241, "Table is not partitioned but partition spec exists: "
                    + CatalogAccess.written(name));
        }
        return table;
    }

    private Table externalTable(Name name) {
        Table table = access.table(name);
        if (CatalogAccess.VIRTUAL_VIEW.equals(table.tableType())) {
            throw DdlErrors.semantic(10131, "To alter a view you need to use the ALTER VIEW command.");
        }
        return table;
    }

    void setTableProperties(SetTableProperties s) {
        Table table = externalTable(s.table());
        Map<String, String> parameters = new LinkedHashMap<>(table.parameters());
        parameters.putAll(s.properties());
        access.catalog.updateTable(access.account(), access.region(), access.withParameters(table, parameters));
    }

    void addColumns(AddColumns s) {
        Table table = externalTable(s.table());
        List<Column> columns = new ArrayList<>(s.replace() ? List.of() : table.storage().columns());
        Set<String> names = new HashSet<>();
        columns.forEach(c -> names.add(c.name()));
        table.partitionKeys().forEach(c -> names.add(c.name()));
        for (Column c : s.columns()) {
            if (!names.add(c.name())) {
                throw DdlErrors.ddlTask("Duplicate column name: " + c.name());
            }
            columns.add(c);
        }
        Table updated = CatalogAccess.withStorage(table, CatalogAccess.withColumns(table.storage(), columns));
        access.catalog.updateTable(access.account(), access.region(),
                access.withParameters(updated, table.parameters()));
    }

    void setLocation(SetLocation s) {
        Table table = externalTable(s.table());
        if (s.partition() == null) {
            Table updated = CatalogAccess.withStorage(table, CatalogAccess.withLocation(table.storage(), s.location()));
            access.catalog.updateTable(access.account(), access.region(),
                    access.withParameters(updated, table.parameters()));
            return;
        }
        Table partitioned = partitioned(s.table());
        List<String> values = CatalogAccess.values(partitioned, s.partition());
        Partition p = access.catalog.getPartition(access.account(), access.region(), table.database(), table.name(),
                values).orElseThrow(() -> DdlErrors.semantic(10006, "Partition not found " + describe(s.partition())));
        access.catalog.updatePartition(access.account(), access.region(), table.database(), table.name(), values,
                new Partition(p.database(), p.table(), values, CatalogAccess.withLocation(p.storage(), s.location()),
                        p.parameters(), null));
    }

    void setDatabaseProperties(SetDatabaseProperties s) {
        Database db = access.catalog.getDatabase(access.account(), access.region(), s.database())
                .orElseThrow(() -> DdlErrors.databaseNotFound(s.database()));
        Map<String, String> parameters = new LinkedHashMap<>(db.parameters());
        parameters.putAll(s.properties());
        access.catalog.updateDatabase(access.account(), access.region(),
                new Database(db.name(), db.description(), db.locationUri(), parameters, null));
    }

    /** CHANGE COLUMN renames, retypes, comments and moves a data column (not a partition column). */
    void changeColumn(ChangeColumn s) {
        Table table = externalTable(s.table());
        List<Column> columns = new ArrayList<>(table.storage().columns());
        int index = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(s.oldName())) {
                index = i;
            }
        }
        if (index < 0) {
            throw DdlErrors.ddlTask("Invalid column reference " + s.oldName());
        }
        boolean clash = table.partitionKeys().stream().anyMatch(c -> c.name().equals(s.column().name()));
        for (int i = 0; i < columns.size(); i++) {
            clash |= i != index && columns.get(i).name().equals(s.column().name());
        }
        if (clash) {
            throw DdlErrors.ddlTask("Duplicate column name: " + s.column().name());
        }
        columns.remove(index);
        int at = index;
        if (s.first()) {
            at = 0;
        } else if (s.after() != null) {
            at = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(s.after())) {
                    at = i + 1;
                }
            }
            if (at < 0) {
                throw DdlErrors.ddlTask("Invalid column reference " + s.after());
            }
        }
        columns.add(at, s.column());
        Table updated = CatalogAccess.withStorage(table, CatalogAccess.withColumns(table.storage(), columns));
        access.catalog.updateTable(access.account(), access.region(),
                access.withParameters(updated, table.parameters()));
    }

    /** RENAME PARTITION gives a partition new values; its data stays where it is (an external table's). */
    void renamePartition(RenamePartition s) {
        Table table = partitioned(s.table());
        List<String> from = CatalogAccess.values(table, s.from());
        List<String> to = CatalogAccess.values(table, s.to());
        Partition p = access.catalog.getPartition(access.account(), access.region(), table.database(), table.name(),
                        from)
                .orElseThrow(() -> DdlErrors.semantic(10006, "Partition not found " + describe(s.from())));
        if (access.catalog.getPartition(access.account(), access.region(), table.database(), table.name(), to)
                .isPresent()) {
            throw DdlErrors.ddlTask("AlreadyExistsException(message:Partition already exists.)");
        }
        access.catalog.updatePartition(access.account(), access.region(), table.database(), table.name(), from,
                new Partition(p.database(), p.table(), to, p.storage(), p.parameters(), null));
    }
}
