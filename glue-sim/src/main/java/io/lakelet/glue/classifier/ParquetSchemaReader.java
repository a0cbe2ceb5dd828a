package io.lakelet.glue.classifier;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Glue's Parquet classifier: the schema comes from the file's footer alone (opening the reader reads the
 * last 8 bytes and then the footer, by ranged reads), mapped to Hive types as Glue maps them; the record
 * count is the sum of the row groups' counts.
 */
public final class ParquetSchemaReader {
    static final String INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    static final String OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    static final String SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

    private ParquetSchemaReader() {
    }

    public static FileSchema read(InputFile file) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(file, options)) {
            ParquetMetadata footer = reader.getFooter();
            MessageType schema = footer.getFileMetaData().getSchema();
            long rows = 0;
            for (BlockMetaData b : footer.getBlocks()) {
                rows += b.getRowCount();
            }
            List<Column> columns = new ArrayList<>();
            for (Type field : schema.getFields()) {
                columns.add(new Column(field.getName().toLowerCase(Locale.ROOT), typeOf(field)));
            }
            Map<String, String> serdeParams = new LinkedHashMap<>();
            serdeParams.put("serialization.format", "1");
            return new FileSchema("parquet", columns, INPUT, OUTPUT, SERDE, serdeParams, new LinkedHashMap<>(),
                    "none", file.getLength(), rows);
        }
    }

    /** The Hive type of a Parquet field, repeated fields without a LIST annotation as arrays. */
    static HiveType typeOf(Type field) {
        HiveType t = field.isPrimitive() ? primitive(field.asPrimitiveType()) : group(field.asGroupType());
        return field.isRepetition(Type.Repetition.REPEATED) ? new HiveType.Array(t) : t;
    }

    private static HiveType group(GroupType g) {
        LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && g.getFieldCount() == 1) {
            Type repeated = g.getType(0);
            if (repeated.isPrimitive()) {
                return new HiveType.Array(primitive(repeated.asPrimitiveType()));
            }
            GroupType rg = repeated.asGroupType();
            // Three-level list: repeated group list { element }; two-level: the repeated group is the element.
            boolean threeLevel = rg.getFieldCount() == 1 && !rg.getName().equals("array")
                    && !rg.getName().equals(g.getName() + "_tuple");
            HiveType element = threeLevel ? nonRepeated(rg.getType(0)) : struct(rg);
            return new HiveType.Array(element);
        }
        if ((a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) && g.getFieldCount() == 1
                && !g.getType(0).isPrimitive() && g.getType(0).asGroupType().getFieldCount() == 2) {
            GroupType kv = g.getType(0).asGroupType();
            return new HiveType.MapType(nonRepeated(kv.getType(0)), nonRepeated(kv.getType(1)));
        }
        return struct(g);
    }

    private static HiveType nonRepeated(Type t) {
        HiveType x = t.isPrimitive() ? primitive(t.asPrimitiveType()) : group(t.asGroupType());
        return t.isRepetition(Type.Repetition.REPEATED) ? new HiveType.Array(x) : x;
    }

    private static HiveType struct(GroupType g) {
        Map<String, HiveType> fields = new LinkedHashMap<>();
        for (Type f : g.getFields()) {
            fields.put(f.getName().toLowerCase(Locale.ROOT), typeOf(f));
        }
        return new HiveType.Struct(fields);
    }

    private static HiveType primitive(PrimitiveType p) {
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return HiveType.primitive("decimal(" + d.getPrecision() + "," + d.getScale() + ")");
        }
        switch (p.getPrimitiveTypeName()) {
            case BOOLEAN:
                return HiveType.BOOLEAN;
            case INT32:
                if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return HiveType.primitive("date");
                }
                if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i) {
                    if (i.getBitWidth() == 8) {
                        return HiveType.primitive("tinyint");
                    }
                    if (i.getBitWidth() == 16) {
                        return HiveType.primitive("smallint");
                    }
                    if (!i.isSigned()) {
                        return HiveType.BIGINT;
                    }
                }
                return HiveType.INT;
            case INT64:
                if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
                    return HiveType.primitive("timestamp");
                }
                return HiveType.BIGINT;
            case INT96:
                return HiveType.primitive("timestamp");
            case FLOAT:
                return HiveType.primitive("float");
            case DOUBLE:
                return HiveType.DOUBLE;
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY:
                if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    return HiveType.STRING;
                }
                return HiveType.primitive("binary");
            default:
                return HiveType.STRING;
        }
    }

    /** Whether the first bytes are Parquet's magic. */
    public static boolean magic(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1';
    }
}
