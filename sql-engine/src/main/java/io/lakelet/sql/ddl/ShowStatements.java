package io.lakelet.sql.ddl;

import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.core.ports.Catalog.Database;
import io.lakelet.core.ports.Catalog.Table;
import io.lakelet.sql.ddl.DdlStatement.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * SHOW and DESCRIBE, answered from the catalog in Hive's text layouts (which Athena passes through): one
 * varchar column per result, fields inside a row separated by tabs and padded to 20 characters where Hive
 * pads them.
 */
final class ShowStatements {
    private static final int ALIGNMENT = 20;
    /** Hive's column header: {@code "# "} and then the three padded titles. */
    private static final String HEADER = "# " + row("col_name", "data_type", "comment");
    private final CatalogAccess access;

    ShowStatements(CatalogAccess access) {
        this.access = access;
    }

    DdlResult showDatabases(ShowDatabases s) {
        Pattern pattern = s.like() == null ? null : hivePattern(s.like());
        List<Object[]> rows = new ArrayList<>();
        access.catalog.listDatabases(access.account(), access.region()).stream().map(Database::name).sorted()
                .filter(n -> pattern == null || pattern.matcher(n).matches()).forEach(n -> rows.add(new Object[] {n}));
        return DdlResult.utility(List.of(DdlResult.varchar("database_name")), rows);
    }

    DdlResult showTables(ShowTables s) {
        String database = s.database() != null ? s.database() : access.session.database();
        if (!access.databaseExists(database)) {
            throw DdlErrors.databaseNotFound(database);
        }
        Pattern pattern = s.pattern() == null ? null : hivePattern(s.pattern());
        List<Object[]> rows = new ArrayList<>();
        access.catalog.listTables(access.account(), access.region(), database).stream()
                .filter(t -> !s.views() || CatalogAccess.VIRTUAL_VIEW.equals(t.tableType())).map(Table::name).sorted()
                .filter(n -> pattern == null || pattern.matcher(n).matches()).forEach(n -> rows.add(new Object[] {n}));
        return DdlResult.utility(List.of(DdlResult.varchar(s.views() ? "views" : "tab_name")), rows);
    }

    DdlResult showPartitions(ShowPartitions s) {
        Table table = access.table(s.table());
        if (table.partitionKeys().isEmpty()) {
            throw DdlErrors.ddlTask("Table " + CatalogAccess.written(s.table()) + " is not a partitioned table");
        }
        List<Object[]> rows = new ArrayList<>();
        access.catalog.getPartitions(access.account(), access.region(), table.database(), table.name(), null).stream()
                .map(p -> CatalogAccess.partitionName(table.partitionKeys(), p.values())).sorted()
                .forEach(n -> rows.add(new Object[] {n}));
        return DdlResult.utility(List.of(DdlResult.varchar("partition")), rows);
    }

    DdlResult showColumns(ShowColumns s) {
        Table table = access.table(s.table());
        List<Object[]> rows = new ArrayList<>();
        allColumns(table).forEach(c -> rows.add(new Object[] {c.name()}));
        return DdlResult.utility(List.of(DdlResult.varchar("field")), rows);
    }

    DdlResult showTableProperties(ShowTableProperties s) {
        Table table = access.table(s.table());
        Map<String, String> properties = new TreeMap<>(table.parameters());
        List<Object[]> rows = new ArrayList<>();
        if (s.key() != null) {
            String value = properties.get(s.key());
            rows.add(new Object[] {value != null ? value
                    : "Table " + CatalogAccess.written(s.table()) + " does not have property: " + s.key()});
            return DdlResult.utility(List.of(DdlResult.varchar("prpt_value")), rows);
        }
        properties.forEach((k, v) -> rows.add(new Object[] {k + "\t" + v}));
        return DdlResult.utility(List.of(DdlResult.varchar("prpt_name")), rows);
    }

    DdlResult showCreate(ShowCreateTable s) {
        if (s.view()) {
            return showCreateView(s);
        }
        Table table = access.table(s.table());
        if (CatalogAccess.VIRTUAL_VIEW.equals(table.tableType())) {
            // Hive's DDLTask answers SHOW CREATE TABLE on a view with the view's expanded text.
            String text = "CREATE VIEW `" + table.name() + "` AS " + table.viewExpandedText();
            return DdlResult.utility(List.of(DdlResult.varchar("createtab_stmt")),
                    List.<Object[]>of(new Object[] {text}));
        }
        List<Object[]> rows = new ArrayList<>();
        for (String line : HiveCreateTable.text(table).split("\n", -1)) {
            rows.add(new Object[] {line});
        }
        return DdlResult.utility(List.of(DdlResult.varchar("createtab_stmt")), rows);
    }

