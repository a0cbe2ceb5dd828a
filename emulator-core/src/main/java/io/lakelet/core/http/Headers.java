package io.lakelet.core.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The headers of a request, case-insensitive, read-only. A thin view over the server's own header map so
 * that services read headers without copying and without depending on Netty.
 */
public final class Headers {
    private final HttpHeaders headers;

    public Headers(HttpHeaders headers) {
        this.headers = headers;
    }

    /** The first value of the header, or null. */
    public String get(String name) {
        return headers.get(name);
    }

    public String get(String name, String defaultValue) {
        String v = headers.get(name);
        return v == null ? defaultValue : v;
    }

    public List<String> getAll(String name) {
        return headers.getAll(name);
    }

    public boolean contains(String name) {
        return headers.contains(name);
    }

    public Set<String> names() {
        return headers.names();
    }

    /** Every header in arrival order, names as sent. */
    public Iterable<Map.Entry<String, String>> entries() {
        return headers;
    }
}
