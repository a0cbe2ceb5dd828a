package io.lakelet.dynamodb;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.http.Response;
import io.lakelet.core.protocol.ByteSink;
import io.lakelet.core.protocol.JsonCodec;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.core.spi.HttpService;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The awsJson dispatcher with DynamoDB's error bodies: {@code __type} carries the namespace as DynamoDB
 * sends it ({@code com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException}, coral's for
 * validation and serialization errors), and modelled error members (a failed condition's {@code Item}, a
 * cancelled transaction's {@code CancellationReasons}) are written as the SDK reads them. The
 * {@code x-amzn-ErrorType} header keeps the bare code, which is the form the SDK reads from a header.
 */
final class DynamoDbHttpService implements HttpService {
    private static final String SERVICE_NAMESPACE = "com.amazonaws.dynamodb.v20120810#";
    private static final Set<String> CORAL_SERVICE = Set.of("SerializationException", "UnknownOperationException",
            "InternalFailure", "MissingAuthenticationTokenException", "NotImplementedException",
            "RequestEntityTooLargeException");

    private final JsonRpcService delegate;

    DynamoDbHttpService(JsonRpcService delegate) {
        this.delegate = delegate;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        delegate.handle(exchange);
    }

    @Override
    public Response renderError(AwsException error, Request request, RequestContext context) {
        ByteSink sink = new ByteSink(256);
        boolean detailed = error instanceof DynamoDbErrors.DetailedError d && !d.members().isEmpty();
        JsonCodec.JSON.writeError(sink, namespaced(error.code()), "message", error.getMessage(),
                detailed ? Map.of() : error.fields());
        if (detailed) {
            // Reopen the document after the message and append the modelled members.
            DynamoDbErrors.DetailedError d = (DynamoDbErrors.DetailedError) error;
            byte[] head = Arrays.copyOf(sink.buffer(), sink.size() - 1);
            sink.reset();
            sink.writeBytes(head);
            for (Map.Entry<String, Object> m : d.members().entrySet()) {
                sink.writeBytes((",\"" + m.getKey() + "\":").getBytes(StandardCharsets.UTF_8));
                JsonCodec.JSON.write(sink, m.getValue(), d.shapeOf(m.getKey()));
            }
            sink.write('}');
        }
        String sent = request == null ? null : request.header("Content-Type");
        Response.Builder b = Response.status(error.status())
                .header("Content-Type", sent != null && sent.startsWith(JsonRpcService.JSON_CONTENT_TYPE)
                        ? JsonRpcService.JSON_CONTENT_TYPE : JsonRpcService.JSON_1_0_CONTENT_TYPE)
                .header("x-amzn-RequestId", context.requestId())
                .header("x-amzn-ErrorType", error.code());
        error.headers().forEach(b::header);
        return b.body(sink.buffer(), 0, sink.size()).build();
    }

    private static String namespaced(String code) {
        if (code.equals("ValidationException")) {
            return "com.amazon.coral.validate#" + code;
        }
        if (CORAL_SERVICE.contains(code)) {
            return "com.amazon.coral.service#" + code;
        }
        return SERVICE_NAMESPACE + code;
    }
}
