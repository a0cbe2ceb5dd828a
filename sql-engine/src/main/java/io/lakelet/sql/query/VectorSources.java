package io.lakelet.sql.query;

import io.lakelet.formats.parquet.ObjectStoreInputFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A data file as batches of column vectors. Parquet columns whose physical type maps straight onto the
 * table's type are decoded a page at a time by {@link ParquetColumnCursor}, with no row objects; any other
 * file (text, JSON, or Parquet needing a conversion) goes through its {@link RowReader} and the rows are
 * copied into the vectors. Partition keys and {@code $path}/{@code $file_size} are constants of the file.
 */
final class VectorSources {
    /** Where the batches of a file go. */
    interface Sink {
        /** One batch; its vectors are reused for the next. */
        void accept(VectorExprs.Batch batch);

        /** The values handed out so far may point into pages that are about to be released. */
        void endOfSource();
    }

    private final QueryRun run;
    private final TableFormat format;
    private final int dataWidth;
    private final int partitionWidth;
    /** The table columns the query uses (data, partition and hidden), as indexes of the table's row type. */
    private final int[] used;
    private final boolean[] neededData;
    private final List<RexNode> filters;

    VectorSources(QueryRun run, TableFormat format, int dataWidth, int partitionWidth, int[] used,
                  List<RexNode> filters) {
        this.run = run;
        this.format = format;
        this.dataWidth = dataWidth;
        this.partitionWidth = partitionWidth;
        this.used = used;
        this.filters = filters;
        this.neededData = new boolean[dataWidth];
        for (int c : used) {
            if (c < dataWidth) {
                neededData[c] = true;
            }
        }
    }

    /** A batch with a vector for each used column, in the kinds of {@code rowType}'s fields. */
    VectorExprs.Batch newBatch(RelDataType rowType) {
        Vec[] columns = new Vec[rowType.getFieldCount()];
        for (int c : used) {
            RelDataType t = rowType.getFieldList().get(c).getType();
            columns[c] = new Vec(VectorExprs.kindOf(t), VectorExprs.scaleOf(t));
        }
        return new VectorExprs.Batch(columns);
    }

    /**
     * Reads {@code file} into {@code batch}, handing each filled batch to {@code sink}; {@code buffers} are the
     * calling thread's (one per thread and query).
     */
    void read(DataFile file, VectorExprs.Batch batch, ScanBuffers buffers, Sink sink) throws IOException {
        if (format.kind() == TableFormat.Kind.PARQUET && readParquet(file, batch, buffers, sink)) {
            return;
        }
        try (RowReader rows = format.open(run, file, neededData, filters)) {
            int n = 0;
            resetData(batch);
            for (Object[] row = rows.next(); row != null; row = rows.next()) {
                for (int c : used) {
                    if (c < dataWidth) {
                        put(batch.columns[c], n, row[c]);
                    }
                }
                if (++n == Vec.BATCH) {
                    emit(file, batch, n, sink);
                    n = 0;
                    resetData(batch);
                }
            }
            if (n > 0) {
                emit(file, batch, n, sink);
            }
            sink.endOfSource();
        }
    }

    private void resetData(VectorExprs.Batch batch) {
        for (int c : used) {
            if (c < dataWidth) {
                batch.columns[c].reset();
                batch.loaded[c] = true;
            }
        }
    }

    private void emit(DataFile file, VectorExprs.Batch batch, int n, Sink sink) {
        run.cancellation().check();
        for (int c : used) {
            if (c >= dataWidth) {
                Vec v = batch.columns[c];
                v.reset();
                batch.loaded[c] = true;
                Object value = c < dataWidth + partitionWidth ? file.partitionValues().get(c - dataWidth)
                        : c == dataWidth + partitionWidth ? file.path() : (Object) file.size();
                for (int i = 0; i < n; i++) {
                    put(v, i, value);
                }
            }
        }
        batch.rows = n;
        sink.accept(batch);
    }

    /** A value in Calcite's internal form (as the row readers give them) into row {@code i} of {@code v}. */
    static void put(Vec v, int i, Object value) {
        if (value == null) {
            v.setNull(i);
            return;
        }
        switch (v.kind) {
            case LONG -> v.longs[i] = value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue();
            case DOUBLE -> v.doubles[i] = ((Number) value).doubleValue();
            case DECIMAL -> v.setDecimal(i, value instanceof BigDecimal d ? d : new BigDecimal(value.toString()), i);
            case STRING -> v.objects[i] = value.toString();
        }
    }

