package io.lakelet.bench.load;

import java.util.List;
import java.util.Map;

/**
 * The one request a load run sends again and again: a {@code POST} with fixed headers and body. Clients
 * encode it once and resend the bytes, so the client's own cost per request stays small.
 *
 * @param path the request target, e.g. {@code /}
 * @param headers header names in lower case (HTTP/2 requires it, HTTP/1.1 does not mind), without
 *        {@code host} and {@code content-length}, which the clients add
 * @param body the body bytes
 */
public record RequestTemplate(String path, List<Map.Entry<String, String>> headers, byte[] body) {

    public RequestTemplate {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
