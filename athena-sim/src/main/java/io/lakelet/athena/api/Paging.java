package io.lakelet.athena.api;

import io.lakelet.athena.AthenaErrors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * NextToken paging over a list in key order: the token is the (opaque) key of the last item returned,
 * so a page stays correct when items are added or removed between calls.
 */
final class Paging {
    record Page<T>(List<T> items, String nextToken) {
    }

    private Paging() {
    }

    static <T> Page<T> page(List<T> sorted, Function<T, String> key, String nextToken, int max) {
        int from = 0;
        if (nextToken != null) {
            String after = decode(nextToken);
            while (from < sorted.size() && key.apply(sorted.get(from)).compareTo(after) <= 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + max);
        List<T> items = sorted.subList(from, to);
        String next = to < sorted.size() ? encode(key.apply(sorted.get(to - 1))) : null;
        return new Page<>(List.copyOf(items), next);
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AthenaErrors.invalidRequest("Invalid NextToken: " + token);
        }
    }
}
