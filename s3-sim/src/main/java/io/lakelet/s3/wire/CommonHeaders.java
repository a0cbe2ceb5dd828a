package io.lakelet.s3.wire;

import io.lakelet.core.http.RequestContext;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The headers on every S3 response, errors included: request id, host id, date and server. */
public final class CommonHeaders {
    private CommonHeaders() {
    }

    public static List<Map.Entry<String, String>> of(RequestContext context) {
        return List.of(
                Map.entry("x-amz-request-id", requestId(context)),
                Map.entry("x-amz-id-2", hostId()),
                Map.entry("Date", HttpDates.header(context.received().toEpochMilli())),
                Map.entry("Server", "AmazonS3"));
    }

    /** S3's request ids are 16 upper-case hex characters. */
    public static String requestId(RequestContext context) {
        String hex = context.requestId().replace("-", "").toUpperCase(Locale.ROOT);
        return hex.length() > 16 ? hex.substring(0, 16) : hex;
    }

    private static String hostId() {
        byte[] b = new byte[48];
        ThreadLocalRandom.current().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
