package io.lakelet.core.protocol;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.Headers;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestBody;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.http.Response;
import io.lakelet.core.http.ResponseStream;
import io.lakelet.core.spi.HttpService;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An exchange held in memory, to drive an {@link HttpService} without a server, as the server would. */
final class InMemoryExchange implements Exchange {
    private final Request request;
    private final RequestContext context = new RequestContext("req-1", "000000000000", "us-east-1", null, "test",
            Instant.EPOCH);
    private Response response;

    InMemoryExchange(String method, String uri, Map<String, String> headers, byte[] body) {
        DefaultHttpHeaders h = new DefaultHttpHeaders();
        headers.forEach(h::add);
        this.request = new Request(method, uri, new Headers(h), "HTTP/1.1", new RequestBody() {
            @Override
            public InputStream stream() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public long declaredLength() {
                return body.length;
            }

            @Override
            public boolean isAggregated() {
                return true;
            }
        });
    }

    /** Runs the service on this exchange and returns its answer, rendering a thrown error as the server does. */
    Response run(HttpService service) throws Exception {
        try {
            service.handle(this);
        } catch (AwsException e) {
            respond(service.renderError(e, request, context));
        }
        if (response == null) {
            throw new AssertionError("the service did not answer");
        }
        return response;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public RequestContext context() {
        return context;
    }

    @Override
    public void respond(Response r) {
        if (response != null) {
            throw new IllegalStateException("answered twice");
        }
        response = r;
    }

    @Override
    public ResponseStream stream(int status, List<Map.Entry<String, String>> headers, long contentLength) {
        throw new UnsupportedOperationException("streamed responses are not used here");
    }

    @Override
    public boolean responded() {
        return response != null;
    }
}
