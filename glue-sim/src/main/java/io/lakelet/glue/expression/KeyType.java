package io.lakelet.glue.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The partition key types a Glue expression can compare, and how a value of each is read from text.
 * Glue documents string, date, timestamp, int, bigint, long, tinyint, smallint and decimal; char and
 * varchar behave as strings. Any other type is refused when an expression names the key.
 */
enum KeyType {
    STRING("String"), INTEGRAL("Integral"), DECIMAL("Decimal"), DATE("Date"), TIMESTAMP("Timestamp");

    private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private final String label;

    KeyType(String label) {
        this.label = label;
    }

    /** How Glue names the type in "... data type doesn't support operation 'LIKE'". */
    String label() {
        return label;
    }

    /** The type of a partition key from its declared Hive type, or null if expressions cannot use it. */
    static KeyType of(String declared) {
        String t = declared == null ? "string" : declared.trim().toLowerCase(Locale.ROOT);
        int paren = t.indexOf('(');
        String base = paren < 0 ? t : t.substring(0, paren).trim();
        return switch (base) {
            case "string", "char", "varchar" -> STRING;
            case "int", "integer", "bigint", "long", "smallint", "tinyint" -> INTEGRAL;
            case "decimal" -> DECIMAL;
            case "date" -> DATE;
            case "timestamp" -> TIMESTAMP;
            default -> null;
        };
    }

    /** Reads {@code text} as a value of this type; null when it does not fit. */
    Comparable<?> parse(String text) {
        try {
            return switch (this) {
                case STRING -> text;
                case INTEGRAL -> new BigInteger(text.trim());
                case DECIMAL -> new BigDecimal(text.trim());
                case DATE -> LocalDate.parse(text.trim());
                case TIMESTAMP -> LocalDateTime.parse(text.trim(), TIMESTAMP_FORMAT);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /** Glue's words for a text that is not a value of this type. */
    String notA(String text) {
        return switch (this) {
            case STRING -> text;
            case INTEGRAL -> "\"" + text + "\" is not an integer.";
            case DECIMAL -> text + " is not a decimal.";
            case DATE -> text + " is not a date.";
            case TIMESTAMP -> "Timestamp format must be yyyy-mm-dd hh:mm:ss[.fffffffff] " + text + " is not a timestamp.";
        };
    }
}
