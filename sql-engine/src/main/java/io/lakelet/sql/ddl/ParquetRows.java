package io.lakelet.sql.ddl;

import io.lakelet.core.ports.Catalog.Column;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of Hive columns, as Trino's Hive connector writes it (timestamps as INT96, decimals
 * as INT32/INT64/FIXED by precision, three-level LISTs and MAPs), and rows filled into parquet-java's
 * example {@link Group}s.
 */
final class ParquetRows {
    private ParquetRows() {
    }

    static MessageType schema(List<Column> columns) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Column c : columns) {
            message.addField(type(c.name(), c.type(), Type.Repetition.OPTIONAL));
        }
        return message.named("hive_schema");
    }

    private static Type type(String name, String hive, Type.Repetition repetition) {
        String h = hive.toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("array<")) {
            Type element = type("element", h.substring(6, h.length() - 1), Type.Repetition.OPTIONAL);
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(element).named("list")).named(name);
        }
        if (h.startsWith("map<")) {
            List<String> kv = HiveTypes.splitTopLevel(h.substring(4, h.length() - 1));
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                    .addField(Types.repeatedGroup().addField(type("key", kv.get(0), Type.Repetition.REQUIRED))
                            .addField(type("value", kv.get(1), Type.Repetition.OPTIONAL)).named("key_value"))
                    .named(name);
        }
        if (h.startsWith("struct<")) {
            Types.GroupBuilder<GroupType> group = Types.buildGroup(repetition);
            for (String field : HiveTypes.splitTopLevel(h.substring(7, h.length() - 1))) {
                int colon = field.indexOf(':');
                group.addField(type(field.substring(0, colon), field.substring(colon + 1), Type.Repetition.OPTIONAL));
            }
            return group.named(name);
        }
        if (h.startsWith("decimal(")) {
            List<String> ps = HiveTypes.splitTopLevel(h.substring(8, h.length() - 1));
            int precision = Integer.parseInt(ps.get(0));
            int scale = Integer.parseInt(ps.get(1));
            LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(scale, precision);
            if (precision <= 9) {
                return Types.primitive(PrimitiveTypeName.INT32, repetition).as(decimal).named(name);
            }
            if (precision <= 18) {
                return Types.primitive(PrimitiveTypeName.INT64, repetition).as(decimal).named(name);
            }
            return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(16).as(decimal)
                    .named(name);
        }
        if (h.startsWith("varchar") || h.startsWith("char") || h.equals("string")) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
                    .named(name);
        }
        return switch (h) {
            case "int" -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case "smallint" -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case "tinyint" -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(8, true)).named(name);
            case "bigint" -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case "boolean" -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case "double" -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case "float" -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case "date" -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType())
                    .named(name);
            case "timestamp" -> Types.primitive(PrimitiveTypeName.INT96, repetition).named(name);
            case "binary" -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            default -> throw DdlErrors.trino("NOT_SUPPORTED", "Unsupported Hive type for Parquet: " + hive);
        };
    }

    /** Adds {@code value} (a Java value of the column's type, or null) to field {@code name} of {@code group}. */
    static void add(Group group, String name, String hive, Object value) {
        if (value == null) {
            return;
        }
        String h = hive.toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("array<")) {
            Group list = group.addGroup(name);
            String element = h.substring(6, h.length() - 1);
            for (Object item : (List<?>) value) {
                add(list.addGroup("list"), "element", element, item);
            }
        } else if (h.startsWith("map<")) {
            Group map = group.addGroup(name);
            List<String> kv = HiveTypes.splitTopLevel(h.substring(4, h.length() - 1));
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                Group entry = map.addGroup("key_value");
                add(entry, "key", kv.get(0), e.getKey());
                add(entry, "value", kv.get(1), e.getValue());
            }
        } else if (h.startsWith("struct<")) {
            Group struct = group.addGroup(name);
            List<String> fields = HiveTypes.splitTopLevel(h.substring(7, h.length() - 1));
            List<?> values = (List<?>) value;
            for (int i = 0; i < fields.size(); i++) {
                String f = fields.get(i);
                int colon = f.indexOf(':');
                add(struct, f.substring(0, colon), f.substring(colon + 1), values.get(i));
            }
        } else if (h.startsWith("decimal(")) {
            List<String> ps = HiveTypes.splitTopLevel(h.substring(8, h.length() - 1));
            int precision = Integer.parseInt(ps.get(0));
            BigInteger unscaled = Coercions.decimal(value).setScale(Integer.parseInt(ps.get(1)),
                    java.math.RoundingMode.HALF_UP).unscaledValue();
            if (precision <= 9) {
                group.add(name, unscaled.intValueExact());
            } else if (precision <= 18) {
                group.add(name, unscaled.longValueExact());
            } else {
                group.add(name, Binary.fromConstantByteArray(fixed16(unscaled)));
            }
        } else if (h.startsWith("varchar") || h.startsWith("char") || h.equals("string")) {
            group.add(name, Binary.fromString(Coercions.string(value)));
        } else {
            switch (h) {
                case "int", "smallint", "tinyint" -> group.add(name, ((Number) value).intValue());
                case "bigint" -> group.add(name, ((Number) value).longValue());
                case "boolean" -> group.add(name, (Boolean) value);
                case "double" -> group.add(name, ((Number) value).doubleValue());
                case "float" -> group.add(name, ((Number) value).floatValue());
                case "date" -> group.add(name, (int) ((LocalDate) value).toEpochDay());
                case "timestamp" -> group.add(name, int96((LocalDateTime) value));
                case "binary" -> group.add(name, Binary.fromConstantByteArray(value instanceof byte[] b ? b
                        : value.toString().getBytes(StandardCharsets.UTF_8)));
                default -> throw DdlErrors.trino("NOT_SUPPORTED", "Unsupported Hive type for Parquet: " + hive);
            }
        }
    }

    /** Hive's INT96 timestamp: nanoseconds of the day (little-endian long) then the Julian day (int). */
    static Binary int96(LocalDateTime t) {
        long julianDay = t.toLocalDate().toEpochDay() + 2_440_588L;
        long nanos = t.toLocalTime().toNanoOfDay();
        ByteBuffer buf = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(nanos).putInt((int) julianDay);
        return Binary.fromConstantByteArray(buf.array());
    }

    private static byte[] fixed16(BigInteger unscaled) {
        byte[] raw = unscaled.toByteArray();
        byte[] out = new byte[16];
        byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
        java.util.Arrays.fill(out, 0, 16 - raw.length, pad);
        System.arraycopy(raw, 0, out, 16 - raw.length, raw.length);
        return out;
    }
}
