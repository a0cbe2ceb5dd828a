package io.lakelet.glue.catalog;

import io.lakelet.core.config.LakeletConfig;

/**
 * How many resources a catalog holds before Glue answers ResourceNumberLimitExceededException. The
 * defaults are Glue's default service quotas; each is configurable so tests and users can reach them.
 */
public record Limits(long databases, long tablesPerDatabase, long partitionsPerTable, long versionsPerTable,
                     long connections, long functionsPerDatabase, int partitionIndexesPerTable) {

    public static final String DATABASES = "LAKELET_GLUE_MAX_DATABASES";
    public static final String TABLES_PER_DATABASE = "LAKELET_GLUE_MAX_TABLES_PER_DATABASE";
    public static final String PARTITIONS_PER_TABLE = "LAKELET_GLUE_MAX_PARTITIONS_PER_TABLE";
    public static final String VERSIONS_PER_TABLE = "LAKELET_GLUE_MAX_TABLE_VERSIONS_PER_TABLE";
    public static final String CONNECTIONS = "LAKELET_GLUE_MAX_CONNECTIONS";
    public static final String FUNCTIONS_PER_DATABASE = "LAKELET_GLUE_MAX_FUNCTIONS_PER_DATABASE";
    public static final String PARTITION_INDEXES_PER_TABLE = "LAKELET_GLUE_MAX_PARTITION_INDEXES_PER_TABLE";

    public static Limits from(LakeletConfig config) {
        return new Limits(
                config.getLong(DATABASES, 10_000),
                config.getLong(TABLES_PER_DATABASE, 200_000),
                config.getLong(PARTITIONS_PER_TABLE, 10_000_000),
                config.getLong(VERSIONS_PER_TABLE, 100_000),
                config.getLong(CONNECTIONS, 1_000),
                config.getLong(FUNCTIONS_PER_DATABASE, 10_000),
                config.getInt(PARTITION_INDEXES_PER_TABLE, 3));
    }
}