    /** Reads the file column by column; answers false (having read only its footer) when it cannot. */
    private boolean readParquet(DataFile file, VectorExprs.Batch batch, ScanBuffers buffers, Sink sink)
            throws IOException {
        ObjectStoreInputFile input = new ObjectStoreInputFile(run.store(), run.account(), file.bucket(), file.key(),
                file.size(), run.bytesScanned());
        try (ParquetFileReader reader = ParquetFileReader.open(input, PageCodecs.readOptions(buffers))) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            Map<String, Type> byName = new HashMap<>();
            for (Type t : fileSchema.getFields()) {
                byName.putIfAbsent(t.getName().toLowerCase(Locale.ROOT), t);
            }
            List<Type> fields = new ArrayList<>();
            long[] divisors = new long[dataWidth];
            Type[] fileFields = new Type[dataWidth];
            for (int c = 0; c < dataWidth; c++) {
                Type field = neededData[c] ? byName.get(format.names().get(c)) : null;
                if (field == null) {
                    continue;
                }
                divisors[c] = divisor(field, format.columns().get(c));
                if (divisors[c] == 0) {
                    return false;
                }
                fileFields[c] = field;
                fields.add(field);
            }
            MessageType requested = new MessageType(fileSchema.getName(), fields);
            reader.setRequestedSchema(requested);
            for (int group : ParquetRows.rowGroups(reader, filters, format.names(), format.columns())) {
                try (PageReadStore pages = reader.readRowGroup(group)) {
                    readRowGroup(file, pages, requested, fileFields, divisors, batch, buffers, sink);
                }
            }
            return true;
        }
    }

    /**
     * Hands out a row group's rows in batches. Closing {@code pages} afterwards gives its column-chunk buffers
     * back to {@code buffers}: the sink has been told at {@link Sink#endOfSource} that they go.
     */
    private void readRowGroup(DataFile file, PageReadStore pages, MessageType requested, Type[] fileFields,
                              long[] divisors, VectorExprs.Batch batch, ScanBuffers buffers, Sink sink) {
        ParquetColumnCursor[] cursors = new ParquetColumnCursor[dataWidth];
        for (int c = 0; c < dataWidth; c++) {
            if (fileFields[c] != null) {
                ColumnDescriptor d = requested.getColumnDescription(new String[] {fileFields[c].getName()});
                cursors[c] = new ParquetColumnCursor(pages.getPageReader(d), d, divisors[c], buffers);
            }
        }
        long remaining = pages.getRowCount();
        int[] rows = new int[1];
        // A column is read when an expression first needs it, for the rows selected by then.
        batch.loader = (c, v, sel, m) -> cursors[c].load(v, rows[0], sel, m);
        while (remaining > 0) {
            int n = (int) Math.min(Vec.BATCH, remaining);
            rows[0] = n;
            for (int c : used) {
                if (c >= dataWidth) {
                    continue;
                }
                Vec v = batch.columns[c];
                v.reset();
                batch.loaded[c] = cursors[c] == null;
                if (cursors[c] == null) {
                    for (int i = 0; i < n; i++) {
                        v.setNull(i);
                    }
                }
            }
            emit(file, batch, n, sink);
            for (int c : used) {
                if (c < dataWidth && !batch.loaded[c]) {
                    cursors[c].skip(n);
                }
            }
            remaining -= n;
        }
        batch.loader = null;
        sink.endOfSource();
    }

    /**
     * For a top-level Parquet column read into a table column of type {@code sql} with no conversion beyond
     * widening: what its INT64 values are divided by (timestamps to milliseconds), else 1; 0 when the column
     * needs a conversion the row reader makes.
     */
    private static long divisor(Type field, RelDataType sql) {
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
            return 0;
        }
        PrimitiveType p = field.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        SqlTypeName t = sql.getSqlTypeName();
        boolean plainInt = logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                && i.isSigned();
        boolean decimal = logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d
                && t == SqlTypeName.DECIMAL && d.getScale() == sql.getScale();
        boolean ok = switch (p.getPrimitiveTypeName()) {
            case INT32 -> decimal || (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                    ? t == SqlTypeName.DATE : plainInt && (t == SqlTypeName.INTEGER || t == SqlTypeName.BIGINT));
            case INT64 -> decimal || logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation
                    && t == SqlTypeName.TIMESTAMP || plainInt && t == SqlTypeName.BIGINT;
            case DOUBLE -> t == SqlTypeName.DOUBLE;
            case FLOAT -> t == SqlTypeName.DOUBLE || t == SqlTypeName.REAL;
            case BOOLEAN -> t == SqlTypeName.BOOLEAN;
            case BINARY -> t == SqlTypeName.VARCHAR && (logical == null
                    || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation);
            default -> false;
        };
        if (!ok) {
            return 0;
        }
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
            return switch (ts.getUnit()) {
                case MILLIS -> 1L;
                case MICROS -> 1_000L;
                case NANOS -> 1_000_000L;
            };
        }
        return 1;
    }
}
