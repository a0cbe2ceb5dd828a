package io.lakelet.dynamodb;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.protocol.shape.SdkShapes;
import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.protocol.shape.ShapeKind;
import io.lakelet.core.protocol.shape.Shaped;
import io.lakelet.dynamodb.model.ItemCodec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;

/** DynamoDB's errors, worded as DynamoDB words them. */
public final class DynamoDbErrors {
    private static final Shape REASONS =
            new Shape.Collection(ShapeKind.LIST, SdkShapes.of(CancellationReason.class), false);

    private static final String SERVICE_NAMESPACE = "com.amazonaws.dynamodb.v20120810#";
    private static final Set<String> CORAL_SERVICE = Set.of("SerializationException", "UnknownOperationException",
            "InternalFailure", "MissingAuthenticationTokenException", "NotImplementedException",
            "RequestEntityTooLargeException");

    private DynamoDbErrors() {
    }

    public static AwsException validation(String message) {
        return AwsException.client("ValidationException", message);
    }

    /** "One or more parameter values were invalid: ..." */
    public static AwsException invalidParameter(String detail) {
        return validation("One or more parameter values were invalid: " + detail);
    }

    public static AwsException resourceNotFound() {
        return AwsException.client("ResourceNotFoundException", "Requested resource not found");
    }

    public static AwsException tableNotFound(String table) {
        return AwsException.client("ResourceNotFoundException", "Requested resource not found: Table: " + table
                + " not found");
    }

    public static AwsException resourceInUse(String message) {
        return AwsException.client("ResourceInUseException", message);
    }

    /** The condition of a write failed; the old item is returned when the request asked for it. */
    public static AwsException conditionalCheckFailed(Map<String, AttributeValue> oldItem) {
        AwsException e = AwsException.client("ConditionalCheckFailedException", "The conditional request failed");
        return oldItem == null ? e : e.withField("Item", new Shaped(oldItem, ItemCodec.ITEM));
    }

    public static AwsException transactionCanceled(List<CancellationReason> reasons) {
        StringBuilder codes = new StringBuilder();
        for (CancellationReason r : reasons) {
            codes.append(codes.length() == 0 ? "" : ", ").append(r.code());
        }
        return AwsException.client("TransactionCanceledException", "Transaction cancelled, please refer cancellation"
                + " reasons for specific reasons [" + codes + "]")
                .withField("CancellationReasons", new Shaped(reasons, REASONS));
    }

    /**
     * The {@code __type} of an error body as DynamoDB sends it: the service's namespace, or coral's for the
     * errors its framework raises (validation, serialization, unknown operations).
     */
    static String namespaced(String code) {
        if (code.equals("ValidationException")) {
            return "com.amazon.coral.validate#" + code;
        }
        if (CORAL_SERVICE.contains(code)) {
            return "com.amazon.coral.service#" + code;
        }
        return SERVICE_NAMESPACE + code;
    }
}
