package io.lakelet.s3.wire;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.Request;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Presigned URLs ({@code X-Amz-Date} and {@code X-Amz-Expires} in the query): refused once expired, as S3
 * does. Signatures themselves are not verified.
 */
public final class Presign {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final long MAX_EXPIRES = 604_800;

    private Presign() {
    }

    public static void checkExpiry(Request request, long nowMillis) {
        String expires = request.queryParam("X-Amz-Expires");
        String date = request.queryParam("X-Amz-Date");
        if (expires == null || date == null) {
            return;
        }
        long seconds;
        Instant signed;
        try {
            seconds = Long.parseLong(expires);
            signed = LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new AwsException("AuthorizationQueryParametersError", 400,
                    "X-Amz-Expires should be a number and X-Amz-Date should be in the ISO8601 basic format");
        }
        if (seconds < 0 || seconds > MAX_EXPIRES) {
            throw new AwsException("AuthorizationQueryParametersError", 400,
                    "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        Instant expiry = signed.plusSeconds(seconds);
        Instant now = Instant.ofEpochMilli(nowMillis);
        if (now.isAfter(expiry)) {
            throw new AwsException("AccessDenied", 403, "Request has expired")
                    .withField("X-Amz-Expires", expires)
                    .withField("Expires", expiry.toString())
                    .withField("ServerTime", now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        }
    }
}
