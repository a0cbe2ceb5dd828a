package io.lakelet.core.protocol;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.http.Response;
import io.lakelet.core.protocol.shape.SdkShapes;
import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.ServiceDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The awsQuery protocol for any service: {@code POST /} with a form-encoded body
 * ({@code Action=PutMetricData&Version=2010-08-01&...}, or the same as a GET query string), answered with
 * {@code <ActionResponse><ActionResult>} XML in the service's namespace; errors as {@code <ErrorResponse>}
 * with the HTTP status of the error. A gzip-compressed body ({@code Content-Encoding: gzip}, which SDKs send
 * for operations with the {@code requestCompression} trait) is decompressed first.
 *
 * <p>An unknown action is refused with {@code InvalidAction}, a missing one with {@code MissingAction}, as
 * AWS Query services do; an action AWS has but the service lacks is 501 {@code NotImplementedException}.
 */
public final class QueryService implements HttpService {

    private final ServiceDescriptor descriptor;
    private final String xmlNamespace;
    private final OperationTable operations;
    private final long maxBody;

    private QueryService(Builder b) {
        this.descriptor = b.descriptor;
        this.xmlNamespace = b.xmlNamespace;
        this.operations = b.operations.build();
        this.maxBody = b.maxBody;
    }

    /**
     * @param xmlNamespace the namespace of response documents, e.g.
     *                     {@code http://monitoring.amazonaws.com/doc/2010-08-01/}
     */
    public static Builder builder(ServiceDescriptor descriptor, String xmlNamespace) {
        return new Builder(descriptor, xmlNamespace);
    }

    /** The actions this service implements. */
    public Set<String> operationNames() {
        return operations.names();
    }

    @Override
    public long maxAggregatedBody() {
        return maxBody;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        Request request = exchange.request();
        RequestContext ctx = exchange.context();
        Map<String, String> params = new LinkedHashMap<>();
        request.query().forEach((k, v) -> params.put(k, v.get(v.size() - 1)));
        params.putAll(QueryCodec.parseForm(readBody(request)));
        String action = params.get("Action");
        ctx.operation(action);
        if (action == null || action.isEmpty()) {
            throw AwsException.client("MissingAction", "Missing Action");
        }
        OperationTable.Entry op = operations.require(action, () -> AwsException.client("InvalidAction",
                "Could not find operation " + action + " for version " + params.getOrDefault("Version", "") + "."));
        Object input = QueryCodec.readStructure(params, op.inputShape());
        op.handler().invoke(exchange, input, output -> encode(action, ctx, output), error -> renderError(error, request, ctx));
    }

    /** The body as text, gunzipped when the client compressed it; the decompressed size is bounded too. */
    private String readBody(Request request) throws IOException {
        try (InputStream in = CompressedBodies.open(request, maxBody)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Response encode(String action, RequestContext ctx, Object output) {
        Shape shape = output == null ? null : SdkShapes.of(((SdkPojo) output).getClass());
        byte[] body = QueryCodec.writeResponse(action, xmlNamespace, output, shape, ctx.requestId());
        return Response.status(200)
                .header("Content-Type", "text/xml")
                .header("x-amzn-RequestId", ctx.requestId())
                .body(body).build();
    }

    @Override
    public Response renderError(AwsException error, Request request, RequestContext context) {
        String type = error.fault() == AwsException.Fault.SENDER ? "Sender" : "Receiver";
        byte[] body = QueryCodec.writeError(xmlNamespace, type, error.code(), error.getMessage(), context.requestId());
        Response.Builder b = Response.status(error.status())
                .header("Content-Type", "text/xml")
                .header("x-amzn-RequestId", context.requestId());
        error.headers().forEach(b::header);
        return b.body(body).build();
    }

    /** Registers the actions of one service. */
    public static final class Builder {
        private final ServiceDescriptor descriptor;
        private final String xmlNamespace;
        private final OperationTable.Builder operations;
        private long maxBody = 16L * 1024 * 1024;

        private Builder(ServiceDescriptor descriptor, String xmlNamespace) {
            this.descriptor = descriptor;
            this.xmlNamespace = xmlNamespace;
            this.operations = new OperationTable.Builder(descriptor.displayName());
        }

        public <I extends SdkPojo, O extends SdkPojo> Builder operation(String name, Class<I> input,
                                                                         Operation<? super I, O> op) {
            return add(name, SdkShapes.of(input), TypedHandler.of(op));
        }

        public <I extends SdkPojo, O extends SdkPojo> Builder asyncOperation(String name, Class<I> input,
                                                                              AsyncOperation<? super I, O> op) {
            return add(name, SdkShapes.of(input), TypedHandler.ofAsync(op));
        }

        /** Declares every action of the AWS API, so one not built yet is refused as not implemented. */
        public Builder knownOperationsOf(Class<?> clientInterface) {
            operations.knownOperationsOf(clientInterface);
            return this;
        }

        /** The largest body accepted, compressed or decompressed (default 16 MiB). */
        public Builder maxBody(long bytes) {
            this.maxBody = bytes;
            return this;
        }

        private Builder add(String name, Shape inputShape, TypedHandler handler) {
            operations.add(name, inputShape, handler);
            return this;
        }

        public QueryService build() {
            return new QueryService(this);
        }
    }
}
