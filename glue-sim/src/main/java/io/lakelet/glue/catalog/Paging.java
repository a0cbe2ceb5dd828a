package io.lakelet.glue.catalog;

import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Pages over ordered keys. A NextToken is the key of the last entry returned, relative to the listing's
 * prefix (so a token cannot reach another catalog), in URL-safe base64; the next page starts after it.
 * A page is full when {@code max} matching entries were found and another one follows.
 */
public final class Paging {

    /** One page of results and the token for the next one (null on the last page). */
    public record Page<T>(List<T> items, String nextToken) {
    }

    private Paging() {
    }

    public static <T> Page<T> page(Keyspace ks, byte[] prefix, String token, int max,
                                   Function<byte[], T> read, Predicate<T> filter) {
        return page(ks, prefix, token, max, key -> true, read, filter);
    }

    /**
     * As {@link #page(Keyspace, byte[], String, int, Function, Predicate)}, with a filter on the key that
     * runs before the value is read, so entries it rejects cost no decoding.
     */
    public static <T> Page<T> page(Keyspace ks, byte[] prefix, String token, int max, Predicate<byte[]> keyFilter,
                                   Function<byte[], T> read, Predicate<T> filter) {
        byte[] from = prefix;
        if (token != null && !token.isEmpty()) {
            from = Keys.builder().addBytes(prefix).addBytes(decode(token)).addBytes(new byte[] {0}).build();
        }
        List<T> items = new ArrayList<>();
        byte[] lastKey = null;
        try (Scan scan = ks.scanFrom(prefix, from)) {
            for (Scan.Entry e : scan) {
                if (!keyFilter.test(e.key())) {
                    continue;
                }
                T item = read.apply(e.value());
                if (!filter.test(item)) {
                    continue;
                }
                if (items.size() == max) {
                    return new Page<>(items, encode(Arrays.copyOfRange(lastKey, prefix.length, lastKey.length)));
                }
                items.add(item);
                lastKey = e.key();
            }
        }
        return new Page<>(items, null);
    }

    private static String encode(byte[] suffix) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(suffix);
    }

    private static byte[] decode(String token) {
        try {
            return Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw GlueErrors.invalidInput("Invalid NextToken: " + token);
        }
    }
}
