package io.lakelet.core.routing;

import io.lakelet.core.http.Request;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the service of a request from its head alone (this runs on the event loop), in the order
 * DESIGN.md gives: the SigV4 credential scope, {@code X-Amz-Target}, the Host header (virtual-hosted
 * S3), then the path. Unsigned requests with no other clue go to S3, the one service browsers and curl
 * reach without signing.
 *
 * @param <S> what the server keeps per service
 */
public final class Router<S> {
    public static final String S3 = "s3";

    private final Map<String, S> bySigningName = new HashMap<>();
    private final Map<String, S> byTargetPrefix = new HashMap<>();
    private final Map<String, S> byId = new HashMap<>();

    /** Registers a service under its id, signing names and target prefixes. */
    public void register(String id, List<String> signingNames, List<String> targetPrefixes, S service) {
        byId.put(id, service);
        signingNames.forEach(n -> bySigningName.put(n, service));
        targetPrefixes.forEach(p -> byTargetPrefix.put(p, service));
    }

    /** The outcome of routing: the service (null when none matched) and the signature, if any. */
    public record Route<S>(S service, SigV4 signature) {
    }

    public Route<S> route(Request head) {
        SigV4 sig = SigV4.fromAuthorization(head.header("Authorization"));
        if (sig == null) {
            String credential = queryCredential(head.rawQuery());
            sig = credential == null ? null : SigV4.fromCredential(credential);
        }
        if (sig != null) {
            S s = bySigningName.get(sig.service());
            if (s != null) {
                return new Route<>(s, sig);
            }
        }
        String target = head.header("X-Amz-Target");
        if (target != null) {
            int dot = target.indexOf('.');
            S s = byTargetPrefix.get(dot < 0 ? target : target.substring(0, dot));
            return new Route<>(s, sig);
        }
        if (sig != null) {
            // Signed for a service that is not running: do not guess another one.
            return new Route<>(null, sig);
        }
        return new Route<>(byId.get(S3), null);
    }

    /** The S3 bucket named by a virtual-hosted style Host header, or null for path style. */
    public static String virtualHostedBucket(String host) {
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon) {
            h = h.substring(0, colon);
        }
        int s3 = h.indexOf(".s3.");
        if (s3 > 0) {
            return host.substring(0, s3);
        }
        if (h.startsWith("s3.") || h.startsWith("s3-")) {
            return null;
        }
        if (h.endsWith(".localhost")) {
            return host.substring(0, h.length() - ".localhost".length());
        }
        return null;
    }

    private static String queryCredential(String rawQuery) {
        if (rawQuery.isEmpty() || !rawQuery.contains("X-Amz-Credential=")) {
            return null;
        }
        return Request.parseQuery(rawQuery).getOrDefault("X-Amz-Credential", List.of()).stream().findFirst().orElse(null);
    }
}
