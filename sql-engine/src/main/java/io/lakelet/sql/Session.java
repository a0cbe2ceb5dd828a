package io.lakelet.sql;

import java.util.Locale;
import java.util.Objects;

/**
 * Who runs a statement and where: the account and region whose catalog and buckets it sees, the catalog
 * name ({@code AwsDataCatalog}), the current database (from QueryExecutionContext; null means
 * {@code default}), and, for statements that write data without a location of their own (CREATE TABLE AS
 * without external_location), the query's id and its result location ({@code s3://bucket/prefix/}), under
 * which Athena puts {@code tables/<queryId>/}. The last two may be null outside Athena.
 */
public record Session(String account, String region, String catalog, String database, String queryId,
                      String outputLocation) {
    public static final String DEFAULT_CATALOG = "AwsDataCatalog";
    public static final String DEFAULT_DATABASE = "default";

    public Session {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        catalog = catalog == null || catalog.isBlank() ? DEFAULT_CATALOG : catalog;
        database = database == null || database.isBlank() ? DEFAULT_DATABASE : database.toLowerCase(Locale.ROOT);
    }

    public Session(String account, String region, String catalog, String database) {
        this(account, region, catalog, database, null, null);
    }
}
