package io.lakelet.sql.query;

import io.lakelet.core.ports.Catalog;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.formats.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A catalog table whose files live in the object store: its columns are the data columns, then the
 * partition keys, then (when the query names them) the hidden {@code $path} and {@code $file_size}.
 * A scan lists the partitions that survive the filters on partition keys, lists their objects, and reads
 * only the columns asked for. Scans are lazy: nothing is read until the rows are enumerated. Filters are
 * used to prune and left in the list, so Calcite applies them to the rows again.
 */
final class LakeTable extends AbstractTable implements ProjectableFilterableTable {
    private final QueryRun run;
    private final Catalog.Table table;

    LakeTable(QueryRun run, Catalog.Table table) {
        this.run = run;
        this.table = table;
    }

    Catalog.Table definition() {
        return table;
    }

    private List<Catalog.Column> dataColumns() {
        return table.storage() == null ? List.of() : table.storage().columns();
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
        RelDataTypeFactory.Builder b = types.builder();
        for (Catalog.Column c : dataColumns()) {
            b.add(c.name().toLowerCase(Locale.ROOT), HiveTypes.parse(types, c.type()));
        }
        for (Catalog.Column c : table.partitionKeys()) {
            b.add(c.name().toLowerCase(Locale.ROOT), HiveTypes.parse(types, c.type()));
        }
        if (run.hiddenColumns()) {
            b.add("$path", types.createTypeWithNullability(
                    types.createSqlType(SqlTypeName.VARCHAR, Integer.MAX_VALUE), false));
            b.add("$file_size", types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), false));
        }
        return b.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
        JavaTypeFactory types = root.getTypeFactory();
        RelDataType rowType = getRowType(types);
        int width = rowType.getFieldCount();
        int[] cols = projects == null ? ImmutableBitSet.range(width).toArray() : projects.clone();
        List<RexNode> pushed = List.copyOf(filters);
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new Scan(types, rowType, cols, pushed);
            }
        };
    }

    QueryRun run() {
        return run;
    }

    int dataWidth() {
        return dataColumns().size();
    }

    int partitionWidth() {
        return table.partitionKeys().size();
    }

    TableFormat format(RelDataType rowType) {
        return TableFormat.of(table, rowType, dataWidth());
    }

    /** The files of the partitions that survive {@code filters} (over {@code rowType}, this table's row type). */
    List<DataFile> files(JavaTypeFactory types, RelDataType rowType, List<RexNode> filters) {
        int dataWidth = dataWidth();
        int partitionWidth = partitionWidth();
        ImmutableBitSet partitionColumns = ImmutableBitSet.range(dataWidth, dataWidth + partitionWidth);
        PartitionFilter filter = partitionWidth == 0 ? null
                : PartitionFilter.of(types, rowType, filters, partitionColumns);
        List<Split> splits = Partitions.splits(run, table, rowType, dataWidth, filter);
        List<DataFile> out = new ArrayList<>();
        for (Split s : splits) {
            out.addAll(listFiles(s));
        }
        return out;
    }

    private List<DataFile> listFiles(Split split) {
        List<DataFile> out = new ArrayList<>();
        S3Location folder;
        try {
            folder = S3Location.parse(split.location()).asFolder();
        } catch (IllegalArgumentException e) {
            return out;
        }
        if (!run.store().bucketExists(run.account(), folder.bucket())) {
            return out;
        }
        String after = null;
        do {
            ObjectStore.Listing page = run.store().list(run.account(), folder.bucket(), folder.key(), null, after,
                    1000);
            for (ObjectStore.ObjectInfo o : page.objects()) {
                if (visible(folder.key(), o)) {
                    out.add(new DataFile(o.bucket(), o.key(), o.size(), split.values()));
                }
            }
            after = page.nextStartAfter();
        } while (after != null);
        return out;
    }

    /** The rows of every surviving file, one file open at a time. */
    private final class Scan implements Enumerator<Object[]> {
        private final RelDataType rowType;
        private final int[] cols;
        private final int dataWidth;
        private final int partitionWidth;
        private final boolean[] needed;
        private final TableFormat format;
        private final List<RexNode> filters;
        private final JavaTypeFactory types;
        private Iterator<DataFile> files;
        private DataFile file;
        private RowReader reader;
        private Object[] current;
        private long rows;

        Scan(JavaTypeFactory types, RelDataType rowType, int[] cols, List<RexNode> filters) {
            this.types = types;
            this.rowType = rowType;
            this.cols = cols;
            this.filters = filters;
            this.dataWidth = dataColumns().size();
            this.partitionWidth = table.partitionKeys().size();
            this.needed = new boolean[dataWidth];
            for (int c : cols) {
                if (c < dataWidth) {
                    needed[c] = true;
                }
            }
            this.format = TableFormat.of(table, rowType, dataWidth);
        }

        @Override
        public Object[] current() {
            if (current == null) {
                throw new NoSuchElementException();
            }
            return current;
        }

        @Override
        public boolean moveNext() {
            try {
                if (files == null) {
                    files = files(types, rowType, filters).iterator();
                }
                while (true) {
                    if ((++rows & 63) == 0) {
                        run.cancellation().check();
                    }
                    if (reader != null) {
                        Object[] data = reader.next();
                        if (data != null) {
                            current = project(data);
                            return true;
                        }
                        reader.close();
                        reader = null;
                    }
                    if (!files.hasNext()) {
                        current = null;
                        return false;
                    }
                    run.cancellation().check();
                    file = files.next();
                    reader = format.open(run, file, needed, filters);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Object[] project(Object[] data) {
            Object[] out = new Object[cols.length];
            for (int i = 0; i < cols.length; i++) {
                int c = cols[i];
                if (c < dataWidth) {
                    out[i] = data[c];
                } else if (c < dataWidth + partitionWidth) {
                    out[i] = file.partitionValues().get(c - dataWidth);
                } else if (c == dataWidth + partitionWidth) {
                    out[i] = file.path();
                } else {
                    out[i] = file.size();
                }
            }
            return out;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException e) {
                    // Nothing was being written; the rows read so far stand.
                }
                reader = null;
            }
        }
    }

    /** Objects Athena reads: not folder markers, not names starting with _ or . in any folder below. */
    static boolean visible(String prefix, ObjectStore.ObjectInfo o) {
        String key = o.key();
        if (key.endsWith("/") || key.endsWith("_$folder$")) {
            return false;
        }
        String rel = key.substring(Math.min(prefix.length(), key.length()));
        for (String part : rel.split("/")) {
            if (part.startsWith("_") || part.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** One location to read and the partition values its rows carry. */
    record Split(String location, List<Object> values) {
    }
}
