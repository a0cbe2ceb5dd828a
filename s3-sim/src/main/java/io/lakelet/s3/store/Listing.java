package io.lakelet.s3.store;

import java.util.List;

/**
 * One page of a listing in key order: objects, the common prefixes rolled up at the delimiter, and the
 * last key or prefix returned (where the next page starts) when the page is truncated.
 */
public record Listing(List<ObjectMeta> objects, List<String> commonPrefixes, boolean truncated, String last) {
}
