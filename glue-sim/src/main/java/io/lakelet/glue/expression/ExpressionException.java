package io.lakelet.glue.expression;

/**
 * A partition expression that cannot be used: it does not parse, names a column that is not a partition
 * key, or compares a key with a literal of the wrong type. {@link #invalidState()} marks the one case
 * that is the stored data's fault rather than the caller's: a partition value that does not fit its key's
 * type (Glue answers InvalidStateException there, InvalidInputException otherwise).
 */
public final class ExpressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean invalidState;

    ExpressionException(String message, boolean invalidState) {
        super(message, null, false, false);
        this.invalidState = invalidState;
    }

    static ExpressionException input(String message) {
        return new ExpressionException(message, false);
    }

    static ExpressionException state(String message) {
        return new ExpressionException(message, true);
    }

    public boolean invalidState() {
        return invalidState;
    }
}
