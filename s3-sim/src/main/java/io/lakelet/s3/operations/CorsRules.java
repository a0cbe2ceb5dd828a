package io.lakelet.s3.operations;

import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.wire.XmlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A bucket's CORS rules, parsed from its {@code <CORSConfiguration>}, and how a preflight is matched against them. */
record CorsRules(List<Rule> rules) {
    private static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");

    record Rule(List<String> origins, List<String> methods, List<String> headers, List<String> exposeHeaders,
                Integer maxAgeSeconds) {

        boolean matchesOrigin(String origin) {
            return origins.stream().anyMatch(o -> wildcard(o, origin));
        }

        boolean allows(String origin, String method, List<String> requestHeaders) {
            if (!matchesOrigin(origin) || !methods.contains(method)) {
                return false;
            }
            for (String h : requestHeaders) {
                if (headers.stream().noneMatch(a -> wildcard(a.toLowerCase(Locale.ROOT), h.toLowerCase(Locale.ROOT)))) {
                    return false;
                }
            }
            return true;
        }
    }

    static CorsRules parse(XmlNode root) {
        if (!root.name().equals("CORSConfiguration")) {
            throw S3Errors.malformedXml();
        }
        List<Rule> rules = new ArrayList<>();
        for (XmlNode r : root.children("CORSRule")) {
            List<String> methods = texts(r, "AllowedMethod");
            for (String m : methods) {
                if (!METHODS.contains(m)) {
                    throw S3Errors.invalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is " + m);
                }
            }
            List<String> origins = texts(r, "AllowedOrigin");
            if (methods.isEmpty() || origins.isEmpty()) {
                throw S3Errors.malformedXml();
            }
            String maxAge = r.childText("MaxAgeSeconds");
            Integer age;
            try {
                age = maxAge == null ? null : Integer.valueOf(maxAge);
            } catch (NumberFormatException e) {
                throw S3Errors.malformedXml();
            }
            rules.add(new Rule(origins, methods, texts(r, "AllowedHeader"), texts(r, "ExposeHeader"), age));
        }
        if (rules.isEmpty() || rules.size() > 100) {
            throw S3Errors.malformedXml();
        }
        return new CorsRules(rules);
    }

    /** The first rule that allows the preflight, or null. */
    Rule match(String origin, String method, List<String> requestHeaders) {
        for (Rule r : rules) {
            if (r.allows(origin, method, requestHeaders)) {
                return r;
            }
        }
        return null;
    }

    private static List<String> texts(XmlNode node, String name) {
        return node.children(name).stream().map(XmlNode::text).toList();
    }

    /** S3 allows one {@code *} wildcard in origins and headers. */
    static boolean wildcard(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(value);
        }
        String head = pattern.substring(0, star);
        String tail = pattern.substring(star + 1);
        return value.length() >= head.length() + tail.length() && value.startsWith(head) && value.endsWith(tail);
    }
}
