package io.lakelet.s3.store;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks that serialise writers of one object key, so that reading the previous version and
 * committing the next one cannot interleave with another writer of the same key. Readers never lock.
 */
public final class KeyLocks {
    private final ReentrantLock[] stripes = new ReentrantLock[256];

    public KeyLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public ReentrantLock lockFor(String bucket, String key) {
        int h = (bucket.hashCode() * 31 + key.hashCode()) & 0x7FFFFFFF;
        ReentrantLock lock = stripes[h % stripes.length];
        lock.lock();
        return lock;
    }
}
