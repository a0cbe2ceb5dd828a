package io.lakelet.core.error;

/**
 * Errors that every AWS JSON service shares, worded as AWS words them. Service-specific errors live in the
 * service modules.
 */
public final class CommonErrors {
    private CommonErrors() {
    }

    /** The body could not be read as the protocol's document (malformed JSON/CBOR, wrong value types). */
    public static AwsException serialization(String message) {
        return AwsException.client("SerializationException", message);
    }

    /** The target names an operation the service does not have. */
    public static AwsException unknownOperation(String operation) {
        return AwsException.client("UnknownOperationException",
                operation == null || operation.isEmpty() ? null : "Unknown operation " + operation);
    }

    /**
     * The operation exists in AWS but Lakelet does not emulate it yet. Refusing loudly beats accepting and
     * doing nothing: a user learns now, not in production.
     */
    public static AwsException notImplemented(String service, String operation) {
        return new AwsException("NotImplementedException", 501,
                "The operation " + operation + " of " + service + " is not implemented by Lakelet yet.");
    }

    /** An unexpected failure inside Lakelet; the message never carries a stack trace. */
    public static AwsException internal(String message) {
        return new AwsException("InternalFailure", 500, message);
    }

    /** The request body is larger than the service accepts. */
    public static AwsException payloadTooLarge(long limit) {
        return new AwsException("RequestEntityTooLargeException", 413,
                "Request must be smaller than " + limit + " bytes.");
    }

    public static AwsException missingAuthenticationToken() {
        return new AwsException("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
    }
}
