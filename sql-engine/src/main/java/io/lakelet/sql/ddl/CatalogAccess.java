package io.lakelet.sql.ddl;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.ports.Catalog;
import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.core.ports.Catalog.Partition;
import io.lakelet.core.ports.Catalog.Storage;
import io.lakelet.core.ports.Catalog.Table;
import io.lakelet.sql.Session;
import io.lakelet.sql.ddl.DdlStatement.Name;
import io.lakelet.sql.ddl.DdlStatement.PartitionSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog as one statement sees it: scoped to the session's account and region, with names resolved
 * against the session's database, and the lookups every statement starts with.
 */
final class CatalogAccess {
    static final String EXTERNAL_TABLE = "EXTERNAL_TABLE";
    static final String VIRTUAL_VIEW = "VIRTUAL_VIEW";

    final Catalog catalog;
    final Session session;
    final Clock clock;

    CatalogAccess(Catalog catalog, Session session, Clock clock) {
        this.catalog = catalog;
        this.session = session;
        this.clock = clock;
    }

    String account() {
        return session.account();
    }

    String region() {
        return session.region();
    }

    String database(Name name) {
        return name.in(session.database());
    }

    /**
     * Creates the {@code default} database if the catalog has none, as Athena does on first use of an
     * account's catalog (Glue's own description for it).
     */
    void ensureDefaultDatabase() {
        if (!databaseExists(Session.DEFAULT_DATABASE)) {
            try {
                catalog.createDatabase(account(), region(), new Catalog.Database(Session.DEFAULT_DATABASE,
                        "Default Hive database", null, Map.of(), null));
            } catch (AwsException e) {
                if (!e.code().equals("AlreadyExistsException")) {
                    throw e;
                }
            }
        }
    }

    boolean databaseExists(String database) {
        return catalog.getDatabase(account(), region(), database).isPresent();
    }

    /** The table or view, or empty (also when its database does not exist, as Hive's lookups answer). */
    Optional<Table> findTable(Name name) {
        String database = database(name);
        try {
            return catalog.getTable(account(), region(), database, name.name());
        } catch (AwsException e) {
            if (e.code().equals("EntityNotFoundException")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The table or view, failing with Hive's "Table not found" when it is missing. */
    Table table(Name name) {
        return findTable(name).orElseThrow(() -> DdlErrors.tableNotFound(written(name)));
    }

    /** The name as the user wrote it (qualified if it was). */
    static String written(Name name) {
        return name.database() == null ? name.name() : name.database() + "." + name.name();
    }

    /** Hive's {@code transient_lastDdlTime}: seconds since the epoch. */
    String ddlTime() {
        return Long.toString(clock.instant().getEpochSecond());
    }

    /** The table with its parameters replaced (and the DDL time renewed). */
    Table withParameters(Table t, Map<String, String> parameters) {
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put("transient_lastDdlTime", ddlTime());
        return new Table(t.database(), t.name(), t.description(), t.owner(), t.tableType(), t.storage(),
                t.partitionKeys(), p, t.viewOriginalText(), t.viewExpandedText(), null, null, null);
    }

    static Table withStorage(Table t, Storage storage) {
        return new Table(t.database(), t.name(), t.description(), t.owner(), t.tableType(), storage,
                t.partitionKeys(), t.parameters(), t.viewOriginalText(), t.viewExpandedText(), null, null, null);
    }

    static Storage withLocation(Storage s, String location) {
        return new Storage(s.columns(), location, s.inputFormat(), s.outputFormat(), s.serde(), s.compressed(),
                s.parameters());
    }

    static Storage withColumns(Storage s, List<Column> columns) {
        return new Storage(columns, s.location(), s.inputFormat(), s.outputFormat(), s.serde(), s.compressed(),
                s.parameters());
    }

    /**
     * The values of a full partition spec in partition-key order; fails as Hive does when a key is not a
     * partition column or a partition column is missing.
     */
    static List<String> values(Table table, PartitionSpec spec) {
        requireKnownKeys(table, spec);
        if (spec.values().size() != table.partitionKeys().size()) {
            throw DdlErrors.partialSpec(spec.values(), table.partitionKeys().size());
        }
        List<String> values = new ArrayList<>();
        for (Column key : table.partitionKeys()) {
            values.add(spec.values().get(key.name()));
        }
        return values;
    }

    static void requireKnownKeys(Table table, PartitionSpec spec) {
        for (String key : spec.values().keySet()) {
            if (table.partitionKeys().stream().noneMatch(c -> c.name().equals(key))) {
                throw DdlErrors.semantic(10098, "Non-Partition column appears in the partition specification:  " + key);
            }
        }
    }

    /** Partitions matching a (possibly partial) spec. */
    List<Partition> matching(Table table, PartitionSpec spec) {
        requireKnownKeys(table, spec);
        List<Partition> out = new ArrayList<>();
        for (Partition p : catalog.getPartitions(account(), region(), table.database(), table.name(), null)) {
            boolean match = true;
            for (int i = 0; i < table.partitionKeys().size(); i++) {
                String wanted = spec.values().get(table.partitionKeys().get(i).name());
                if (wanted != null && !wanted.equals(p.values().get(i))) {
                    match = false;
                }
            }
            if (match) {
                out.add(p);
            }
        }
        return out;
    }

    /** {@code k1=v1/k2=v2} with Hive's path escaping, as partition folders and SHOW PARTITIONS name them. */
    static String partitionName(List<Column> keys, List<String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(escapePath(keys.get(i).name())).append('=').append(escapePath(values.get(i)));
        }
        return out.toString();
    }

    /** Hive's FileUtils.escapePathName: control characters and the characters Hive reserves, as %XX. */
    static String escapePath(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < ' ' || c == 0x7F || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Hive's FileUtils.unescapePathName. */
    static String unescapePath(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                try {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: keep the '%'
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A folder location with its trailing slash. */
    static String folder(String location) {
        return location.endsWith("/") ? location : location + "/";
    }
}