    /** SHOW CREATE VIEW, which Trino answers: the view's SQL as it was written. */
    private DdlResult showCreateView(ShowCreateTable s) {
        String database = access.database(s.table());
        String qualified = DdlErrors.qualified(database, s.table().name());
        Table table = access.findTable(s.table())
                .orElseThrow(() -> DdlErrors.trinoStatement("TABLE_NOT_FOUND",
                        "View '" + qualified + "' does not exist"));
        if (!CatalogAccess.VIRTUAL_VIEW.equals(table.tableType())) {
            throw DdlErrors.trinoStatement("NOT_SUPPORTED", "Relation '" + qualified + "' is a table, not a view");
        }
        PrestoViews.Definition view = PrestoViews.decode(table.viewOriginalText());
        String text = "CREATE VIEW " + qualified + " SECURITY DEFINER AS\n" + view.originalSql();
        return DdlResult.utility(List.of(DdlResult.varchar("Create View")), List.<Object[]>of(new Object[] {text}));
    }

    DdlResult describe(Describe s) {
        Table table = access.table(s.table());
        if (s.partition() != null) {
            List<String> values = CatalogAccess.values(table, s.partition());
            if (access.catalog.getPartition(access.account(), access.region(), table.database(), table.name(), values)
                    .isEmpty()) {
                throw DdlErrors.semantic(10006, "Partition not found " + s.partition().values());
            }
        }
        List<String> lines = new ArrayList<>();
        if (s.column() != null) {
            Column column = allColumns(table).stream().filter(c -> c.name().equals(s.column())).findFirst()
                    .orElseThrow(() -> DdlErrors.semantic(10002, "Invalid column reference " + s.column()));
            lines.add(row(column.name(), column.type(), column.comment()));
        } else {
            if (s.formatted()) {
                lines.add(HEADER);
                lines.add("");
            }
            table.storage().columns().forEach(c -> lines.add(row(c.name(), c.type(), c.comment())));
            if (!table.partitionKeys().isEmpty()) {
                table.partitionKeys().forEach(c -> lines.add(row(c.name(), c.type(), c.comment())));
                lines.add("");
                lines.add("# Partition Information");
                lines.add(HEADER);
                lines.add("");
                table.partitionKeys().forEach(c -> lines.add(row(c.name(), c.type(), c.comment())));
            }
            if (s.formatted()) {
                detailed(table, lines);
            } else if (s.extended()) {
                lines.add("");
                lines.add("Detailed Table Information\tTable(tableName:" + table.name() + ", dbName:" + table.database()
                        + ", owner:" + table.owner() + ", tableType:" + table.tableType() + ", location:"
                        + (table.storage() == null ? null : table.storage().location()) + ", parameters:"
                        + table.parameters() + ")");
            }
        }
        List<Object[]> rows = new ArrayList<>();
        lines.forEach(l -> rows.add(new Object[] {l}));
        return DdlResult.utility(List.of(DdlResult.varchar("col_name")), rows);
    }

    private static void detailed(Table table, List<String> lines) {
        lines.add("");
        lines.add("# Detailed Table Information");
        lines.add(pad("Database:") + "\t" + table.database());
        lines.add(pad("Owner:") + "\t" + table.owner());
        lines.add(pad("CreateTime:") + "\t" + table.createTime());
        lines.add(pad("LastAccessTime:") + "\tUNKNOWN");
        lines.add(pad("Retention:") + "\t0");
        lines.add(pad("Location:") + "\t" + table.storage().location());
        lines.add(pad("Table Type:") + "\t" + table.tableType());
        lines.add("Table Parameters:");
        new TreeMap<>(table.parameters()).forEach((k, v) -> lines.add("\t" + pad(k) + "\t" + v));
        lines.add("");
        lines.add("# Storage Information");
        var serde = table.storage().serde();
        lines.add(pad("SerDe Library:") + "\t" + (serde == null ? null : serde.serializationLibrary()));
        lines.add(pad("InputFormat:") + "\t" + table.storage().inputFormat());
        lines.add(pad("OutputFormat:") + "\t" + table.storage().outputFormat());
        lines.add(pad("Compressed:") + "\t" + (table.storage().compressed() ? "Yes" : "No"));
        lines.add(pad("Num Buckets:") + "\t-1");
        lines.add(pad("Bucket Columns:") + "\t[]");
        lines.add(pad("Sort Columns:") + "\t[]");
        if (serde != null && !serde.parameters().isEmpty()) {
            lines.add("Storage Desc Params:");
            new TreeMap<>(serde.parameters()).forEach((k, v) -> lines.add("\t" + pad(k) + "\t" + v));
        }
    }

    /** Hive's column row: name, type and comment, each padded to 20 characters, separated by tabs. */
    private static String row(String name, String type, String comment) {
        return pad(name) + "\t" + pad(type) + "\t" + pad(comment == null ? "" : comment);
    }

    private static String pad(String s) {
        return String.format("%-" + ALIGNMENT + "s", s);
    }

    private static List<Column> allColumns(Table table) {
        List<Column> all = new ArrayList<>(table.storage().columns());
        all.addAll(table.partitionKeys());
        return all;
    }

    /** A Hive SHOW pattern: {@code *} matches anything, {@code |} separates alternatives, case-insensitive. */
    static Pattern hivePattern(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String alternative : pattern.split("\\|")) {
            if (!regex.isEmpty()) {
                regex.append('|');
            }
            StringBuilder part = new StringBuilder();
            for (char c : alternative.strip().toCharArray()) {
                part.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
            }
            regex.append("(?:").append(part).append(')');
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
