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
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Smithy's rpcv2Cbor protocol: {@code POST /service/<ServiceName>/operation/<Operation>} with header
 * {@code smithy-protocol: rpc-v2-cbor}, input and output as CBOR maps (timestamps epoch seconds under tag 1),
 * errors as {@code {"__type": code, "message": ...}}. Botocore picks it for services that list it first
 * (CloudWatch). For a service that was awsQuery before ({@code awsQueryCompatible}), errors also carry
 * {@code x-amzn-query-error: Code;Sender}, from which clients take the Query error code. A gzip body
 * ({@code requestCompression}: the Java SDK compresses CloudWatch PutMetricData over 10 KB) is decompressed.
 */
public final class RpcV2CborService implements HttpService {
    public static final String CONTENT_TYPE = "application/cbor";
    public static final String PROTOCOL_HEADER = "smithy-protocol";
    public static final String PROTOCOL = "rpc-v2-cbor";

    private final ServiceDescriptor descriptor;
    private final OperationTable operations;
    private final boolean queryCompatible;
    private final UnaryOperator<String> errorShapeOf;

    private RpcV2CborService(Builder b) {
        this.descriptor = b.descriptor;
        this.operations = b.operations.build();
        this.queryCompatible = b.queryCompatible;
        this.errorShapeOf = b.errorShapeOf;
    }

    public static Builder builder(ServiceDescriptor descriptor) {
        return new Builder(descriptor);
    }

    /** Whether a request speaks this protocol (it says so in {@code smithy-protocol}). */
    public static boolean isRpcV2Cbor(Request request) {
        return PROTOCOL.equals(request.header(PROTOCOL_HEADER));
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        Request request = exchange.request();
        RequestContext ctx = exchange.context();
        String operation = operationName(request.rawPath());
        ctx.operation(operation);
        OperationTable.Entry op = operations.require(operation, () -> CommonErrors.unknownOperation(operation));
        Shape.StructBuilder builder = op.inputShape().newStruct();
        try (java.io.InputStream body = CompressedBodies.open(request, maxAggregatedBody())) {
            JsonCodec.RPC_V2_CBOR.readStructure(body, op.inputShape(), builder);
        }
        op.handler().invoke(exchange, builder.build(), output -> encode(ctx, output),
                error -> renderError(error, request, ctx));
    }

    /** The operation of {@code /service/<name>/operation/<Operation>}, or null for another path. */
    static String operationName(String path) {
        int at = path.lastIndexOf("/operation/");
        if (!path.startsWith("/service/") || at < 0) {
            return null;
        }
        String name = path.substring(at + "/operation/".length());
        return name.isEmpty() || name.contains("/") ? null : name;
    }

    private Response encode(RequestContext ctx, Object output) {
        ByteSink sink = new ByteSink();
        if (output == null) {
            sink.writeBytes(new byte[] {(byte) 0xA0});
        } else {
            JsonCodec.RPC_V2_CBOR.writeStructure(sink, output, SdkShapes.of(((SdkPojo) output).getClass()));
        }
        return Response.status(200)
                .header("Content-Type", CONTENT_TYPE)
                .header(PROTOCOL_HEADER, PROTOCOL)
                .header("x-amzn-RequestId", ctx.requestId())
                .body(sink.buffer(), 0, sink.size()).build();
    }

    @Override
    public Response renderError(AwsException error, Request request, RequestContext context) {
        ByteSink sink = new ByteSink();
        JsonCodec.RPC_V2_CBOR.writeError(sink, errorShapeOf.apply(error.code()), "message", error.getMessage(),
                error.fields());
        Response.Builder b = Response.status(error.status())
                .header("Content-Type", CONTENT_TYPE)
                .header(PROTOCOL_HEADER, PROTOCOL)
                .header("x-amzn-RequestId", context.requestId());
        if (queryCompatible) {
            b.header("x-amzn-query-error", error.code() + ";"
                    + (error.fault() == AwsException.Fault.SENDER ? "Sender" : "Receiver"));
        }
        error.headers().forEach(b::header);
        return b.body(sink.buffer(), 0, sink.size()).build();
    }

    /** Registers the operations of one service. */
    public static final class Builder {
        private final ServiceDescriptor descriptor;
        private final OperationTable.Builder operations;
        private boolean queryCompatible;
        private UnaryOperator<String> errorShapeOf = UnaryOperator.identity();

        private Builder(ServiceDescriptor descriptor) {
            this.descriptor = descriptor;
            this.operations = new OperationTable.Builder(descriptor.displayName());
        }

        public <I extends SdkPojo, O extends SdkPojo> Builder operation(String name, Class<I> input,
                                                                         Operation<? super I, O> op) {
            operations.add(name, SdkShapes.of(input), TypedHandler.of(op));
            return this;
        }

        /** Declares every operation of the AWS API, so one not built yet is refused as not implemented. */
        public Builder knownOperationsOf(Class<?> clientInterface) {
            operations.knownOperationsOf(clientInterface);
            return this;
        }

        /**
         * For a service that was awsQuery before: errors carry their Query code in {@code x-amzn-query-error},
         * and {@code __type} names the error's Smithy shape ({@code InvalidParameterValue} travels as
         * {@code InvalidParameterValueException} in CloudWatch), which is what SDKs match modelled exceptions by.
         */
        public Builder queryCompatible(UnaryOperator<String> errorShapeOf) {
            this.queryCompatible = true;
            this.errorShapeOf = errorShapeOf;
            return this;
        }

        public RpcV2CborService build() {
            return new RpcV2CborService(this);
        }
    }
}
