package io.lakelet.core.ports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Data Catalog as other services see it: Athena resolves tables and prunes partitions, runs Hive DDL
 * against it; Firehose reads a table's schema for record format conversion. glue-sim provides it; no
 * module imports glue-sim.
 *
 * <p>Every call is scoped to an account and a region (a catalog per account and region, as in Glue).
 * Names are matched without regard to case and come back folded to lower case, as Glue stores them.
 * Failures are {@link io.lakelet.core.error.AwsException}s with Glue's codes and wording
 * ({@code EntityNotFoundException} "Database x not found.", {@code AlreadyExistsException},
 * {@code InvalidInputException} for a bad partition expression), so a caller can pass them on or map
 * them to its own service's errors. Writes are atomic and durable, and visible to the Glue API at once.
 */
public interface Catalog {

    /** A column: name, Hive type ({@code string}, {@code bigint}, {@code array<struct<a:int>>}...), comment. */
    record Column(String name, String type, String comment) {
    }

    /** How rows are (de)serialised: the SerDe library and its parameters ({@code field.delim}...). */
    record SerDe(String name, String serializationLibrary, Map<String, String> parameters) {
        public SerDe {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    /** Where and how data is stored: columns, location ({@code s3://bucket/prefix/}), formats, SerDe. */
    record Storage(List<Column> columns, String location, String inputFormat, String outputFormat, SerDe serde,
                   boolean compressed, Map<String, String> parameters) {
        public Storage {
            columns = columns == null ? List.of() : List.copyOf(columns);
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    record Database(String name, String description, String locationUri, Map<String, String> parameters,
                    Instant createTime) {
        public Database {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    /**
     * A table. {@code tableType} is {@code EXTERNAL_TABLE}, {@code VIRTUAL_VIEW} (with the view's text) or
     * another Hive table type; {@code parameters} carry {@code classification}, {@code compressionType},
     * {@code skip.header.line.count} and {@code projection.*} for partition projection.
     * {@code createTime}, {@code updateTime} and {@code versionId} are set by the catalog (ignored on write).
     */
    record Table(String database, String name, String description, String owner, String tableType, Storage storage,
                 List<Column> partitionKeys, Map<String, String> parameters, String viewOriginalText,
                 String viewExpandedText, Instant createTime, Instant updateTime, String versionId) {
        public Table {
            partitionKeys = partitionKeys == null ? List.of() : List.copyOf(partitionKeys);
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    /** A partition: its values in partition-key order, and its own storage (usually its S3 location). */
    record Partition(String database, String table, List<String> values, Storage storage,
                     Map<String, String> parameters, Instant creationTime) {
        public Partition {
            values = List.copyOf(values);
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    // Databases.

    Optional<Database> getDatabase(String account, String region, String name);

    List<Database> listDatabases(String account, String region);

    /** Fails with AlreadyExistsException if it exists. */
    void createDatabase(String account, String region, Database database);

    void updateDatabase(String account, String region, Database database);

    /** Deletes the database and everything in it. */
    void deleteDatabase(String account, String region, String name);

    // Tables.

    /** Empty if the table does not exist; EntityNotFoundException if the database does not. */
    Optional<Table> getTable(String account, String region, String database, String name);

    List<Table> listTables(String account, String region, String database);

    void createTable(String account, String region, Table table);

    /** Replaces the table's definition, keeping the previous one as a table version, as UpdateTable does. */
    void updateTable(String account, String region, Table table);

    /** Deletes the table with its partitions. */
    void deleteTable(String account, String region, String database, String name);

    // Partitions.

    Optional<Partition> getPartition(String account, String region, String database, String table,
                                     List<String> values);

    /**
     * The partitions that match a GetPartitions expression ({@code year = '2024' AND month BETWEEN 1 AND
     * 3}; null or blank: all), in value order. Literals compare by the partition key's declared type.
     */
    List<Partition> getPartitions(String account, String region, String database, String table, String expression);

    /**
     * Creates partitions, all or none: fails with the first error (AlreadyExistsException, or
     * InvalidInputException for a wrong number of values) and creates nothing. With {@code ifNotExists},
     * partitions that exist already are skipped instead (Hive's {@code ADD IF NOT EXISTS}).
     */
    void createPartitions(String account, String region, String database, String table, List<Partition> partitions,
                          boolean ifNotExists);

    /** Replaces the partition that has {@code values} (the new definition may carry new values). */
    void updatePartition(String account, String region, String database, String table, List<String> values,
                         Partition partition);

    void deletePartition(String account, String region, String database, String table, List<String> values);
}
