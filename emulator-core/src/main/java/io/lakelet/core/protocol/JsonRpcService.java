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
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The awsJson1_1 protocol (and its CBOR variant) for any service: {@code POST /} with
 * {@code X-Amz-Target: <prefix>.<Operation>}, the input as a JSON (or CBOR) document, the output likewise,
 * errors as {@code {"__type": code, "message": ...}} plus {@code x-amzn-ErrorType}. A service registers
 * typed operations against the SDK's model classes; this class does all the wire work. A body sent with
 * {@code Content-Encoding: gzip} (the {@code requestCompression} trait) is decompressed first.
 */
public final class JsonRpcService implements HttpService {
    public static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
    public static final String JSON_1_0_CONTENT_TYPE = "application/x-amz-json-1.0";
    public static final String CBOR_CONTENT_TYPE = "application/x-amz-cbor-1.1";

    private final ServiceDescriptor descriptor;
    private final OperationTable operations;
    private final BiConsumer<RequestContext, Response.Builder> decorator;
    private final UnaryOperator<String> errorType;
    private final InputCheck inputCheck;

    private JsonRpcService(Builder b) {
        this.descriptor = b.descriptor;
        this.operations = b.operations.build();
        this.decorator = b.decorator;
        this.errorType = b.errorType;
        this.inputCheck = b.inputCheck;
    }

    /**
     * A check of every decoded input before its operation runs, such as a rate limit; it refuses a call
     * by throwing an {@link AwsException}.
     */
    @FunctionalInterface
    public interface InputCheck {
        void check(RequestContext ctx, String operation, Object input);
    }

    public static Builder builder(ServiceDescriptor descriptor) {
        return new Builder(descriptor);
    }

    /** The operations this service implements. */
    public Set<String> operationNames() {
        return operations.names();
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        Request request = exchange.request();
        RequestContext ctx = exchange.context();
        String operation = operationName(request.header("X-Amz-Target"));
        ctx.operation(operation);
        OperationTable.Entry op = operations.require(operation, () -> CommonErrors.unknownOperation(operation));
        JsonCodec codec = codecFor(request);
        Shape.StructBuilder builder = op.inputShape().newStruct();
        if (request.body().isAggregated() && !CompressedBodies.isCompressed(request)) {
            // In memory already: parsing the bytes lets the codec decode blobs in place.
            byte[] body = request.body().readAllBytes();
            codec.readStructure(body, 0, body.length, op.inputShape(), builder);
        } else {
            try (java.io.InputStream body = CompressedBodies.open(request, maxAggregatedBody())) {
                codec.readStructure(body, op.inputShape(), builder);
            }
        }
        Object input = builder.build();
        if (inputCheck != null) {
            inputCheck.check(ctx, operation, input);
        }
        op.handler().invoke(exchange, input, output -> encode(codec, request, ctx, output),
                error -> renderError(error, request, ctx));
    }

    /** The codec for a request: CBOR when the client sent CBOR, JSON otherwise. */
    public static JsonCodec codecFor(Request request) {
        String type = request.header("Content-Type");
        return type != null && type.startsWith(CBOR_CONTENT_TYPE) ? JsonCodec.CBOR : JsonCodec.JSON;
    }

    private Response encode(JsonCodec codec, Request request, RequestContext ctx, Object output) {
        ByteSink sink = new ByteSink();
        if (output == null) {
            sink.writeBytes(codec.isCbor() ? new byte[] {(byte) 0xA0} : new byte[] {'{', '}'});
        } else {
            codec.writeStructure(sink, output, SdkShapes.of(((SdkPojo) output).getClass()));
        }
        Response.Builder b = Response.status(200)
                .header("Content-Type", responseContentType(codec, request))
                .header("x-amzn-RequestId", ctx.requestId());
        decorator.accept(ctx, b);
        return b.body(sink.buffer(), 0, sink.size()).build();
    }

    @Override
    public Response renderError(AwsException error, Request request, RequestContext context) {
        return renderJsonError(error, errorType.apply(error.code()), codecFor(request), descriptor.jsonMessageKey(),
                request, context, decorator);
    }

