package io.lakelet.sql.query;

import io.lakelet.formats.parquet.ObjectStoreInputFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.filter2.compat.RowGroupFilter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet files read through the object store port: the footer, then only the column chunks of the
 * columns asked for, in row groups whose statistics do not rule out the pushed filters. Columns are
 * matched to the table's by name without regard to case, as Athena does by default.
 */
final class ParquetRows implements RowReader {
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private final ParquetFileReader reader;
    private final MessageColumnIO io;
    private final MessageType requested;
    private final int[] tableToFile;
    private final List<RelDataType> columns;
    private final int width;
    private RecordReader<Group> records;
    private long remaining;
    private final List<Integer> rowGroups;
    private int nextGroup;

    private ParquetRows(ParquetFileReader reader, MessageType requested, int[] tableToFile,
                        List<RelDataType> columns, List<Integer> rowGroups) {
        this.reader = reader;
        this.rowGroups = rowGroups;
        this.requested = requested;
        this.tableToFile = tableToFile;
        this.columns = columns;
        this.width = columns.size();
        this.io = new ColumnIOFactory().getColumnIO(requested, reader.getFooter().getFileMetaData().getSchema());
    }

    static RowReader open(QueryRun run, DataFile file, List<String> names, List<RelDataType> columns,
                          boolean[] needed, List<RexNode> filters) throws IOException {
        ObjectStoreInputFile input = new ObjectStoreInputFile(run.store(), run.account(), file.bucket(), file.key(),
                file.size(), run.bytesScanned());
        ParquetFileReader reader = ParquetFileReader.open(input,
                PageCodecs.readOptions());
        MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < fileSchema.getFieldCount(); i++) {
            byName.putIfAbsent(fileSchema.getFields().get(i).getName().toLowerCase(Locale.ROOT), i);
        }
        List<Type> fields = new ArrayList<>();
        int[] tableToFile = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            tableToFile[c] = -1;
            Integer f = needed[c] ? byName.get(names.get(c)) : null;
            if (f != null) {
                tableToFile[c] = fields.size();
                fields.add(fileSchema.getFields().get(f));
            }
        }
        MessageType requested = new MessageType(fileSchema.getName(), fields);
        reader.setRequestedSchema(requested);
        List<Integer> kept = rowGroups(reader, filters, names, columns);
        return new ParquetRows(reader, requested, tableToFile, columns, kept);
    }

    /** The row groups of an open file whose statistics do not rule out {@code filters}, by index. */
    static List<Integer> rowGroups(ParquetFileReader reader, List<RexNode> filters, List<String> names,
                                   List<RelDataType> columns) {
        MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
        List<BlockMetaData> blocks = reader.getRowGroups();
        List<Integer> kept = new ArrayList<>();
        FilterPredicate predicate = ParquetFilters.predicate(filters, names, columns, fileSchema);
        List<BlockMetaData> survivors = blocks;
        if (predicate != null) {
            try {
                survivors = RowGroupFilter.filterRowGroups(FilterCompat.get(predicate), blocks, fileSchema);
            } catch (RuntimeException e) {
                survivors = blocks;
            }
        }
        for (int b = 0; b < blocks.size(); b++) {
            if (survivors.contains(blocks.get(b))) {
                kept.add(b);
            }
        }
        return kept;
    }

    @Override
    public Object[] next() throws IOException {
        while (remaining == 0) {
            if (nextGroup >= rowGroups.size()) {
                return null;
            }
            PageReadStore pages = reader.readRowGroup(rowGroups.get(nextGroup++));
            remaining = pages.getRowCount();
            records = io.getRecordReader(pages, new GroupRecordConverter(requested));
        }
        remaining--;
        Group g = records.read();
        Object[] row = new Object[width];
        for (int c = 0; c < width; c++) {
            int f = tableToFile[c];
            if (f >= 0) {
                row[c] = field(g, f, requested.getType(f), columns.get(c));
            }
        }
        return row;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static Object field(Group g, int f, Type type, RelDataType sql) {
        if (g.getFieldRepetitionCount(f) == 0) {
            return null;
        }
        if (type.isRepetition(Type.Repetition.REPEATED)) {
            List<Object> out = new ArrayList<>();
            RelDataType element = sql.getComponentType() != null ? sql.getComponentType() : sql;
            for (int i = 0; i < g.getFieldRepetitionCount(f); i++) {
                out.add(value(g, f, i, type, element));
            }
            return out;
        }
        return value(g, f, 0, type, sql);
    }

    private static Object value(Group g, int f, int i, Type type, RelDataType sql) {
        if (type.isPrimitive()) {
            return primitive(g, f, i, type.asPrimitiveType(), sql);
        }
        Group child = g.getGroup(f, i);
        GroupType gt = type.asGroupType();
        LogicalTypeAnnotation logical = gt.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation || sql.getSqlTypeName()
                == org.apache.calcite.sql.type.SqlTypeName.ARRAY) {
            List<Object> out = new ArrayList<>();
            RelDataType element = sql.getComponentType();
            Type repeated = gt.getType(0);
            for (int r = 0; r < child.getFieldRepetitionCount(0); r++) {
                if (!repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
                        && !repeated.getName().equals("array") && element.getSqlTypeName()
                        != org.apache.calcite.sql.type.SqlTypeName.ROW) {
                    Group wrapper = child.getGroup(0, r);
                    out.add(field(wrapper, 0, repeated.asGroupType().getType(0), element));
                } else {
                    out.add(value(child, 0, r, repeated, element));
                }
            }
            return out;
        }
        if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || sql.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.MAP) {
            Map<Object, Object> out = new LinkedHashMap<>();
            GroupType kv = gt.getType(0).asGroupType();
            for (int r = 0; r < child.getFieldRepetitionCount(0); r++) {
                Group entry = child.getGroup(0, r);
                out.put(field(entry, 0, kv.getType(0), sql.getKeyType()),
                        kv.getFieldCount() > 1 ? field(entry, 1, kv.getType(1), sql.getValueType()) : null);
            }
            return out;
        }
        List<RelDataTypeField> sqlFields = sql.getFieldList();
        Object[] out = new Object[sqlFields.size()];
        for (int k = 0; k < sqlFields.size(); k++) {
            String name = sqlFields.get(k).getName();
            for (int j = 0; j < gt.getFieldCount(); j++) {
                if (gt.getFieldName(j).equalsIgnoreCase(name)) {
                    out[k] = field(child, j, gt.getType(j), sqlFields.get(k).getType());
                    break;
                }
            }
        }
        return out;
    }

    private static Object primitive(Group g, int f, int i, PrimitiveType type, RelDataType sql) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        Object raw;
        switch (type.getPrimitiveTypeName()) {
            case INT32 -> {
                int v = g.getInteger(f, i);
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    raw = BigDecimal.valueOf(v, d.getScale());
                } else {
                    raw = v;
                }
            }
            case INT64 -> {
                long v = g.getLong(f, i);
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    raw = BigDecimal.valueOf(v, d.getScale());
                } else if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
                    raw = switch (t.getUnit()) {
                        case MILLIS -> v;
                        case MICROS -> Math.floorDiv(v, 1000L);
                        case NANOS -> Math.floorDiv(v, 1_000_000L);
                    };
                    return sql.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP ? raw
                            : convert(raw, sql);
                } else {
                    raw = v;
                }
            }
            case INT96 -> {
                ByteBuffer b = g.getInt96(f, i).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                long nanos = b.getLong();
                long day = b.getInt() & 0xffffffffL;
                return (day - JULIAN_EPOCH_DAY) * 86_400_000L + nanos / 1_000_000L;
            }
            case FLOAT -> raw = g.getFloat(f, i);
            case DOUBLE -> raw = g.getDouble(f, i);
            case BOOLEAN -> raw = g.getBoolean(f, i);
            default -> {
                Binary b = g.getBinary(f, i);
                if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                    raw = new BigDecimal(new BigInteger(b.getBytes()), d.getScale());
                } else if (sql.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.VARBINARY) {
                    return new ByteString(b.getBytes());
                } else {
                    raw = b.toStringUsingUTF8();
                }
            }
        }
        return convert(raw, sql);
    }

    /** A Parquet value to the table's declared type, as Athena coerces compatible types. */
    private static Object convert(Object raw, RelDataType sql) {
        return switch (sql.getSqlTypeName()) {
            case TINYINT -> raw instanceof Number n ? (Object) n.byteValue() : Cells.fromText(raw.toString(), sql);
            case SMALLINT -> raw instanceof Number n ? (Object) n.shortValue() : Cells.fromText(raw.toString(), sql);
            case INTEGER -> raw instanceof Number n ? (Object) n.intValue() : Cells.fromText(raw.toString(), sql);
            case BIGINT -> raw instanceof Number n ? (Object) n.longValue() : Cells.fromText(raw.toString(), sql);
            case REAL -> raw instanceof Number n ? (Object) n.floatValue() : Cells.fromText(raw.toString(), sql);
            case DOUBLE -> raw instanceof Number n ? (Object) n.doubleValue() : Cells.fromText(raw.toString(), sql);
            case DECIMAL -> raw instanceof BigDecimal d ? Cells.decimal(d, sql)
                    : raw instanceof Number n ? Cells.decimal(new BigDecimal(n.toString()), sql)
                    : Cells.fromText(raw.toString(), sql);
            case DATE, TIMESTAMP -> raw instanceof Number n ? (Object) (sql.getSqlTypeName()
                    == org.apache.calcite.sql.type.SqlTypeName.DATE ? (Object) n.intValue() : (Object) n.longValue())
                    : Cells.fromText(raw.toString(), sql);
            case VARCHAR, CHAR -> raw instanceof BigDecimal d ? d.toPlainString() : raw.toString();
            case BOOLEAN -> raw instanceof Boolean ? raw : Cells.fromText(raw.toString(), sql);
            default -> raw;
        };
    }
}
