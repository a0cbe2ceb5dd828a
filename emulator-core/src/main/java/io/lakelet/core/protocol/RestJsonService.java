package io.lakelet.core.protocol;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.CommonErrors;
import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.http.Response;
import io.lakelet.core.protocol.shape.SdkShapes;
import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.ServiceDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The restJson1 protocol for any service: each operation has an HTTP method and a URI template, its input
 * members come from path labels, query parameters, headers and a JSON body, its output goes to headers,
 * the status code and a JSON body, and errors carry their code in {@code x-amzn-ErrorType} with
 * {@code {"message": ...}} as the body. A service registers typed operations against the SDK's model
 * classes; the routes come from the SDK's request marshallers, so they match what the SDK sends.
 */
public final class RestJsonService implements HttpService {
    public static final String CONTENT_TYPE = "application/json";

    private final ServiceDescriptor descriptor;
    private final List<Registered> routes;
    private final String malformedCode;
    private final BiConsumer<RequestContext, Response.Builder> decorator;

    private RestJsonService(Builder b) {
        this.descriptor = b.descriptor;
        List<Registered> all = new ArrayList<>();
        for (Registered r : b.operations.values()) {
            Integer status = b.statuses.get(r.name);
            all.add(status == null ? r : new Registered(r.name, r.route, r.inputShape, r.outputShape, status,
                    r.handler));
        }
        for (String name : b.statuses.keySet()) {
            if (!b.operations.containsKey(name)) {
                throw new IllegalArgumentException("a success status for " + name + ", which is not registered");
            }
        }
        for (Map.Entry<String, RestRoute> known : b.known.entrySet()) {
            if (!b.operations.containsKey(known.getKey())) {
                all.add(new Registered(known.getKey(), known.getValue(), null, null, 200, null));
            }
        }
        all.sort((x, y) -> RestRoute.SPECIFIC_FIRST.compare(x.route, y.route));
        this.routes = List.copyOf(all);
        this.malformedCode = b.malformedCode;
        this.decorator = b.decorator;
    }

    public static Builder builder(ServiceDescriptor descriptor) {
        return new Builder(descriptor);
    }

    /** The route of every operation this service implements, by operation name. */
    public Map<String, RestRoute> routes() {
        Map<String, RestRoute> out = new LinkedHashMap<>();
        for (Registered r : routes) {
            if (r.handler != null) {
                out.put(r.name, r.route);
            }
        }
        return out;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        Request request = exchange.request();
        RequestContext ctx = exchange.context();
        Registered op = null;
        Map<String, String> labels = null;
        for (Registered r : routes) {
            if (r.route.method().equals(request.method())) {
                labels = r.route.match(request);
                if (labels != null) {
                    op = r;
                    break;
                }
            }
        }
        if (op == null) {
            throw new AwsException("UnknownOperationException", 404,
                    "No operation of " + descriptor.displayName() + " matches " + request.method() + " "
                            + request.rawPath() + ".");
        }
        ctx.operation(op.name);
        if (op.handler == null) {
            throw CommonErrors.notImplemented(descriptor.displayName(), op.name);
        }
        Object input;
        try {
            input = RestJsonBinding.readInput(request, labels, op.route.literalQueryKeys(), op.inputShape);
        } catch (AwsException e) {
            throw "SerializationException".equals(e.code()) ? RestJsonBinding.malformed(e, malformedCode) : e;
        }
        Registered running = op;
        op.handler.invoke(exchange, input, output -> encode(running, ctx, output),
                error -> renderError(error, request, ctx));
    }

    private Response encode(Registered op, RequestContext ctx, Object output) {
        Shape shape = output == null ? null : op.outputShape.apply(output);
        Response.Builder b = shape == null ? RestJsonBinding.emptyOutput(op.successStatus)
                : RestJsonBinding.writeOutput(output, shape, op.successStatus);
        b.header("x-amzn-RequestId", ctx.requestId());
        decorator.accept(ctx, b);
        return b.build();
    }

    @Override
    public Response renderError(AwsException error, Request request, RequestContext context) {
        return renderRestJsonError(error, descriptor.jsonMessageKey(), context, decorator);
    }

