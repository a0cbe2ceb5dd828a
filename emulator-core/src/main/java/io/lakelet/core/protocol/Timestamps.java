package io.lakelet.core.protocol;

import io.lakelet.core.protocol.shape.TimestampFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The timestamp formats of AWS protocols. */
public final class Timestamps {
    private static final DateTimeFormatter DATE_TIME_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** RFC 7231 IMF-fixdate: the day always has two digits ({@code RFC_1123_DATE_TIME} writes one). */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US).withZone(ZoneOffset.UTC);

    /** The date-time form AWS protocols accept: full seconds, optional fraction, UTC designator. */
    private static final Pattern RFC_3339_UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    private Timestamps() {
    }

    /** Seconds with up to millisecond precision and no trailing zeros, as AWS JSON services send them. */
    public static BigDecimal toEpochSeconds(Instant t) {
        BigDecimal millis = BigDecimal.valueOf(t.toEpochMilli(), 3);
        BigDecimal stripped = millis.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static Instant fromEpochSeconds(BigDecimal seconds) {
        BigDecimal millis = seconds.movePointRight(3).setScale(0, RoundingMode.FLOOR);
        BigDecimal nanos = seconds.movePointRight(9).setScale(0, RoundingMode.FLOOR);
        if (nanos.remainder(BigDecimal.valueOf(1_000_000)).signum() == 0) {
            return Instant.ofEpochMilli(millis.longValueExact());
        }
        long s = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
        long n = nanos.subtract(BigDecimal.valueOf(s).movePointRight(9)).longValueExact();
        return Instant.ofEpochSecond(s, n);
    }

    public static String format(Instant t, TimestampFormat format) {
        return switch (format) {
            case DATE_TIME -> t.getNano() == 0 ? DATE_TIME_SECONDS.format(t) : DateTimeFormatter.ISO_INSTANT.format(t);
            case HTTP_DATE -> HTTP_DATE.format(t);
            case EPOCH_SECONDS -> toEpochSeconds(t).toPlainString();
            case EPOCH_MILLIS -> Long.toString(t.toEpochMilli());
        };
    }

    /**
     * Parses a timestamp in the given format; throws IllegalArgumentException on bad text. A date-time must
     * be in UTC with a {@code Z} designator and whole seconds, as AWS SDKs send it.
     */
    public static Instant parse(String text, TimestampFormat format) {
        try {
            return switch (format) {
                case DATE_TIME -> {
                    if (!RFC_3339_UTC.matcher(text).matches()) {
                        throw new IllegalArgumentException("not an RFC 3339 UTC date-time: '" + text + "'");
                    }
                    yield OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                }
                case HTTP_DATE -> ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                case EPOCH_SECONDS -> fromEpochSeconds(new BigDecimal(text));
                case EPOCH_MILLIS -> Instant.ofEpochMilli(Long.parseLong(text));
            };
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid timestamp '" + text + "'", e);
        }
    }
}
