package io.lakelet.core.protocol;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.CommonErrors;
import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.Response;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The handler of one typed operation, whichever way it answers (at once, later through a
 * {@code CompletionStage}, or by writing the exchange itself), and the one place where its outcome
 * reaches the exchange. Shared by the protocol dispatchers, which differ only in how they find the
 * operation and encode its input and output.
 */
final class TypedHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TypedHandler.class);

    private final Operation<Object, Object> sync;
    private final AsyncOperation<Object, Object> async;
    private final ExchangeOperation<Object> exchange;

    private TypedHandler(Operation<Object, Object> sync, AsyncOperation<Object, Object> async,
                         ExchangeOperation<Object> exchange) {
        this.sync = sync;
        this.async = async;
        this.exchange = exchange;
    }

    @SuppressWarnings("unchecked")
    static TypedHandler of(Operation<?, ?> op) {
        return new TypedHandler((Operation<Object, Object>) op, null, null);
    }

    @SuppressWarnings("unchecked")
    static TypedHandler ofAsync(AsyncOperation<?, ?> op) {
        return new TypedHandler(null, (AsyncOperation<Object, Object>) op, null);
    }

    @SuppressWarnings("unchecked")
    static TypedHandler ofExchange(ExchangeOperation<?> op) {
        return new TypedHandler(null, null, (ExchangeOperation<Object>) op);
    }

    /**
     * Runs the operation on a decoded input. A synchronous failure propagates to the caller (the server
     * renders it); an asynchronous one is rendered here with {@code errors}, since no caller is left.
     */
    void invoke(Exchange on, Object input, Function<Object, Response> encode,
                Function<AwsException, Response> errors) throws Exception {
        if (sync != null) {
            on.respond(encode.apply(sync.invoke(on.context(), input)));
        } else if (async != null) {
            async.invoke(on.context(), input).whenComplete((output, failure) -> {
                Response response;
                try {
                    response = failure == null ? encode.apply(output) : errors.apply(asAwsException(failure));
                } catch (RuntimeException encodingFailed) {
                    response = errors.apply(asAwsException(encodingFailed));
                }
                on.respond(response);
            });
        } else {
            exchange.invoke(on, input);
        }
    }

    private static AwsException asAwsException(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof AwsException aws) {
            return aws;
        }
        LOG.error("operation failed", cause);
        return CommonErrors.internal("Lakelet failed to complete the request: " + cause);
    }

    /**
     * Every operation of an AWS API with its request class, read from the SDK's client interface (the
     * single-argument methods taking a {@code *Request}), in no particular order.
     */
    static Map<String, Class<?>> apiOperations(Class<?> clientInterface) {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (Method m : clientInterface.getMethods()) {
            Class<?>[] params = m.getParameterTypes();
            if (params.length == 1 && SdkPojo.class.isAssignableFrom(params[0])
                    && params[0].getSimpleName().endsWith("Request")) {
                String simple = params[0].getSimpleName();
                out.putIfAbsent(simple.substring(0, simple.length() - "Request".length()), params[0]);
            }
        }
        return out;
    }
}
