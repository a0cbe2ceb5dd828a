package io.lakelet.sql.query;

import io.lakelet.core.ports.Catalog;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/** The locations a scan reads: the table's own, or each partition's that survives the filters. */
final class Partitions {
    private Partitions() {
    }

    static List<LakeTable.Split> splits(QueryRun run, Catalog.Table table, RelDataType rowType, int dataWidth,
                                        PartitionFilter filter) {
        List<LakeTable.Split> out = new ArrayList<>();
        List<Catalog.Column> keys = table.partitionKeys();
        if (keys.isEmpty()) {
            out.add(new LakeTable.Split(table.storage().location(), List.of()));
            return out;
        }
        if ("true".equalsIgnoreCase(table.parameters().get("projection.enabled"))) {
            return PartitionProjection.splits(table, rowType, dataWidth, filter);
        }
        List<Catalog.Partition> partitions = run.catalog().getPartitions(run.account(), run.region(),
                table.database(), table.name(), null);
        for (Catalog.Partition p : partitions) {
            List<Object> values = new ArrayList<>();
            Object[] record = new Object[rowType.getFieldCount()];
            for (int i = 0; i < keys.size(); i++) {
                String text = i < p.values().size() ? p.values().get(i) : null;
                Object v = text == null || text.equals("__HIVE_DEFAULT_PARTITION__") ? null
                        : Cells.fromText(text, rowType.getFieldList().get(dataWidth + i).getType());
                values.add(v);
                record[dataWidth + i] = v;
            }
            if (filter != null && !filter.accepts(record)) {
                continue;
            }
            String location = p.storage() != null && p.storage().location() != null ? p.storage().location()
                    : table.storage().location() + (table.storage().location().endsWith("/") ? "" : "/")
                    + hivePath(keys, p.values());
            out.add(new LakeTable.Split(location, values));
        }
        return out;
    }

    static String hivePath(List<Catalog.Column> keys, List<String> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            b.append(keys.get(i).name()).append('=').append(values.get(i)).append('/');
        }
        return b.toString();
    }
}
