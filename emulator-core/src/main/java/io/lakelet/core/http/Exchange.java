package io.lakelet.core.http;

import java.util.List;
import java.util.Map;

/**
 * One request and the means to answer it. A service answers exactly once, from any thread: with a whole
 * {@link Response}, or by opening a {@link ResponseStream}. Answering later than the call that received
 * the exchange (long polls, event streams) is allowed.
 */
public interface Exchange {

    Request request();

    RequestContext context();

    /** Sends a complete response. */
    void respond(Response response);

    /**
     * Starts a streamed response. {@code contentLength} is the exact body length, or -1 for a body of
     * unknown length (chunked on HTTP/1.1, plain DATA frames on HTTP/2).
     */
    ResponseStream stream(int status, List<Map.Entry<String, String>> headers, long contentLength);

    /** Whether a response has been started. */
    boolean responded();
}
