package io.lakelet.sql;

import java.util.Objects;

/**
 * Who runs a statement and where: the account and region whose catalog and buckets it sees, the catalog
 * name ({@code AwsDataCatalog}) and the current database (from QueryExecutionContext; may be null, then
 * {@code default}).
 */
public record Session(String account, String region, String catalog, String database) {
    public static final String DEFAULT_CATALOG = "AwsDataCatalog";
    public static final String DEFAULT_DATABASE = "default";

    public Session {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        catalog = catalog == null || catalog.isBlank() ? DEFAULT_CATALOG : catalog;
        database = database == null || database.isBlank() ? DEFAULT_DATABASE : database.toLowerCase(java.util.Locale.ROOT);
    }
}
