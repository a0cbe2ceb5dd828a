package io.lakelet.core.routing;

/**
 * What the router reads from a SigV4 signature: the access key, region and service of the credential
 * scope ({@code AKID/20240101/us-east-1/kinesis/aws4_request}), from the {@code Authorization} header or
 * a presigned URL's {@code X-Amz-Credential}. Lakelet does not verify signatures.
 */
public record SigV4(String accessKey, String date, String region, String service) {

    /** Parses {@code AWS4-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...}; null if absent or not SigV4. */
    public static SigV4 fromAuthorization(String authorization) {
        if (authorization == null || !authorization.startsWith("AWS4-")) {
            return null;
        }
        int c = authorization.indexOf("Credential=");
        if (c < 0) {
            return null;
        }
        int start = c + "Credential=".length();
        int end = authorization.indexOf(',', start);
        String scope = (end < 0 ? authorization.substring(start) : authorization.substring(start, end)).trim();
        return fromCredential(scope);
    }

    /** Parses a credential {@code AKID/date/region/service/aws4_request}; null if malformed. */
    public static SigV4 fromCredential(String credential) {
        if (credential == null) {
            return null;
        }
        String[] parts = credential.split("/");
        if (parts.length < 5) {
            return null;
        }
        return new SigV4(parts[0], parts[1], parts[2], parts[3]);
    }

    /** The account of an access key: the key itself when it is 12 digits (a LocalStack convention), else null. */
    public static String accountOf(String accessKey) {
        if (accessKey != null && accessKey.length() == 12) {
            for (int i = 0; i < 12; i++) {
                if (!Character.isDigit(accessKey.charAt(i))) {
                    return null;
                }
            }
            return accessKey;
        }
        return null;
    }
}
