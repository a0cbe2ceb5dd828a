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
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A data file as batches of column vectors. Parquet columns whose physical type maps straight onto the
 * table's type are decoded by parquet-java's column readers into the vectors, with no row objects; any other
 * file (text, JSON, or Parquet needing a conversion) goes through its {@link RowReader} and the rows are
 * copied into the vectors. Partition keys and {@code $path}/{@code $file_size} are constants of the file.
 */
final class VectorSources {
    private static final PrimitiveConverter IGNORED = new PrimitiveConverter() {
    };
    private static final GroupConverter FLAT = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
            return IGNORED;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    };

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

    /** Reads {@code file} into {@code batch}, handing each filled batch to {@code sink}. */
    void read(DataFile file, VectorExprs.Batch batch, Sink sink) throws IOException {
        if (format.kind() == TableFormat.Kind.PARQUET && readParquet(file, batch, sink)) {
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
            }
        }
    }

    private void emit(DataFile file, VectorExprs.Batch batch, int n, Sink sink) {
        run.cancellation().check();
        for (int c : used) {
            if (c >= dataWidth) {
                Vec v = batch.columns[c];
                v.reset();
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

    /** Reads the file with column readers; answers false (having read only its footer) when it cannot. */
    private boolean readParquet(DataFile file, VectorExprs.Batch batch, Sink sink) throws IOException {
        ObjectStoreInputFile input = new ObjectStoreInputFile(run.store(), run.account(), file.bucket(), file.key(),
                file.size(), run.bytesScanned());
        try (ParquetFileReader reader = ParquetFileReader.open(input,
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            Map<String, Type> byName = new HashMap<>();
            for (Type t : fileSchema.getFields()) {
                byName.putIfAbsent(t.getName().toLowerCase(Locale.ROOT), t);
            }
            List<Type> fields = new ArrayList<>();
            Loader[] loaders = new Loader[dataWidth];
            for (int c = 0; c < dataWidth; c++) {
                if (!neededData[c]) {
                    continue;
                }
                Type field = byName.get(format.names().get(c));
                if (field == null) {
                    continue;
                }
                Loader loader = loader(field, format.columns().get(c));
                if (loader == null) {
                    return false;
                }
                loaders[c] = loader;
                fields.add(field);
            }
            MessageType requested = new MessageType(fileSchema.getName(), fields);
            reader.setRequestedSchema(requested);
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            for (int group : ParquetRows.rowGroups(reader, filters, format.names(), format.columns())) {
                PageReadStore pages = reader.readRowGroup(group);
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, FLAT, requested, createdBy);
                ColumnReader[] readers = new ColumnReader[dataWidth];
                for (int c = 0; c < dataWidth; c++) {
                    if (loaders[c] != null) {
                        ColumnDescriptor d = requested.getColumnDescription(
                                new String[] {byName.get(format.names().get(c)).getName()});
                        readers[c] = store.getColumnReader(d);
                    }
                }
                long remaining = pages.getRowCount();
                while (remaining > 0) {
                    int n = (int) Math.min(Vec.BATCH, remaining);
                    for (int c : used) {
                        if (c >= dataWidth) {
                            continue;
                        }
                        Vec v = batch.columns[c];
                        v.reset();
                        if (readers[c] == null) {
                            for (int i = 0; i < n; i++) {
                                v.setNull(i);
                            }
                        } else {
                            loaders[c].load(readers[c], v, n);
                        }
                    }
                    emit(file, batch, n, sink);
                    remaining -= n;
                }
                sink.endOfSource();
            }
            return true;
        }
    }

    /** Decodes the next {@code n} values of a column into a vector. */
    private abstract static class Loader {
        final int maxDefinition;

        Loader(int maxDefinition) {
            this.maxDefinition = maxDefinition;
        }

        void load(ColumnReader r, Vec v, int n) {
            for (int i = 0; i < n; i++) {
                if (r.getCurrentDefinitionLevel() == maxDefinition) {
                    value(r, v, i);
                } else {
                    v.setNull(i);
                }
                r.consume();
            }
        }

        abstract void value(ColumnReader r, Vec v, int i);
    }

    /**
     * The loader for a top-level Parquet column into a table column of type {@code sql}, where no conversion
     * beyond widening is needed; null for anything else (the row reader converts those).
     */
    private static Loader loader(Type field, RelDataType sql) {
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
            return null;
        }
        PrimitiveType p = field.asPrimitiveType();
        int maxDef = field.isRepetition(Type.Repetition.OPTIONAL) ? 1 : 0;
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        SqlTypeName t = sql.getSqlTypeName();
        boolean plainInt = logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                && i.isSigned();
        switch (p.getPrimitiveTypeName()) {
            case INT32:
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return t == SqlTypeName.DECIMAL && d.getScale() == sql.getScale() ? new Loader(maxDef) {
                        @Override
                        void value(ColumnReader r, Vec v, int i) {
                            v.longs[i] = r.getInteger();
                        }
                    } : null;
                }
                boolean date = logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
                if (date ? t == SqlTypeName.DATE : plainInt && (t == SqlTypeName.INTEGER || t == SqlTypeName.BIGINT)) {
                    return new Loader(maxDef) {
                        @Override
                        void value(ColumnReader r, Vec v, int i) {
                            v.longs[i] = r.getInteger();
                        }
                    };
                }
                return null;
            case INT64:
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    return t == SqlTypeName.DECIMAL && d.getScale() == sql.getScale() ? new Loader(maxDef) {
                        @Override
                        void value(ColumnReader r, Vec v, int i) {
                            v.longs[i] = r.getLong();
                        }
                    } : null;
                }
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
                    if (t != SqlTypeName.TIMESTAMP) {
                        return null;
                    }
                    long divisor = switch (ts.getUnit()) {
                        case MILLIS -> 1L;
                        case MICROS -> 1_000L;
                        case NANOS -> 1_000_000L;
                    };
                    return new Loader(maxDef) {
                        @Override
                        void value(ColumnReader r, Vec v, int i) {
                            v.longs[i] = Math.floorDiv(r.getLong(), divisor);
                        }
                    };
                }
                return plainInt && t == SqlTypeName.BIGINT ? new Loader(maxDef) {
                    @Override
                    void value(ColumnReader r, Vec v, int i) {
                        v.longs[i] = r.getLong();
                    }
                } : null;
            case DOUBLE:
                return t == SqlTypeName.DOUBLE ? new Loader(maxDef) {
                    @Override
                    void value(ColumnReader r, Vec v, int i) {
                        v.doubles[i] = r.getDouble();
                    }
                } : null;
            case FLOAT:
                return t == SqlTypeName.DOUBLE || t == SqlTypeName.REAL ? new Loader(maxDef) {
                    @Override
                    void value(ColumnReader r, Vec v, int i) {
                        v.doubles[i] = r.getFloat();
                    }
                } : null;
            case BOOLEAN:
                return t == SqlTypeName.BOOLEAN ? new Loader(maxDef) {
                    @Override
                    void value(ColumnReader r, Vec v, int i) {
                        v.longs[i] = r.getBoolean() ? 1 : 0;
                    }
                } : null;
            case BINARY:
                boolean text = logical == null || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
                return text && t == SqlTypeName.VARCHAR
                        ? new Loader(maxDef) {
                            @Override
                            void value(ColumnReader r, Vec v, int i) {
                                v.objects[i] = r.getBinary();
                            }
                        } : null;
            default:
                return null;
        }
    }
}
