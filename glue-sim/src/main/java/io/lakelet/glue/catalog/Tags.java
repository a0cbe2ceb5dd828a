package io.lakelet.glue.catalog;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.StoredSdk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.glue.model.GetTagsResponse;

/**
 * Tags of catalog resources, keyed by the resource's ARN. Deleting a resource deletes its tags in the
 * same batch.
 */
public final class Tags {
    private final CatalogStore store;

    public Tags(CatalogStore store) {
        this.store = store;
    }

    private static byte[] key(Scope scope, String arn) {
        return scope.key().add(arn).build();
    }

    public Map<String, String> get(Scope scope, String arn) {
        byte[] v = store.tags.get(key(scope, arn));
        return v == null ? Map.of() : new TreeMap<>(StoredSdk.read(v, GetTagsResponse.class).tags());
    }

    /** Adds tags to those the resource has, inside the caller's batch. */
    public void put(Batch batch, Scope scope, String arn, Map<String, String> add) {
        Map<String, String> merged = new LinkedHashMap<>(get(scope, arn));
        merged.putAll(add);
        batch.put(store.tags, key(scope, arn), StoredSdk.write(GetTagsResponse.builder().tags(merged).build()));
    }

    public void remove(Batch batch, Scope scope, String arn, List<String> keys) {
        Map<String, String> left = new LinkedHashMap<>(get(scope, arn));
        keys.forEach(left::remove);
        if (left.isEmpty()) {
            batch.delete(store.tags, key(scope, arn));
        } else {
            batch.put(store.tags, key(scope, arn), StoredSdk.write(GetTagsResponse.builder().tags(left).build()));
        }
    }

    public void deleteAll(Batch batch, Scope scope, String arn) {
        batch.delete(store.tags, key(scope, arn));
    }

    /** Deletes the tags of every resource whose ARN starts with {@code arnPrefix}. */
    public void deleteUnder(Batch batch, Scope scope, String arnPrefix) {
        batch.deletePrefix(store.tags, scope.key().addOpen(arnPrefix).build());
    }
}
