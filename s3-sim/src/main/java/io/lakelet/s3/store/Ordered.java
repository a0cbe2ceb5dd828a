package io.lakelet.s3.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copies of maps that keep insertion order (tags and metadata come back in the order sent). */
final class Ordered {
    private Ordered() {
    }

    static Map<String, String> copy(Map<String, String> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
