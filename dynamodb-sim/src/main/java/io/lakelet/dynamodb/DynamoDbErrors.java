package io.lakelet.dynamodb;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.protocol.shape.SdkShapes;
import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.protocol.shape.ShapeKind;
import io.lakelet.dynamodb.model.ItemCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;

/** DynamoDB's errors, worded as DynamoDB words them. */
public final class DynamoDbErrors {
    private static final Shape REASONS =
            new Shape.Collection(ShapeKind.LIST, SdkShapes.of(CancellationReason.class), false);

    private DynamoDbErrors() {
    }

    /**
     * An error whose body carries modelled members beyond the message (the old item of a failed
     * condition, the reasons of a cancelled transaction); {@link DynamoDbHttpService} writes them.
     */
    public static final class DetailedError extends AwsException {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, Object> members;
        private final transient Map<String, Shape> shapes;

        DetailedError(String code, String message, Map<String, Object> members, Map<String, Shape> shapes) {
            super(code, 400, message);
            this.members = members;
            this.shapes = shapes;
        }

        public Map<String, Object> members() {
            return members;
        }

        public Shape shapeOf(String member) {
            return shapes.get(member);
        }
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
        Map<String, Object> members = new LinkedHashMap<>();
        if (oldItem != null) {
            members.put("Item", oldItem);
        }
        return new DetailedError("ConditionalCheckFailedException", "The conditional request failed", members,
                Map.of("Item", ItemCodec.ITEM));
    }

    public static AwsException transactionCanceled(List<CancellationReason> reasons) {
        StringBuilder codes = new StringBuilder();
        for (CancellationReason r : reasons) {
            codes.append(codes.length() == 0 ? "" : ", ").append(r.code());
        }
        return new DetailedError("TransactionCanceledException", "Transaction cancelled, please refer cancellation"
                + " reasons for specific reasons [" + codes + "]", Map.of("CancellationReasons", reasons),
                Map.of("CancellationReasons", REASONS));
    }
}
