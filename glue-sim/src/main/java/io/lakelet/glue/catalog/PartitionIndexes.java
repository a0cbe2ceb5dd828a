package io.lakelet.glue.catalog;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.StoredSdk;
import io.lakelet.glue.model.TableModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.KeySchemaElement;
import software.amazon.awssdk.services.glue.model.PartitionIndex;
import software.amazon.awssdk.services.glue.model.PartitionIndexDescriptor;
import software.amazon.awssdk.services.glue.model.PartitionIndexStatus;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Partition indexes of a table: named lists of partition keys. Glue builds them in the background
 * (CREATING, then ACTIVE); Lakelet's partition filter is already exact without them, so they are ACTIVE
 * at once and change no query result.
 */
public final class PartitionIndexes {
    private final CatalogStore store;

    public PartitionIndexes(CatalogStore store) {
        this.store = store;
    }

    private static byte[] key(Scope scope, Table table, String index) {
        return scope.key().add(table.databaseName()).add(table.name()).add(index).build();
    }

    /** Adds indexes to a table inside the caller's batch, checking names, keys and the per-table limit. */
    public void putAll(Batch batch, Scope scope, Table table, List<PartitionIndex> indexes) {
        List<PartitionIndexDescriptor> existing = list(scope, table);
        Set<String> names = new HashSet<>();
        existing.forEach(d -> names.add(d.indexName()));
        if (existing.size() + indexes.size() > store.limits().partitionIndexesPerTable()) {
            throw GlueErrors.limitExceeded("The number of partition indexes for table " + table.name()
                    + " has reached the limit of " + store.limits().partitionIndexesPerTable() + ".");
        }
        for (PartitionIndex index : indexes) {
            if (!names.add(index.indexName())) {
                throw GlueErrors.alreadyExists("Partition index " + index.indexName());
            }
            batch.put(store.partitionIndexes, key(scope, table, index.indexName()),
                    StoredSdk.write(describe(table, index)));
        }
    }

    public void create(Scope scope, Table table, PartitionIndex index) {
        try (Batch batch = store.batch()) {
            putAll(batch, scope, table, List.of(index));
            batch.commit();
        }
    }

    public List<PartitionIndexDescriptor> list(Scope scope, Table table) {
        List<PartitionIndexDescriptor> out = new ArrayList<>();
        try (Scan scan = store.partitionIndexes.scan(scope.key().add(table.databaseName()).add(table.name()).build())) {
            for (Scan.Entry e : scan) {
                out.add(StoredSdk.read(e.value(), PartitionIndexDescriptor.class));
            }
        }
        return out;
    }

    public void delete(Scope scope, Table table, String indexName) {
        byte[] k = key(scope, table, indexName);
        if (!store.partitionIndexes.contains(k)) {
            throw GlueErrors.notFound("Index " + indexName + " not found.");
        }
        store.partitionIndexes.delete(k);
    }

    private static PartitionIndexDescriptor describe(Table table, PartitionIndex index) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (String name : index.keys()) {
            Column key = TableModel.partitionKeys(table).stream()
                    .filter(c -> c.name().equalsIgnoreCase(name))
                    .findFirst()
                    .orElseThrow(() -> GlueErrors.invalidInput("Partition index key " + name
                            + " is not a partition key of table " + table.name() + "."));
            keys.add(KeySchemaElement.builder().name(key.name()).type(key.type()).build());
        }
        return PartitionIndexDescriptor.builder()
                .indexName(index.indexName())
                .keys(keys)
                .indexStatus(PartitionIndexStatus.ACTIVE)
                .build();
    }
}
