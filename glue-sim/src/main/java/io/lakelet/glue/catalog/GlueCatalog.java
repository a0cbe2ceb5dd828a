package io.lakelet.glue.catalog;

/**
 * The Data Catalog of every account and region: one store and the parts that act on it. The wire
 * operations and the catalog port both go through these, so they cannot disagree.
 */
public final class GlueCatalog {
    private final CatalogStore store;
    private final Tags tags;
    private final Databases databases;
    private final PartitionIndexes partitionIndexes;
    private final Tables tables;
    private final Partitions partitions;
    private final ColumnStatisticsStore statistics;
    private final Functions functions;
    private final Connections connections;
    private final TableSearch search;

    public GlueCatalog(CatalogStore store) {
        this.store = store;
        this.tags = new Tags(store);
        this.databases = new Databases(store, tags);
        this.partitionIndexes = new PartitionIndexes(store);
        this.tables = new Tables(store, databases, partitionIndexes, tags);
        this.partitions = new Partitions(store, tables);
        this.statistics = new ColumnStatisticsStore(store, tables, partitions);
        this.functions = new Functions(store, databases, tags);
        this.connections = new Connections(store, tags);
        this.search = new TableSearch(tables);
    }

    public CatalogStore store() {
        return store;
    }

    public Tags tags() {
        return tags;
    }

    public Databases databases() {
        return databases;
    }

    public PartitionIndexes partitionIndexes() {
        return partitionIndexes;
    }

    public Tables tables() {
        return tables;
    }

    public Partitions partitions() {
        return partitions;
    }

    public ColumnStatisticsStore statistics() {
        return statistics;
    }

    public Functions functions() {
        return functions;
    }

    public Connections connections() {
        return connections;
    }

    public TableSearch search() {
        return search;
    }
}