    /** Renders an error the restJson1 way: status, {@code x-amzn-ErrorType}, and the message and fields as JSON. */
    public static Response renderRestJsonError(AwsException error, String messageKey, RequestContext context,
                                               BiConsumer<RequestContext, Response.Builder> decorator) {
        ByteSink sink = new ByteSink();
        JsonCodec.JSON.writeError(sink, null, messageKey, error.getMessage(), error.fields());
        Response.Builder b = Response.status(error.status())
                .header("Content-Type", CONTENT_TYPE)
                .header("x-amzn-RequestId", context.requestId())
                .header("x-amzn-ErrorType", error.code());
        error.headers().forEach(b::header);
        if (decorator != null) {
            decorator.accept(context, b);
        }
        return b.body(sink.buffer(), 0, sink.size()).build();
    }

    /** A routed operation; {@code handler} is null for an API operation Lakelet does not implement. */
    private record Registered(String name, RestRoute route, Shape inputShape, Function<Object, Shape> outputShape,
                              int successStatus, TypedHandler handler) {
    }

    /** Registers the operations of one service. */
    public static final class Builder {
        private static final Function<Object, Shape> SDK_OUTPUT = out -> SdkShapes.of(((SdkPojo) out).getClass());

        private final ServiceDescriptor descriptor;
        private final Map<String, Registered> operations = new LinkedHashMap<>();
        private final Map<String, RestRoute> known = new LinkedHashMap<>();
        private final Map<String, Integer> statuses = new LinkedHashMap<>();
        private String malformedCode = "SerializationException";
        private BiConsumer<RequestContext, Response.Builder> decorator = (c, b) -> { };

        private Builder(ServiceDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        public <I extends SdkPojo, O extends SdkPojo> Builder operation(String name, Class<I> input,
                                                                         Operation<? super I, O> op) {
            return add(new Registered(name, SdkRoutes.routeOf(input), SdkShapes.of(input), SDK_OUTPUT, 200,
                    TypedHandler.of(op)));
        }

        public <I extends SdkPojo, O extends SdkPojo> Builder asyncOperation(String name, Class<I> input,
                                                                              AsyncOperation<? super I, O> op) {
            return add(new Registered(name, SdkRoutes.routeOf(input), SdkShapes.of(input), SDK_OUTPUT, 200,
                    TypedHandler.ofAsync(op)));
        }

        public <I extends SdkPojo> Builder exchangeOperation(String name, Class<I> input, ExchangeOperation<? super I> op) {
            return add(new Registered(name, SdkRoutes.routeOf(input), SdkShapes.of(input), SDK_OUTPUT, 200,
                    TypedHandler.ofExchange(op)));
        }

        /**
         * Registers an operation described by shapes rather than SDK classes (a model the SDK does not
         * ship, such as the protocol conformance services): its route, its success status, and the
         * shapes of its input and output.
         */
        public Builder shapeOperation(String name, RestRoute route, int successStatus, Shape input, Shape output,
                                      Operation<Object, Object> op) {
            return add(new Registered(name, route, input, out -> output, successStatus, TypedHandler.of(op)));
        }

        /**
         * Declares every operation of the AWS API, taken from the SDK's client interface, so that a request
         * on the route of one Lakelet does not implement yet is refused as not implemented, not unknown.
         */
        public Builder knownOperationsOf(Class<?> clientInterface) {
            TypedHandler.apiOperations(clientInterface).forEach((name, request) -> {
                RestRoute route = SdkRoutes.routeOrNull(request);
                if (route != null) {
                    known.putIfAbsent(name, route);
                }
            });
            return this;
        }

        /**
         * The error code of a request whose body, labels, query or headers cannot be read
         * ({@code SerializationException} unless the service uses another, e.g. MSK's
         * {@code BadRequestException}).
         */
        public Builder malformedRequestCode(String code) {
            this.malformedCode = code;
            return this;
        }

        /**
         * The status of a successful answer of {@code operation} when it is not 200 (the SDK's marshallers
         * do not carry it): e.g. MSK's TagResource answers 204. An output member bound to the status code
         * still wins.
         */
        public Builder successStatus(String operation, int status) {
            statuses.put(operation, status);
            return this;
        }

        /** Adds headers to every successful and failed response. */
        public Builder decorateResponses(BiConsumer<RequestContext, Response.Builder> decorator) {
            this.decorator = decorator;
            return this;
        }

        private Builder add(Registered r) {
            if (operations.putIfAbsent(r.name, r) != null) {
                throw new IllegalArgumentException("operation " + r.name + " registered twice");
            }
            return this;
        }

        public RestJsonService build() {
            return new RestJsonService(this);
        }
    }
}
