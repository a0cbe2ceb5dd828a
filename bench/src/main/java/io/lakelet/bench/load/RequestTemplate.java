package io.lakelet.bench.load;

import java.util.List;
import java.util.Map;

/**
 * The one request a load run sends again and again: a method, a target, fixed headers and a body (which
 * may be empty). Clients encode it once and resend the bytes, so the client's own cost per request stays
 * small.
 *
 * @param method the HTTP method, e.g. {@code POST}, {@code PUT} or {@code GET}
 * @param path the request target, e.g. {@code /}
 * @param headers header names in lower case (HTTP/2 requires it, HTTP/1.1 does not mind), without
 *        {@code host} and {@code content-length}, which the clients add
 * @param body the body bytes, empty for none
 */
public record RequestTemplate(String method, String path, List<Map.Entry<String, String>> headers, byte[] body) {

    public RequestTemplate {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    /** A {@code POST} of {@code body}. */
    public RequestTemplate(String path, List<Map.Entry<String, String>> headers, byte[] body) {
        this("POST", path, headers, body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body's length, without copying it. */
    public int bodyLength() {
        return body.length;
    }

    /** Whether the request has a body, so a {@code content-length} is sent: always, except a bodiless GET or HEAD. */
    boolean sendsContentLength() {
        return body.length > 0 || !(method.equals("GET") || method.equals("HEAD"));
    }
}
