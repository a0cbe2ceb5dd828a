package io.lakelet.kinesis.model;

import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Storage;
import java.nio.charset.StandardCharsets;

/**
 * Account-level Kinesis settings per account and region: the minimum throughput billing commitment
 * (whether it is on, when it started and ended, and the earliest time it may end).
 */
public final class AccountSettings {
    public static final String KEYSPACE = "kinesis.accounts";

    private final Keyspace keyspace;

    public AccountSettings(Storage storage) {
        this.keyspace = storage.keyspace(KEYSPACE);
    }

    /** The stored commitment; {@code startedMillis} etc. are -1 when unset. */
    public record Commitment(boolean enabled, long startedMillis, long endedMillis, long earliestEndMillis) {
        public static final Commitment NONE = new Commitment(false, -1, -1, -1);
    }

    public Commitment commitment(String account, String region) {
        byte[] v = keyspace.get(key(account, region));
        if (v == null) {
            return Commitment.NONE;
        }
        String[] f = new String(v, StandardCharsets.UTF_8).split(",");
        return new Commitment(Boolean.parseBoolean(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3]));
    }

    public void store(String account, String region, Commitment c) {
        String v = c.enabled() + "," + c.startedMillis() + "," + c.endedMillis() + "," + c.earliestEndMillis();
        keyspace.put(key(account, region), v.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] key(String account, String region) {
        return Keys.scoped(account, region).build();
    }
}
