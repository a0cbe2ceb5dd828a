package io.lakelet.glue.catalog;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.StoredSdk;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.DataLakePrincipal;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.Permission;
import software.amazon.awssdk.services.glue.model.PrincipalPermissions;

/**
 * Databases of the catalog. Deleting one deletes everything under it (tables, their versions,
 * partitions, indexes, statistics, functions, tags) in one atomic batch, as Glue does.
 */
public final class Databases {
    private static final List<PrincipalPermissions> DEFAULT_PERMISSIONS = List.of(PrincipalPermissions.builder()
            .principal(DataLakePrincipal.builder().dataLakePrincipalIdentifier("IAM_ALLOWED_PRINCIPALS").build())
            .permissions(Permission.ALL)
            .build());

    private final CatalogStore store;
    private final Tags tags;

    public Databases(CatalogStore store, Tags tags) {
        this.store = store;
        this.tags = tags;
    }

    public static byte[] key(Scope scope, String name) {
        return scope.key().add(name).build();
    }

    public Database create(Scope scope, DatabaseInput input, Map<String, String> tagsToAdd) {
        String name = Names.fold(input.name());
        return store.write(() -> {
            if (store.databases.contains(key(scope, name))) {
                throw GlueErrors.alreadyExists("Database");
            }
            byte[] counter = store.counterKey(scope, "databases");
            if (store.count(counter) >= store.limits().databases()) {
                throw GlueErrors.limitExceeded("The number of databases has reached the limit of "
                        + store.limits().databases() + ".");
            }
            Database db = Database.builder()
                    .name(name)
                    .description(input.description())
                    .locationUri(input.locationUri())
                    .parameters(input.hasParameters() ? input.parameters() : Map.of())
                    .createTime(store.clock().instant())
                    .createTableDefaultPermissions(input.hasCreateTableDefaultPermissions()
                            ? input.createTableDefaultPermissions() : DEFAULT_PERMISSIONS)
                    .targetDatabase(input.targetDatabase())
                    .federatedDatabase(input.federatedDatabase())
                    .catalogId(scope.account())
                    .build();
            try (Batch batch = store.batch()) {
                batch.put(store.databases, key(scope, name), StoredSdk.write(db));
                store.addCount(batch, counter, 1);
                if (tagsToAdd != null && !tagsToAdd.isEmpty()) {
                    tags.put(batch, scope, arn(scope, name), tagsToAdd);
                }
                batch.commit();
            }
            return db;
        });
    }

    public Database get(Scope scope, String name) {
        byte[] v = store.databases.get(key(scope, Names.fold(name)));
        if (v == null) {
            throw GlueErrors.databaseNotFound(Names.fold(name));
        }
        return StoredSdk.read(v, Database.class);
    }

    public boolean exists(Scope scope, String name) {
        return store.databases.contains(key(scope, Names.fold(name)));
    }

    public Paging.Page<Database> list(Scope scope, String token, int max) {
        return Paging.page(store.databases, scope.key().build(), token, max,
                v -> StoredSdk.read(v, Database.class), d -> true);
    }

    public Database update(Scope scope, String name, DatabaseInput input) {
        return store.write(() -> {
            Database current = get(scope, name);
            Database updated = current.toBuilder()
                    .description(input.description())
                    .locationUri(input.locationUri())
                    .parameters(input.hasParameters() ? input.parameters() : Map.of())
                    .createTableDefaultPermissions(input.hasCreateTableDefaultPermissions()
                            ? input.createTableDefaultPermissions() : current.createTableDefaultPermissions())
                    .targetDatabase(input.targetDatabase())
                    .federatedDatabase(input.federatedDatabase())
                    .build();
            store.databases.put(key(scope, current.name()), StoredSdk.write(updated));
            return updated;
        });
    }

    public void delete(Scope scope, String name) {
        store.write(() -> {
            String db = get(scope, name).name();
            byte[] under = key(scope, db);
            try (Batch batch = store.batch()) {
                batch.delete(store.databases, under);
                for (var ks : List.of(store.tables, store.tableVersions, store.partitions, store.partitionIndexes,
                        store.tableStatistics, store.partitionStatistics, store.functions)) {
                    batch.deletePrefix(ks, under);
                }
                for (String kind : List.of("tables", "functions", "partitions", "versions")) {
                    store.deleteCounters(batch, store.counterKey(scope, kind, db));
                }
                store.addCount(batch, store.counterKey(scope, "databases"), -1);
                tags.deleteAll(batch, scope, arn(scope, db));
                tags.deleteUnder(batch, scope, scope.arn("table/" + db + "/"));
                tags.deleteUnder(batch, scope, scope.arn("userDefinedFunction/" + db + "/"));
                batch.commit();
            }
        });
    }

    public static String arn(Scope scope, String db) {
        return scope.arn("database/" + db);
    }
}
