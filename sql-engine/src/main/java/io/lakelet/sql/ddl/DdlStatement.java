package io.lakelet.sql.ddl;

import io.lakelet.core.ports.Catalog.Column;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The statements {@link DdlParser} recognises, as plain values. Names are already folded to lower case. */
sealed interface DdlStatement {

    /** A table or view name as written: database (null: the session's) and name, and where it starts. */
    record Name(String database, String name, Token at) {
        String in(String sessionDatabase) {
            return database != null ? database : sessionDatabase;
        }
    }

    /** A partition as written: key/value pairs in the order given, and an optional location. */
    record PartitionSpec(LinkedHashMap<String, String> values, String location) {
    }

    /** ROW FORMAT DELIMITED ... or ROW FORMAT SERDE ..., as SerDe library and parameters. */
    record RowFormat(String serde, Map<String, String> parameters) {
    }

    record CreateDatabase(String name, boolean ifNotExists, String comment, String location,
                          Map<String, String> properties) implements DdlStatement {
    }

    record DropDatabase(String name, boolean ifExists, boolean cascade) implements DdlStatement {
    }

    record CreateTable(Name table, boolean external, boolean ifNotExists, List<Column> columns, String comment,
                       List<Column> partitionKeys, List<String> bucketColumns, int buckets, RowFormat rowFormat,
                       String storedAs, String inputFormat, String outputFormat, String location,
                       Map<String, String> properties) implements DdlStatement {
    }

    record DropTable(Name table, boolean ifExists) implements DdlStatement {
    }

    record AddPartitions(Name table, boolean ifNotExists, List<PartitionSpec> partitions) implements DdlStatement {
    }

    record DropPartitions(Name table, boolean ifExists, List<PartitionSpec> partitions) implements DdlStatement {
    }

    record SetTableProperties(Name table, Map<String, String> properties) implements DdlStatement {
    }

    record AddColumns(Name table, List<Column> columns, boolean replace) implements DdlStatement {
    }

    /** ALTER TABLE t [PARTITION (...)] SET LOCATION '...'. */
    record SetLocation(Name table, PartitionSpec partition, String location) implements DdlStatement {
    }

    /** ALTER TABLE t CHANGE [COLUMN] old new type [COMMENT '...'] [FIRST | AFTER column]. */
    record ChangeColumn(Name table, String oldName, Column column, boolean first, String after)
            implements DdlStatement {
    }

    /** ALTER TABLE t PARTITION (...) RENAME TO PARTITION (...). */
    record RenamePartition(Name table, PartitionSpec from, PartitionSpec to) implements DdlStatement {
    }

    record SetDatabaseProperties(String database, Map<String, String> properties) implements DdlStatement {
    }

    record RepairTable(Name table) implements DdlStatement {
    }

    /** CREATE [OR REPLACE] VIEW v AS query: {@code query} is the query's text as written. */
    record CreateView(Name view, boolean orReplace, String query) implements DdlStatement {
    }

    record DropView(Name view, boolean ifExists) implements DdlStatement {
    }

    /** CREATE TABLE t [WITH (...)] AS query [WITH [NO] DATA]: property values as strings or lists of strings. */
    record CreateTableAs(Name table, boolean ifNotExists, Map<String, Object> properties, Map<String, Token> propertyAt,
                         String query, boolean withData) implements DdlStatement {
    }

    /** UNLOAD (query) TO 'location' [WITH (...)]: property values as strings or lists of strings. */
    record Unload(String query, String location, Map<String, Object> properties, Map<String, Token> propertyAt,
                  Token at) implements DdlStatement {
    }

    /** INSERT INTO t [(columns)] query. */
    record Insert(Name table, List<String> columns, String query) implements DdlStatement {
    }

    record ShowDatabases(String like) implements DdlStatement {
    }

    record ShowTables(String database, String pattern, boolean views) implements DdlStatement {
    }

    record ShowPartitions(Name table) implements DdlStatement {
    }

    record ShowColumns(Name table) implements DdlStatement {
    }

    record ShowCreateTable(Name table, boolean view) implements DdlStatement {
    }

    record ShowTableProperties(Name table, String key) implements DdlStatement {
    }

    /** DESCRIBE [FORMATTED | EXTENDED] t [PARTITION (...)] [column]. */
    record Describe(Name table, boolean formatted, boolean extended, PartitionSpec partition, String column)
            implements DdlStatement {
    }
}
