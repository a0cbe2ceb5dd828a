package io.lakelet.s3.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** The two date formats of S3: RFC 1123 in headers, ISO 8601 with milliseconds in XML. */
public final class HttpDates {
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.US).withZone(ZoneOffset.UTC);

    /** Recently formatted header dates by second: every response formats Date, and a GET Last-Modified. */
    private static final AtomicReferenceArray<Formatted> HEADER_DATES = new AtomicReferenceArray<>(64);

    private record Formatted(long second, String text) {
    }

    private HttpDates() {
    }

    public static String header(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        int slot = (int) (second & (HEADER_DATES.length() - 1));
        Formatted f = HEADER_DATES.get(slot);
        if (f != null && f.second() == second) {
            return f.text();
        }
        String text = RFC_1123.format(Instant.ofEpochSecond(second));
        HEADER_DATES.set(slot, new Formatted(second, text));
        return text;
    }

    public static String xml(long epochMillis) {
        return ISO.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Parses an HTTP date (RFC 1123, as clients send If-Modified-Since); null if it is not one. */
    public static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** S3 compares modification times at one-second resolution. */
    public static Instant seconds(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS);
    }
}
