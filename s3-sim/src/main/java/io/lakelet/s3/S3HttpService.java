package io.lakelet.s3;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.http.Response;
import io.lakelet.core.spi.HttpService;
import io.lakelet.s3.error.S3Errors;
import io.lakelet.s3.operations.S3Call;
import io.lakelet.s3.wire.CommonHeaders;
import io.lakelet.s3.wire.Presign;
import io.lakelet.s3.wire.S3Address;
import io.lakelet.s3.wire.S3ErrorRenderer;
import java.time.Clock;

/**
 * S3's HTTP edge: finds the operation of a request (method, bucket, key and sub-resource), runs it, and
 * renders errors as S3 XML. Object uploads stream their bodies; everything else is aggregated.
 */
final class S3HttpService implements HttpService {
    private static final long DRAIN_LIMIT = 1024 * 1024;

    private final S3Routes routes;
    private final Clock clock;

    S3HttpService(S3Routes routes, Clock clock) {
        this.routes = routes;
        this.clock = clock;
    }

    @Override
    public boolean streamsBody(Request head) {
        if (!"PUT".equals(head.method())) {
            return false;
        }
        S3Address address = S3Address.of(head);
        return address.key() != null && !head.hasQueryParam("tagging") && !head.hasQueryParam("acl")
                && !head.hasQueryParam("retention") && !head.hasQueryParam("legal-hold");
    }

    @Override
    public long maxAggregatedBody() {
        return 16L * 1024 * 1024;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        Request request = exchange.request();
        long now = clock.millis();
        Presign.checkExpiry(request, now);
        S3Call call = new S3Call(exchange, S3Address.of(request), now);
        try {
            routes.dispatch(call);
        } catch (java.io.IOException e) {
            // The client went away or sent less than it declared; nothing was committed.
            throw S3Errors.incompleteBody();
        } catch (AwsException e) {
            drainUnreadBody(request);
            throw e;
        }
    }

    /**
     * Reads and drops a small streamed body that an error left unread, so an HTTP/1.1 client that is still
     * sending it gets the answer on a clean connection. Large bodies are not drained: the connection closes.
     */
    private static void drainUnreadBody(Request request) {
        long declared = request.body().declaredLength();
        if (request.body().isAggregated() || declared < 0 || declared > DRAIN_LIMIT) {
            return;
        }
        try (java.io.InputStream in = request.body().stream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IllegalStateException | java.io.IOException e) {
            // Already partly read, or the client went away: the server closes the connection instead.
        }
    }

    @Override
    public Response renderError(AwsException error, Request request, RequestContext context) {
        String resource;
        try {
            resource = S3Address.of(request).resource();
        } catch (RuntimeException e) {
            resource = request.rawPath();
        }
        return S3ErrorRenderer.render(error, request.method(), resource, CommonHeaders.requestId(context),
                CommonHeaders.of(context));
    }

    static AwsException unsupported(String method, S3Address address) {
        return S3Errors.methodNotAllowed(method, address.key() != null ? "OBJECT" : address.bucket() != null ? "BUCKET"
                : "SERVICE");
    }
}
