package io.lakelet.dynamodb.expressions;

/**
 * A malformed expression, worded after the part that follows {@code "Invalid <Kind>Expression: "} in
 * DynamoDB's ValidationException; the operation adds the prefix for the expression it was parsing.
 */
public final class ExpressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExpressionException(String message) {
        super(message, null, false, false);
    }
}
