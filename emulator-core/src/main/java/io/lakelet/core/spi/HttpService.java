package io.lakelet.core.spi;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.http.Response;

/**
 * The entry point of a running service: the server hands it every request routed to it.
 * {@link #handle} runs on a worker thread, never on the event loop, and may block (storage, streamed
 * bodies); a service that answers later (long polls, event streams) keeps the exchange and answers from
 * another thread.
 *
 * <p>JSON services do not implement this by hand: {@link io.lakelet.core.protocol.JsonRpcService} and
 * {@link io.lakelet.core.protocol.RestJsonService} decode typed requests and encode typed responses.
 */
public interface HttpService {

    /**
     * Handles one request. An {@link AwsException} thrown here is rendered by {@link #renderError}. An
     * aggregated request body is valid until this method returns: read it here, even when answering later.
     */
    void handle(Exchange exchange) throws Exception;

    /**
     * Whether the body of this request should be streamed to {@link #handle} as it arrives rather than
     * aggregated first. Called on the event loop with only the request head: it must be cheap.
     */
    default boolean streamsBody(Request head) {
        return false;
    }

    /** The largest body this service accepts when aggregated. */
    default long maxAggregatedBody() {
        return 64L * 1024 * 1024;
    }

    /** Renders an error as this service's protocol does. */
    Response renderError(AwsException error, Request request, RequestContext context);
}
