package io.lakelet.glue.catalog;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.StoredSdk;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.GetConnectionsFilter;

/** Connections of a catalog (JDBC and the other types Glue names), keyed by name. */
public final class Connections {
    private static final Set<String> SECRET_PROPERTIES = Set.of("PASSWORD", "ENCRYPTED_PASSWORD");

    private final CatalogStore store;
    private final Tags tags;

    public Connections(CatalogStore store, Tags tags) {
        this.store = store;
        this.tags = tags;
    }

    private static byte[] key(Scope scope, String name) {
        return scope.key().add(name).build();
    }

    public static String arn(Scope scope, String name) {
        return scope.arn("connection/" + name);
    }

    public Connection create(Scope scope, ConnectionInput in, Map<String, String> tagsToAdd) {
        return store.write(() -> {
            if (store.connections.contains(key(scope, in.name()))) {
                throw GlueErrors.alreadyExists("Connection");
            }
            byte[] counter = store.counterKey(scope, "connections");
            if (store.count(counter) >= store.limits().connections()) {
                throw GlueErrors.limitExceeded("The number of connections has reached the limit of "
                        + store.limits().connections() + ".");
            }
            Instant now = store.clock().instant();
            Connection c = build(scope, in, now, now);
            try (Batch batch = store.batch()) {
                batch.put(store.connections, key(scope, c.name()), StoredSdk.write(c));
                store.addCount(batch, counter, 1);
                if (tagsToAdd != null && !tagsToAdd.isEmpty()) {
                    tags.put(batch, scope, arn(scope, c.name()), tagsToAdd);
                }
                batch.commit();
            }
            return c;
        });
    }

    public Connection get(Scope scope, String name, boolean hidePassword) {
        byte[] v = store.connections.get(key(scope, name));
        if (v == null) {
            throw GlueErrors.notFound("Connection " + name + " not found.");
        }
        Connection c = StoredSdk.read(v, Connection.class);
        return hidePassword ? withoutSecrets(c) : c;
    }

    public Paging.Page<Connection> list(Scope scope, GetConnectionsFilter filter, boolean hidePassword, String token,
                                        int max) {
        Paging.Page<Connection> page = Paging.page(store.connections, scope.key().build(), token, max,
                v -> StoredSdk.read(v, Connection.class), c -> matches(filter, c));
        if (!hidePassword) {
            return page;
        }
        return new Paging.Page<>(page.items().stream().map(Connections::withoutSecrets).toList(), page.nextToken());
    }

    /** Replaces a connection; a new name in the input renames it. */
    public void update(Scope scope, String name, ConnectionInput in) {
        store.write(() -> {
            Connection current = get(scope, name, false);
            boolean renamed = !in.name().equals(current.name());
            if (renamed && store.connections.contains(key(scope, in.name()))) {
                throw GlueErrors.alreadyExists("Connection");
            }
            Connection updated = build(scope, in, current.creationTime(), store.clock().instant());
            try (Batch batch = store.batch()) {
                if (renamed) {
                    batch.delete(store.connections, key(scope, current.name()));
                    tags.deleteAll(batch, scope, arn(scope, current.name()));
                }
                batch.put(store.connections, key(scope, updated.name()), StoredSdk.write(updated));
                batch.commit();
            }
        });
    }

    public void delete(Scope scope, String name) {
        store.write(() -> {
            get(scope, name, false);
            try (Batch batch = store.batch()) {
                batch.delete(store.connections, key(scope, name));
                store.addCount(batch, store.counterKey(scope, "connections"), -1);
                tags.deleteAll(batch, scope, arn(scope, name));
                batch.commit();
            }
        });
    }

    private static boolean matches(GetConnectionsFilter filter, Connection c) {
        if (filter == null) {
            return true;
        }
        if (filter.connectionTypeAsString() != null
                && !filter.connectionTypeAsString().equals(c.connectionTypeAsString())) {
            return false;
        }
        return !filter.hasMatchCriteria()
                || c.hasMatchCriteria() && c.matchCriteria().containsAll(filter.matchCriteria());
    }

    private static Connection build(Scope scope, ConnectionInput in, Instant created, Instant updated) {
        return Connection.builder()
                .name(in.name())
                .description(in.description())
                .connectionType(in.connectionTypeAsString())
                .matchCriteria(in.matchCriteria())
                .connectionPropertiesWithStrings(in.connectionPropertiesAsStrings())
                .sparkProperties(in.sparkProperties())
                .athenaProperties(in.athenaProperties())
                .pythonProperties(in.pythonProperties())
                .physicalConnectionRequirements(in.physicalConnectionRequirements())
                .creationTime(created)
                .lastUpdatedTime(updated)
                .lastUpdatedBy("arn:aws:iam::" + scope.account() + ":root")
                .build();
    }

    private static Connection withoutSecrets(Connection c) {
        Map<String, String> props = new LinkedHashMap<>(c.connectionPropertiesAsStrings());
        props.keySet().removeAll(SECRET_PROPERTIES);
        return c.toBuilder().connectionPropertiesWithStrings(props).build();
    }
}