    /** The response's content type: CBOR, or the JSON version the client sent (1.0 for DynamoDB, else 1.1). */
    private static String responseContentType(JsonCodec codec, Request request) {
        if (codec.isCbor()) {
            return CBOR_CONTENT_TYPE;
        }
        String sent = request == null ? null : request.header("Content-Type");
        return sent != null && sent.startsWith(JSON_1_0_CONTENT_TYPE) ? JSON_1_0_CONTENT_TYPE : JSON_CONTENT_TYPE;
    }

    /** Renders an error the awsJson1_1 way (also used by the router before a service is known). */
    public static Response renderJsonError(AwsException error, JsonCodec codec, String messageKey,
                                           Request request, RequestContext context,
                                           BiConsumer<RequestContext, Response.Builder> decorator) {
        return renderJsonError(error, error.code(), codec, messageKey, request, context, decorator);
    }

    /**
     * Renders an error with {@code bodyType} as the body's {@code __type} (services such as DynamoDB send
     * it with a namespace); the {@code x-amzn-ErrorType} header keeps the bare code, as the SDKs read it.
     */
    public static Response renderJsonError(AwsException error, String bodyType, JsonCodec codec, String messageKey,
                                           Request request, RequestContext context,
                                           BiConsumer<RequestContext, Response.Builder> decorator) {
        ByteSink sink = new ByteSink();
        codec.writeError(sink, bodyType, messageKey, error.getMessage(), error.fields());
        Response.Builder b = Response.status(error.status())
                .header("Content-Type", responseContentType(codec, request))
                .header("x-amzn-RequestId", context.requestId())
                .header("x-amzn-ErrorType", error.code());
        error.headers().forEach(b::header);
        if (decorator != null) {
            decorator.accept(context, b);
        }
        return b.body(sink.buffer(), 0, sink.size()).build();
    }

    private static String operationName(String target) {
        if (target == null) {
            return null;
        }
        int dot = target.lastIndexOf('.');
        return dot < 0 ? target : target.substring(dot + 1);
    }

    /** Registers the operations of one service. */
    public static final class Builder {
        private final ServiceDescriptor descriptor;
        private final OperationTable.Builder operations;
        private BiConsumer<RequestContext, Response.Builder> decorator = (c, b) -> { };
        private UnaryOperator<String> errorType = UnaryOperator.identity();
        private InputCheck inputCheck;

        private Builder(ServiceDescriptor descriptor) {
            this.descriptor = descriptor;
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

        public <I extends SdkPojo> Builder exchangeOperation(String name, Class<I> input, ExchangeOperation<? super I> op) {
            return add(name, SdkShapes.of(input), TypedHandler.ofExchange(op));
        }

        /**
         * Declares every operation of the AWS API, taken from the SDK's client interface, so that one
         * Lakelet does not implement yet is refused as not implemented rather than as unknown.
         */
        public Builder knownOperationsOf(Class<?> clientInterface) {
            operations.knownOperationsOf(clientInterface);
            return this;
        }

        /** Adds headers to every successful and failed response (e.g. Kinesis's {@code x-amz-id-2}). */
        public Builder decorateResponses(BiConsumer<RequestContext, Response.Builder> decorator) {
            this.decorator = decorator;
            return this;
        }

        /**
         * How an error code appears as the body's {@code __type}, for services that qualify it with a
         * namespace ({@code com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException}).
         */
        public Builder errorType(UnaryOperator<String> errorType) {
            this.errorType = errorType;
            return this;
        }

        /** Runs {@code check} on every decoded input before its operation. */
        public Builder checkInputs(InputCheck check) {
            this.inputCheck = check;
            return this;
        }

        private Builder add(String name, Shape inputShape, TypedHandler handler) {
            operations.add(name, inputShape, handler);
            return this;
        }

        public JsonRpcService build() {
            return new JsonRpcService(this);
        }
    }
}
