package io.lakelet.athena;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import io.lakelet.core.storage.StoredSdk;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Athena's keyspaces. Values are the SDK model objects Athena answers with (QueryExecution, WorkGroup,
 * NamedQuery...), stored as Athena's JSON. Every key starts with the account and region; executions are
 * also indexed by work group, newest first, for ListQueryExecutions.
 */
public final class AthenaStore {
    private final Storage storage;
    private final Keyspace executions;
    private final Keyspace executionIndex;
    private final Keyspace results;
    private final Keyspace statistics;
    private final Keyspace tokens;
    private final Keyspace workGroups;
    private final Keyspace namedQueries;
    private final Keyspace preparedStatements;
    private final Keyspace dataCatalogs;
    private final Keyspace tags;

    public AthenaStore(Storage storage) {
        this.storage = storage;
        this.executions = storage.keyspace("athena.executions");
        this.executionIndex = storage.keyspace("athena.execution-index");
        this.results = storage.keyspace("athena.results");
        this.statistics = storage.keyspace("athena.statistics");
        this.tokens = storage.keyspace("athena.tokens");
        this.workGroups = storage.keyspace("athena.workgroups");
        this.namedQueries = storage.keyspace("athena.named-queries");
        this.preparedStatements = storage.keyspace("athena.prepared-statements");
        this.dataCatalogs = storage.keyspace("athena.data-catalogs");
        this.tags = storage.keyspace("athena.tags");
    }

    public Keyspace executions() {
        return executions;
    }

    public Keyspace executionIndex() {
        return executionIndex;
    }

    public Keyspace results() {
        return results;
    }

    public Keyspace statistics() {
        return statistics;
    }

    public Keyspace tokens() {
        return tokens;
    }

    public Keyspace workGroups() {
        return workGroups;
    }

    public Keyspace namedQueries() {
        return namedQueries;
    }

    public Keyspace preparedStatements() {
        return preparedStatements;
    }

    public Keyspace dataCatalogs() {
        return dataCatalogs;
    }

    public Keyspace tags() {
        return tags;
    }

    /**
     * Deletes a work group; with {@code recursive}, also its named queries and prepared statements,
     * otherwise fails if it has any, as Athena does.
     */
    public void deleteWorkGroup(Scope scope, String name, boolean recursive) {
        byte[] group = key(scope, name);
        boolean empty = !any(namedQueries, group) && !any(preparedStatements, group);
        if (!empty && !recursive) {
            throw io.lakelet.athena.AthenaErrors.invalidRequest("WorkGroup " + name
                    + " is not empty. Delete its named queries and prepared statements, or set RecursiveDeleteOption.");
        }
        try (Batch b = storage.batch()) {
            b.delete(workGroups, group).deletePrefix(namedQueries, group).deletePrefix(preparedStatements, group);
            b.commit();
        }
    }

    public static boolean any(Keyspace ks, byte[] prefix) {
        try (Scan scan = ks.scan(prefix)) {
            return scan.hasNext();
        }
    }

    public Batch batch() {
        return storage.batch();
    }

    public static byte[] key(Scope scope, String... parts) {
        Keys k = Keys.scoped(scope.account(), scope.region());
        for (String p : parts) {
            k.add(p);
        }
        return k.build();
    }

    public static <T extends SdkPojo> Optional<T> get(Keyspace ks, byte[] key, Class<T> type) {
        byte[] v = ks.get(key);
        return v == null ? Optional.empty() : Optional.of(StoredSdk.read(v, type));
    }

    public static void put(Keyspace ks, byte[] key, SdkPojo value) {
        ks.put(key, StoredSdk.write(value));
    }

    /** Every value under {@code prefix}, in key order, decoded. */
    public static <T extends SdkPojo> List<T> list(Keyspace ks, byte[] prefix, Class<T> type) {
        return list(ks, prefix, bytes -> StoredSdk.read(bytes, type));
    }

    public static <T> List<T> list(Keyspace ks, byte[] prefix, Function<byte[], T> decode) {
        List<T> out = new ArrayList<>();
        try (Scan scan = ks.scan(prefix)) {
            for (Scan.Entry e : scan) {
                out.add(decode.apply(e.value()));
            }
        }
        return out;
    }
}
