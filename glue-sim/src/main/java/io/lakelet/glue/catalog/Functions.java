package io.lakelet.glue.catalog;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.StoredSdk;
import java.time.Instant;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;
import software.amazon.awssdk.services.glue.model.UserDefinedFunctionInput;

/** User-defined functions of a database, keyed by database and function name. */
public final class Functions {
    private final CatalogStore store;
    private final Databases databases;
    private final Tags tags;

    public Functions(CatalogStore store, Databases databases, Tags tags) {
        this.store = store;
        this.databases = databases;
        this.tags = tags;
    }

    private static byte[] key(Scope scope, String db, String name) {
        return scope.key().add(db).add(name).build();
    }

    public static String arn(Scope scope, String db, String name) {
        return scope.arn("userDefinedFunction/" + db + "/" + name);
    }

    public UserDefinedFunction create(Scope scope, String database, UserDefinedFunctionInput in) {
        return store.write(() -> {
            String db = databases.get(scope, database).name();
            if (store.functions.contains(key(scope, db, in.functionName()))) {
                throw GlueErrors.alreadyExists("Function");
            }
            byte[] counter = store.counterKey(scope, "functions", db);
            if (store.count(counter) >= store.limits().functionsPerDatabase()) {
                throw GlueErrors.limitExceeded("The number of functions in database " + db
                        + " has reached the limit of " + store.limits().functionsPerDatabase() + ".");
            }
            UserDefinedFunction fn = build(scope, db, in, store.clock().instant());
            try (Batch batch = store.batch()) {
                batch.put(store.functions, key(scope, db, fn.functionName()), StoredSdk.write(fn));
                store.addCount(batch, counter, 1);
                batch.commit();
            }
            return fn;
        });
    }

    public UserDefinedFunction get(Scope scope, String database, String name) {
        String db = databases.get(scope, database).name();
        byte[] v = store.functions.get(key(scope, db, name));
        if (v == null) {
            throw GlueErrors.notFound("Function " + name + " not found.");
        }
        return StoredSdk.read(v, UserDefinedFunction.class);
    }

    /**
     * Functions whose names match {@code pattern} and of {@code functionType} (null: any), in one database
     * or (database null) in all of them.
     */
    public Paging.Page<UserDefinedFunction> list(Scope scope, String database, String pattern, String functionType,
                                                 String token, int max) {
        byte[] prefix = scope.key().build();
        if (database != null) {
            prefix = Databases.key(scope, databases.get(scope, database).name());
        }
        Pattern p = Tables.namePattern(pattern);
        return Paging.page(store.functions, prefix, token, max, v -> StoredSdk.read(v, UserDefinedFunction.class),
                f -> p.matcher(f.functionName()).matches()
                        && (functionType == null || functionType.equals(f.functionTypeAsString())));
    }

    public UserDefinedFunction update(Scope scope, String database, String name, UserDefinedFunctionInput in) {
        return store.write(() -> {
            UserDefinedFunction current = get(scope, database, name);
            UserDefinedFunction updated = build(scope, current.databaseName(),
                    in.toBuilder().functionName(current.functionName()).build(), current.createTime());
            store.functions.put(key(scope, current.databaseName(), current.functionName()), StoredSdk.write(updated));
            return updated;
        });
    }

    public void delete(Scope scope, String database, String name) {
        store.write(() -> {
            UserDefinedFunction fn = get(scope, database, name);
            try (Batch batch = store.batch()) {
                batch.delete(store.functions, key(scope, fn.databaseName(), fn.functionName()));
                store.addCount(batch, store.counterKey(scope, "functions", fn.databaseName()), -1);
                tags.deleteAll(batch, scope, arn(scope, fn.databaseName(), fn.functionName()));
                batch.commit();
            }
        });
    }

    private static UserDefinedFunction build(Scope scope, String db, UserDefinedFunctionInput in,
                                             Instant created) {
        return UserDefinedFunction.builder()
                .functionName(in.functionName())
                .databaseName(db)
                .className(in.className())
                .ownerName(in.ownerName())
                .ownerType(in.ownerTypeAsString())
                .functionType(in.functionTypeAsString())
                .resourceUris(in.resourceUris())
                .createTime(created)
                .catalogId(scope.account())
                .build();
    }
}
