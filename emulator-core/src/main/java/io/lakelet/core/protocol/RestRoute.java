package io.lakelet.core.protocol;

import io.lakelet.core.http.Request;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One restJson1 route: an HTTP method and a URI template such as
 * {@code /v1/clusters/{clusterArn}/bootstrap-brokers}, {@code /objects/{key+}} (a greedy label spans
 * several segments) or {@code /jobs?type=batch} (literal query parts the request must carry).
 * Labels take whole segments and are percent-decoded.
 */
public final class RestRoute {
    /** More specific routes first: more literal segments, then no greedy label, then more literal query parts. */
    static final Comparator<RestRoute> SPECIFIC_FIRST = Comparator
            .comparingInt((RestRoute r) -> -r.literalSegments)
            .thenComparingInt(r -> r.greedyIndex >= 0 ? 1 : 0)
            .thenComparingInt(r -> -r.literalQuery.size());

    private final String method;
    private final String template;
    private final List<String> segments;
    private final int greedyIndex;
    private final int literalSegments;
    private final Map<String, String> literalQuery;

    private RestRoute(String method, String template) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.template = template;
        int q = template.indexOf('?');
        String path = q < 0 ? template : template.substring(0, q);
        this.segments = split(path);
        this.literalQuery = new LinkedHashMap<>();
        if (q >= 0) {
            for (String part : template.substring(q + 1).split("&")) {
                if (!part.isEmpty()) {
                    int eq = part.indexOf('=');
                    literalQuery.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? null : part.substring(eq + 1));
                }
            }
        }
        int greedy = -1;
        int literals = 0;
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (s.startsWith("{") && s.endsWith("+}")) {
                if (greedy >= 0) {
                    throw new IllegalArgumentException("two greedy labels in " + template);
                }
                greedy = i;
            } else if (!isLabel(s)) {
                literals++;
            }
        }
        this.greedyIndex = greedy;
        this.literalSegments = literals;
    }

    /** A route for {@code method} and {@code uriTemplate}; throws IllegalArgumentException on a bad template. */
    public static RestRoute of(String method, String uriTemplate) {
        if (uriTemplate == null || !uriTemplate.startsWith("/")) {
            throw new IllegalArgumentException("a URI template starts with '/': " + uriTemplate);
        }
        return new RestRoute(method, uriTemplate);
    }

    public String method() {
        return method;
    }

    public String template() {
        return template;
    }

    /**
     * The decoded labels of a request this route matches, or null when it does not match. The method is
     * not compared here (see {@link #method()}), so a caller can tell a wrong method from no route.
     */
    public Map<String, String> match(Request request) {
        List<String> actual = split(request.rawPath());
        Map<String, String> labels = new LinkedHashMap<>();
        if (greedyIndex < 0) {
            if (actual.size() != segments.size()) {
                return null;
            }
            for (int i = 0; i < segments.size(); i++) {
                if (!matchSegment(segments.get(i), actual.get(i), labels)) {
                    return null;
                }
            }
        } else {
            int after = segments.size() - greedyIndex - 1;
            if (actual.size() < segments.size()) {
                return null;
            }
            for (int i = 0; i < greedyIndex; i++) {
                if (!matchSegment(segments.get(i), actual.get(i), labels)) {
                    return null;
                }
            }
            for (int i = 0; i < after; i++) {
                if (!matchSegment(segments.get(segments.size() - 1 - i), actual.get(actual.size() - 1 - i), labels)) {
                    return null;
                }
            }
            List<String> spanned = actual.subList(greedyIndex, actual.size() - after);
            StringBuilder value = new StringBuilder();
            for (String s : spanned) {
                if (value.length() > 0) {
                    value.append('/');
                }
                value.append(Request.decodePath(s));
            }
            if (value.length() == 0) {
                return null;
            }
            String label = segments.get(greedyIndex);
            labels.put(label.substring(1, label.length() - 2), value.toString());
        }
        for (Map.Entry<String, String> q : literalQuery.entrySet()) {
            List<String> values = request.query().get(q.getKey());
            if (values == null || q.getValue() != null && !values.contains(q.getValue())) {
                return null;
            }
        }
        return labels;
    }

    /** The query keys the template fixes; they are not input members. */
    java.util.Set<String> literalQueryKeys() {
        return literalQuery.keySet();
    }

    private static boolean matchSegment(String pattern, String actual, Map<String, String> labels) {
        if (isLabel(pattern)) {
            if (actual.isEmpty()) {
                return false;
            }
            labels.put(pattern.substring(1, pattern.length() - 1), Request.decodePath(actual));
            return true;
        }
        return pattern.equals(actual) || pattern.equals(Request.decodePath(actual));
    }

    private static boolean isLabel(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}") && !segment.endsWith("+}");
    }

    /** Path segments without the leading slash; a trailing slash gives a last empty segment. */
    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        if (path.isEmpty() || path.equals("/")) {
            return out;
        }
        int start = path.startsWith("/") ? 1 : 0;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                out.add(path.substring(start));
                return out;
            }
            out.add(path.substring(start, slash));
            start = slash + 1;
        }
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
