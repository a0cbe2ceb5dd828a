package io.lakelet.sql.query;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Trino's date and time functions (date_trunc, date_add, date_diff, date_format, date_parse,
 * from_unixtime, to_unixtime, from_iso8601_*, ...), registered by {@link TrinoFunctions}. Sessions run in
 * UTC; timestamps have no zone, as in Athena's timestamp(3). Calcite hands timestamps over as epoch
 * milliseconds and dates as epoch days.
 */
public final class TrinoDateFunctions {
    private TrinoDateFunctions() {
    }


    private static LocalDateTime ts(Object v) {
        if (v instanceof Long l) {
            return LocalDateTime.ofEpochSecond(Math.floorDiv(l, 1000), (int) Math.floorMod(l, 1000) * 1_000_000,
                    ZoneOffset.UTC);
        }
        if (v instanceof Integer d) {
            return LocalDate.ofEpochDay(d).atStartOfDay();
        }
        if (v instanceof java.sql.Timestamp t) {
            return ts(t.getTime() + t.getTimezoneOffset() * 0L);
        }
        throw new TrinoFunctions.InvalidFunctionArgument("Unsupported datetime value " + v);
    }

    private static long millis(LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static Object same(Object like, LocalDateTime t) {
        return like instanceof Integer ? (Object) (int) t.toLocalDate().toEpochDay() : (Object) millis(t);
    }

    private static ChronoUnit unit(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT).trim()) {
            case "millisecond" -> ChronoUnit.MILLIS;
            case "second" -> ChronoUnit.SECONDS;
            case "minute" -> ChronoUnit.MINUTES;
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            case "week" -> ChronoUnit.WEEKS;
            case "month" -> ChronoUnit.MONTHS;
            case "quarter" -> null;
            case "year" -> ChronoUnit.YEARS;
            default -> throw new TrinoFunctions.InvalidFunctionArgument("'" + unit + "' is not a valid Timestamp field");
        };
    }

    public static Object dateTrunc(String unit, Object value) {
        if (unit == null || value == null) {
            return null;
        }
        LocalDateTime t = ts(value);
        LocalDateTime out = switch (unit.toLowerCase(Locale.ROOT).trim()) {
            case "millisecond" -> t.truncatedTo(ChronoUnit.MILLIS);
            case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
            case "day" -> t.truncatedTo(ChronoUnit.DAYS);
            case "week" -> t.truncatedTo(ChronoUnit.DAYS).minusDays(t.getDayOfWeek().getValue() - 1);
            case "month" -> t.toLocalDate().withDayOfMonth(1).atStartOfDay();
            case "quarter" -> t.toLocalDate().withDayOfMonth(1).withMonth((t.getMonthValue() - 1) / 3 * 3 + 1)
                    .atStartOfDay();
            case "year" -> t.toLocalDate().withDayOfYear(1).atStartOfDay();
            default -> throw new TrinoFunctions.InvalidFunctionArgument("'" + unit + "' is not a valid Timestamp field");
        };
        return same(value, out);
    }

    public static Object dateAdd(String unit, Long n, Object value) {
        if (unit == null || n == null || value == null) {
            return null;
        }
        LocalDateTime t = ts(value);
        ChronoUnit u = unit(unit);
        LocalDateTime out = u == null ? t.plusMonths(3 * n) : t.plus(n, u);
        return same(value, out);
    }

    public static Long dateDiff(String unit, Object a, Object b) {
        if (unit == null || a == null || b == null) {
            return null;
        }
        ChronoUnit u = unit(unit);
        LocalDateTime x = ts(a);
        LocalDateTime y = ts(b);
        return u == null ? ChronoUnit.MONTHS.between(x, y) / 3 : u.between(x, y);
    }

    public static Long dayOfWeek(Object value) {
        return value == null ? null : (long) ts(value).getDayOfWeek().getValue();
    }

    public static Long fromUnixtime(Number seconds) {
        if (seconds == null) {
            return null;
        }
        return Math.round(seconds.doubleValue() * 1000);
    }

    public static Double toUnixtime(Object value) {
        return value == null ? null : millis(ts(value)) / 1000.0;
    }

    public static Long fromIso8601Timestamp(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        try {
            if (s.length() <= 10) {
                return millis(LocalDate.parse(s).atStartOfDay());
            }
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return millis(LocalDateTime.parse(s));
            } catch (DateTimeParseException e2) {
                throw new TrinoFunctions.InvalidFunctionArgument("Invalid format: \"" + text + "\"");
            }
        }
    }

    public static Integer fromIso8601Date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return (int) LocalDate.parse(text.trim()).toEpochDay();
        } catch (DateTimeParseException e) {
            throw new TrinoFunctions.InvalidFunctionArgument("Invalid format: \"" + text + "\"");
        }
    }

    public static String toIso8601(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer d) {
            return LocalDate.ofEpochDay(d).toString();
        }
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").format(ts(value)) + "Z";
    }

    /** MySQL-style format specifiers, as Trino's date_format and date_parse read them. */
    private static String mysqlToJava(String format, boolean parsing) {
        StringBuilder out = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                literal.append(c);
                continue;
            }
            char f = format.charAt(++i);
            String pattern = switch (f) {
                case 'a' -> "EEE";
                case 'b' -> "MMM";
                case 'c' -> "M";
                case 'd' -> "dd";
                case 'e' -> "d";
                case 'f' -> parsing ? "SSSSSS" : "SSSSSS";
                case 'H', 'k' -> "HH";
                case 'h', 'I' -> "hh";
                case 'i' -> "mm";
                case 'j' -> "DDD";
                case 'l' -> "h";
                case 'M' -> "MMMM";
                case 'm' -> "MM";
                case 'p' -> "a";
                case 'r' -> "hh:mm:ss a";
                case 'S', 's' -> "ss";
                case 'T' -> "HH:mm:ss";
                case 'v' -> "ww";
                case 'W' -> "EEEE";
                case 'x' -> "YYYY";
                case 'Y' -> "yyyy";
                case 'y' -> "yy";
                case '%' -> null;
                default -> throw new TrinoFunctions.InvalidFunctionArgument("Unsupported format specifier %" + f);
            };
            if (pattern == null) {
                literal.append('%');
                continue;
            }
            if (literal.length() > 0) {
                out.append('\'').append(literal.toString().replace("'", "''")).append('\'');
                literal.setLength(0);
            }
            out.append(pattern);
        }
        if (literal.length() > 0) {
            out.append('\'').append(literal.toString().replace("'", "''")).append('\'');
        }
        return out.toString();
    }

    public static String dateFormat(Object value, String format) {
        if (value == null || format == null) {
            return null;
        }
        return DateTimeFormatter.ofPattern(mysqlToJava(format, false), Locale.ENGLISH).format(ts(value));
    }

    public static Long dateParse(String text, String format) {
        if (text == null || format == null) {
            return null;
        }
        DateTimeFormatter f = new java.time.format.DateTimeFormatterBuilder().parseCaseInsensitive()
                .appendPattern(mysqlToJava(format, true))
                .parseDefaulting(java.time.temporal.ChronoField.YEAR_OF_ERA, 1970)
                .parseDefaulting(java.time.temporal.ChronoField.MONTH_OF_YEAR, 1)
                .parseDefaulting(java.time.temporal.ChronoField.DAY_OF_MONTH, 1)
                .toFormatter(Locale.ENGLISH);
        try {
            var parsed = f.parse(text);
            LocalDate date = LocalDate.from(parsed);
            int hour = parsed.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)
                    ? parsed.get(java.time.temporal.ChronoField.HOUR_OF_DAY)
                    : parsed.isSupported(java.time.temporal.ChronoField.HOUR_OF_AMPM)
                    ? parsed.get(java.time.temporal.ChronoField.HOUR_OF_AMPM)
                    + (parsed.isSupported(java.time.temporal.ChronoField.AMPM_OF_DAY)
                    ? 12 * parsed.get(java.time.temporal.ChronoField.AMPM_OF_DAY) : 0) : 0;
            int minute = parsed.isSupported(java.time.temporal.ChronoField.MINUTE_OF_HOUR)
                    ? parsed.get(java.time.temporal.ChronoField.MINUTE_OF_HOUR) : 0;
            int second = parsed.isSupported(java.time.temporal.ChronoField.SECOND_OF_MINUTE)
                    ? parsed.get(java.time.temporal.ChronoField.SECOND_OF_MINUTE) : 0;
            int nanos = parsed.isSupported(java.time.temporal.ChronoField.NANO_OF_SECOND)
                    ? parsed.get(java.time.temporal.ChronoField.NANO_OF_SECOND) : 0;
            return millis(date.atTime(hour, minute, second, nanos));
        } catch (DateTimeParseException e) {
            throw new TrinoFunctions.InvalidFunctionArgument("Invalid format: \"" + text + "\"");
        }
    }
}
