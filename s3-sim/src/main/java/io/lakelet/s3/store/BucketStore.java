package io.lakelet.s3.store;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Buckets by name. Bucket names are global in S3 (one namespace across accounts and regions), so the key
 * is the name alone and the owner account is part of the record.
 */
public final class BucketStore {
    private final Keyspace buckets;

    public BucketStore(Storage storage) {
        this.buckets = storage.keyspace("s3.buckets");
    }

    public Optional<BucketMeta> get(String name) {
        byte[] v = buckets.get(key(name));
        return v == null ? Optional.empty() : Optional.of(Json.readMemo(v, BucketMeta.class));
    }

    public void put(BucketMeta bucket) {
        buckets.put(key(bucket.name()), Json.write(bucket));
    }

    public void delete(Batch batch, String name) {
        batch.delete(buckets, key(name));
    }

    /** The buckets of one account, by name. */
    public List<BucketMeta> list(String account) {
        List<BucketMeta> out = new ArrayList<>();
        try (Scan scan = buckets.scan(new byte[0])) {
            for (Scan.Entry e : scan) {
                BucketMeta b = Json.read(e.value(), BucketMeta.class);
                if (b.account().equals(account)) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    /** Every bucket of every account. */
    public List<BucketMeta> all() {
        List<BucketMeta> out = new ArrayList<>();
        try (Scan scan = buckets.scan(new byte[0])) {
            for (Scan.Entry e : scan) {
                out.add(Json.read(e.value(), BucketMeta.class));
            }
        }
        return out;
    }

    private static byte[] key(String name) {
        return Keys.builder().add(name).build();
    }
}
