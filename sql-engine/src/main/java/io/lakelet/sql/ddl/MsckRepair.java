package io.lakelet.sql.ddl;

import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.core.ports.Catalog.Partition;
import io.lakelet.core.ports.Catalog.Table;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.formats.S3Location;
import io.lakelet.sql.Cancellation;
import io.lakelet.sql.ddl.DdlStatement.Name;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * MSCK REPAIR TABLE: finds Hive-style {@code key=value} folders (nested in partition-key order) under the
 * table's location, adds the partitions the catalog lacks, and prints what Hive prints:
 * {@code Partitions not in metastore:\tt:k=v\tt:k=w} then one {@code Repair: Added partition to metastore t:k=v}
 * line per partition. Folders that do not follow the keys are ignored; nothing is removed.
 */
final class MsckRepair {
    private static final int PAGE = 1000;

    private final CatalogAccess access;
    private final ObjectStore store;

    MsckRepair(CatalogAccess access, ObjectStore store) {
        this.access = access;
        this.store = store;
    }

    List<String> repair(Name name, Cancellation cancellation) {
        Table table = access.table(name);
        if (CatalogAccess.VIRTUAL_VIEW.equals(table.tableType())) {
            throw DdlErrors.semantic(10131, "To alter a view you need to use the ALTER VIEW command.");
        }
        List<Column> keys = table.partitionKeys();
        if (keys.isEmpty()) {
            return List.of();
        }
        String location = CatalogAccess.folder(table.storage().location());
        Set<List<String>> known = new HashSet<>();
        for (Partition p : access.catalog.getPartitions(access.account(), access.region(), table.database(),
                table.name(), null)) {
            known.add(p.values());
        }
        Set<String> missing = new TreeSet<>();
        for (List<String> values : onStorage(S3Location.parse(location), keys, cancellation)) {
            if (!known.contains(values)) {
                missing.add(CatalogAccess.partitionName(keys, values));
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        List<Partition> partitions = new ArrayList<>();
        for (String partitionName : missing) {
            partitions.add(CatalogStatements.partition(table, valuesOf(partitionName), location + partitionName + "/",
                    access.ddlTime()));
        }
        access.catalog.createPartitions(access.account(), access.region(), table.database(), table.name(), partitions,
                true);
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("Partitions not in metastore:");
        missing.forEach(p -> header.append('\t').append(table.name()).append(':').append(p));
        lines.add(header.toString());
        missing.forEach(p -> lines.add("Repair: Added partition to metastore " + table.name() + ":" + p));
        return lines;
    }

    /** The partition values of every folder path under {@code root} that names all the keys in order. */
    private Set<List<String>> onStorage(S3Location root, List<Column> keys, Cancellation cancellation) {
        Set<List<String>> found = new LinkedHashSet<>();
        String after = null;
        do {
            cancellation.check();
            ObjectStore.Listing page = store.list(access.account(), root.bucket(), root.key(), null, after, PAGE);
            for (ObjectStore.ObjectInfo object : page.objects()) {
                List<String> values = values(object.key().substring(root.key().length()), keys);
                if (values != null) {
                    found.add(values);
                }
            }
            after = page.nextStartAfter();
        } while (after != null);
        return found;
    }

    /** The values a relative key's folders give the keys, or null if they do not follow the keys. */
    private static List<String> values(String relative, List<Column> keys) {
        String[] parts = relative.split("/", -1);
        if (parts.length - 1 < keys.size()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0 || !CatalogAccess.unescapePath(parts[i].substring(0, eq)).toLowerCase(Locale.ROOT)
                    .equals(keys.get(i).name())) {
                return null;
            }
            values.add(CatalogAccess.unescapePath(parts[i].substring(eq + 1)));
        }
        return values;
    }

    private static List<String> valuesOf(String partitionName) {
        List<String> values = new ArrayList<>();
        for (String part : partitionName.split("/")) {
            values.add(CatalogAccess.unescapePath(part.substring(part.indexOf('=') + 1)));
        }
        return values;
    }
}
