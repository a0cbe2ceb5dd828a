package io.lakelet.core.http;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as a service sees it: method, the raw (undecoded) path, query parameters, headers and a
 * body that is either already aggregated in memory or streamed while the client sends it (see
 * {@link io.lakelet.core.spi.HttpService#streamsBody}).
 */
public final class Request {
    private final String method;
    private final String uri;
    private final String rawPath;
    private final String rawQuery;
    private final Headers headers;
    private final String protocolVersion;
    private final RequestBody body;
    private Map<String, List<String>> query;

    public Request(String method, String uri, Headers headers, String protocolVersion, RequestBody body) {
        this.method = method;
        this.uri = uri;
        int q = uri.indexOf('?');
        this.rawPath = q < 0 ? uri : uri.substring(0, q);
        this.rawQuery = q < 0 ? "" : uri.substring(q + 1);
        this.headers = headers;
        this.protocolVersion = protocolVersion;
        this.body = body;
    }

    public String method() {
        return method;
    }

    /** The request target as sent: path and query, percent-encoded. */
    public String uri() {
        return uri;
    }

    /** The path, still percent-encoded (S3 keys and REST labels decode it themselves). */
    public String rawPath() {
        return rawPath;
    }

    public String rawQuery() {
        return rawQuery;
    }

    public Headers headers() {
        return headers;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** "HTTP/1.1" or "HTTP/2.0". */
    public String protocolVersion() {
        return protocolVersion;
    }

    /** Decoded query parameters in order; a key without '=' has the empty string as its value. */
    public Map<String, List<String>> query() {
        Map<String, List<String>> q = query;
        if (q == null) {
            q = parseQuery(rawQuery);
            query = q;
        }
        return q;
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean hasQueryParam(String name) {
        return query().containsKey(name);
    }

    public RequestBody body() {
        return body;
    }

    /** The body as a stream; for an aggregated body it reads the bytes in memory without copying them. */
    public InputStream bodyStream() {
        return body.stream();
    }

    public static Map<String, List<String>> parseQuery(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(k, x -> new ArrayList<>(1)).add(v);
        }
        return out;
    }

    /** Percent-decodes a query component ('+' is a space, as in form encoding). */
    public static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Percent-decodes a path segment ('+' stays a plus). */
    public static String decodePath(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        return decode(s.replace("+", "%2B"));
    }
}
