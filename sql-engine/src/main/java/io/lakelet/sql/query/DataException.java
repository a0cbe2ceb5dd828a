package io.lakelet.sql.query;

/** A data file that cannot be read as its table says (Athena's HIVE_BAD_DATA and friends). */
final class DataException extends RuntimeException {
    private final String errorName;

    DataException(String errorName, String message) {
        super(message);
        this.errorName = errorName;
    }

    DataException(String errorName, String message, Throwable cause) {
        super(message, cause);
        this.errorName = errorName;
    }

    String errorName() {
        return errorName;
    }
}
