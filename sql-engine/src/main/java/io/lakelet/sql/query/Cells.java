package io.lakelet.sql.query;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Values between their three forms: text in data files, Calcite's internal form inside a plan (DATE as
 * epoch days, TIMESTAMP as epoch milliseconds, VARBINARY as ByteString, ROW as Object[]) and the Java
 * objects of the result contract (LocalDate, LocalDateTime, byte[], List).
 */
final class Cells {
    static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendLiteral('Z').optionalEnd()
            .toFormatter(Locale.ROOT);

    private Cells() {
    }

    /** A scalar from its text in a data file (Hive's rules: a value that does not parse is NULL). */
    static Object fromText(String text, RelDataType type) {
        if (text == null) {
            return null;
        }
        try {
            return switch (type.getSqlTypeName()) {
                case VARCHAR, CHAR -> text;
                case BOOLEAN -> text.equalsIgnoreCase("true") ? Boolean.TRUE
                        : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
                case TINYINT -> Byte.parseByte(text.trim());
                case SMALLINT -> Short.parseShort(text.trim());
                case INTEGER -> Integer.parseInt(text.trim());
                case BIGINT -> Long.parseLong(text.trim());
                case REAL -> Float.parseFloat(text.trim());
                case DOUBLE -> Double.parseDouble(text.trim());
                case DECIMAL -> decimal(new BigDecimal(text.trim()), type);
                case DATE -> (int) LocalDate.parse(text.trim()).toEpochDay();
                case TIMESTAMP -> timestampMillis(text.trim());
                case VARBINARY, BINARY -> new ByteString(decodeBinary(text));
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] decodeBinary(String text) {
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    static BigDecimal decimal(BigDecimal value, RelDataType type) {
        return value.setScale(type.getScale(), java.math.RoundingMode.HALF_UP);
    }

    static long timestampMillis(String text) {
        if (text.chars().allMatch(Character::isDigit) && text.length() > 10) {
            return Long.parseLong(text);
        }
        var parsed = TIMESTAMP_TEXT.parse(text);
        LocalDate date = LocalDate.from(parsed);
        LocalTime time = parsed.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(parsed) : LocalTime.MIDNIGHT;
        return LocalDateTime.of(date, time).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** A value from Calcite's internal form to the contract's Java objects. */
    static Object toResult(Object value, RelDataType type) {
        if (value == null) {
            return null;
        }
        SqlTypeName name = type.getSqlTypeName();
        switch (name) {
            case DATE:
                return value instanceof Number n ? LocalDate.ofEpochDay(n.longValue()) : value;
            case TIMESTAMP:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                if (value instanceof Number n) {
                    return LocalDateTime.ofEpochSecond(Math.floorDiv(n.longValue(), 1000),
                            (int) Math.floorMod(n.longValue(), 1000) * 1_000_000, ZoneOffset.UTC);
                }
                return value;
            case TIME:
                return value instanceof Number n ? LocalTime.ofNanoOfDay(n.longValue() * 1_000_000L).toString() : value;
            case VARBINARY:
            case BINARY:
                return value instanceof ByteString b ? b.getBytes() : value;
            case CHAR:
                return value.toString();
            case ARRAY:
            case MULTISET: {
                RelDataType element = type.getComponentType();
                List<Object> out = new ArrayList<>();
                for (Object o : asList(value)) {
                    out.add(toResult(o, element));
                }
                return out;
            }
            case MAP: {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    out.put(toResult(e.getKey(), type.getKeyType()), toResult(e.getValue(), type.getValueType()));
                }
                return out;
            }
            case ROW: {
                List<Object> fields = asList(value);
                List<Object> out = new ArrayList<>();
                List<RelDataTypeField> types = type.getFieldList();
                for (int i = 0; i < types.size(); i++) {
                    out.add(i < fields.size() ? toResult(fields.get(i), types.get(i).getType()) : null);
                }
                return out;
            }
            default:
                return value;
        }
    }

    static List<Object> asList(Object value) {
        if (value instanceof Object[] a) {
            return Arrays.asList(a);
        }
        if (value instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) l;
            return list;
        }
        return List.of(value);
    }
}
