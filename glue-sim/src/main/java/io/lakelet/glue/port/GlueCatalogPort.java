package io.lakelet.glue.port;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.ports.Catalog;
import io.lakelet.glue.catalog.GlueCatalog;
import io.lakelet.glue.catalog.Paging;
import io.lakelet.glue.catalog.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.glue.model.PartitionInput;

/**
 * glue-sim's implementation of the catalog port: the same {@link GlueCatalog} the Glue API uses, with
 * the port's plain records converted to and from the SDK model at the edge.
 */
public final class GlueCatalogPort implements Catalog {
    private static final int PAGE = 1000;

    private final GlueCatalog catalog;

    public GlueCatalogPort(GlueCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<Database> getDatabase(String account, String region, String name) {
        Scope scope = new Scope(account, region);
        return catalog.databases().exists(scope, name)
                ? Optional.of(PortModel.database(catalog.databases().get(scope, name))) : Optional.empty();
    }

    @Override
    public List<Database> listDatabases(String account, String region) {
        Scope scope = new Scope(account, region);
        return all(token -> catalog.databases().list(scope, token, PAGE), PortModel::database);
    }

    @Override
    public void createDatabase(String account, String region, Database database) {
        catalog.databases().create(new Scope(account, region), PortModel.databaseInput(database), Map.of());
    }

    @Override
    public void updateDatabase(String account, String region, Database database) {
        catalog.databases().update(new Scope(account, region), database.name(), PortModel.databaseInput(database));
    }

    @Override
    public void deleteDatabase(String account, String region, String name) {
        catalog.databases().delete(new Scope(account, region), name);
    }

    @Override
    public Optional<Table> getTable(String account, String region, String database, String name) {
        return catalog.tables().find(new Scope(account, region), database, name).map(PortModel::table);
    }

    @Override
    public List<Table> listTables(String account, String region, String database) {
        Scope scope = new Scope(account, region);
        return all(token -> catalog.tables().list(scope, database, null, token, PAGE), PortModel::table);
    }

    @Override
    public void createTable(String account, String region, Table table) {
        catalog.tables().create(new Scope(account, region), table.database(), PortModel.tableInput(table), List.of());
    }

    @Override
    public void updateTable(String account, String region, Table table) {
        catalog.tables().update(new Scope(account, region), table.database(), PortModel.tableInput(table), false, null);
    }

    @Override
    public void deleteTable(String account, String region, String database, String name) {
        catalog.tables().delete(new Scope(account, region), database, name);
    }

    @Override
    public Optional<Partition> getPartition(String account, String region, String database, String table,
                                            List<String> values) {
        Scope scope = new Scope(account, region);
        List<software.amazon.awssdk.services.glue.model.Partition> found =
                catalog.partitions().getAll(scope, database, table, List.of(values));
        return found.stream().findFirst().map(PortModel::partition);
    }

    @Override
    public List<Partition> getPartitions(String account, String region, String database, String table,
                                         String expression) {
        Scope scope = new Scope(account, region);
        return all(token -> catalog.partitions().list(scope, database, table, expression, null, token, PAGE),
                PortModel::partition);
    }

    @Override
    public void createPartitions(String account, String region, String database, String table,
                                 List<Partition> partitions, boolean ifNotExists) {
        Scope scope = new Scope(account, region);
        catalog.store().write(() -> {
            List<PartitionInput> inputs = new ArrayList<>();
            for (Partition p : partitions) {
                if (ifNotExists && !catalog.partitions().getAll(scope, database, table, List.of(p.values())).isEmpty()) {
                    continue;
                }
                inputs.add(PortModel.partitionInput(p));
            }
            catalog.partitions().create(scope, database, table, inputs, true);
        });
    }

    @Override
    public void updatePartition(String account, String region, String database, String table, List<String> values,
                                Partition partition) {
        Map<List<String>, AwsException> errors = catalog.partitions().update(new Scope(account, region), database,
                table, Map.of(values, PortModel.partitionInput(partition)));
        if (!errors.isEmpty()) {
            throw errors.values().iterator().next();
        }
    }

    @Override
    public void deletePartition(String account, String region, String database, String table, List<String> values) {
        Map<List<String>, AwsException> errors = catalog.partitions().delete(new Scope(account, region), database,
                table, List.of(values));
        if (!errors.isEmpty()) {
            throw errors.values().iterator().next();
        }
    }

    /** Every item of a paged listing, converted. */
    private static <S, T> List<T> all(Function<String, Paging.Page<S>> pages, Function<S, T> convert) {
        List<T> out = new ArrayList<>();
        String token = null;
        do {
            Paging.Page<S> page = pages.apply(token);
            page.items().forEach(s -> out.add(convert.apply(s)));
            token = page.nextToken();
        } while (token != null);
        return out;
    }
}
