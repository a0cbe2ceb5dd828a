package io.lakelet.sql;

/**
 * A statement that failed as Athena reports failures: {@code errorName} is Trino's error name
 * ({@code SYNTAX_ERROR}, {@code COLUMN_NOT_FOUND}, {@code TABLE_NOT_FOUND}, {@code SCHEMA_NOT_FOUND},
 * {@code TYPE_MISMATCH}, {@code FUNCTION_NOT_FOUND}, {@code INVALID_CAST_ARGUMENT}, {@code DIVISION_BY_ZERO},
 * {@code USER_CANCELED}, {@code GENERIC_INTERNAL_ERROR}...), the message carries the position as Trino
 * writes it ({@code line 1:8: Column 'x' cannot be resolved}). Athena's StateChangeReason is
 * {@code errorName + ": " + message}; AthenaError.ErrorCategory is 1 (system), 2 (user) or 3 (other) and
 * ErrorType Athena's numeric code.
 */
public final class SqlFailure extends RuntimeException {
    private final String errorName;
    private final int errorCategory;
    private final int errorType;

    public SqlFailure(String errorName, int errorCategory, int errorType, String message) {
        super(message);
        this.errorName = errorName;
        this.errorCategory = errorCategory;
        this.errorType = errorType;
    }

    public SqlFailure(String errorName, int errorCategory, int errorType, String message, Throwable cause) {
        super(message, cause);
        this.errorName = errorName;
        this.errorCategory = errorCategory;
        this.errorType = errorType;
    }

    /** A user error (category 2). */
    public static SqlFailure user(String errorName, int errorType, String message) {
        return new SqlFailure(errorName, 2, errorType, message);
    }

    public String errorName() {
        return errorName;
    }

    public int errorCategory() {
        return errorCategory;
    }

    public int errorType() {
        return errorType;
    }

    /** Athena's StateChangeReason. */
    public String reason() {
        return errorName + ": " + getMessage();
    }
}
