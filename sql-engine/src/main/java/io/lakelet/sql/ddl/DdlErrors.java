package io.lakelet.sql.ddl;

import io.lakelet.core.error.AwsException;
import io.lakelet.sql.SqlFailure;

/**
 * The failures of statements as Athena reports them. Two families:
 * <ul>
 * <li>Trino's, for statements Trino runs in Athena (views, CTAS, INSERT, SHOW/DESCRIBE analysis, syntax):
 * an error name such as {@code SYNTAX_ERROR} or {@code TABLE_NOT_FOUND} and a message with its position,
 * {@code line 1:8: ...}.</li>
 * <li>Hive's, for the DDL Athena hands to its Hive metastore layer: the StateChangeReason reads
 * {@code FAILED: SemanticException [Error 10001]: Table not found t} or {@code FAILED: Execution Error,
 * return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. ...}. {@link SqlFailure#reason()} is
 * {@code errorName + ": " + message}, so these carry the error name {@code FAILED} and the rest as the
 * message, which renders Athena's reason exactly.</li>
 * </ul>
 */
final class DdlErrors {
    /** Athena's ErrorType for user errors. */
    static final int USER_ERROR = 1000;
    /** Athena's ErrorType for a failed DDL task. */
    static final int DDL_TASK_FAILED = 1003;
    private static final String DDL_TASK =
            "Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. ";

    private DdlErrors() {
    }

    static SqlFailure syntax(int line, int column, String message) {
        return SqlFailure.user("SYNTAX_ERROR", USER_ERROR, "line " + line + ":" + column + ": " + message);
    }

    static SqlFailure syntax(Token at, String message) {
        return syntax(at.line(), at.column(), message);
    }

    /** A Trino semantic failure at a position: {@code line 1:1: message}. */
    static SqlFailure trino(String errorName, Token at, String message) {
        return SqlFailure.user(errorName, USER_ERROR, "line " + at.line() + ":" + at.column() + ": " + message);
    }

    /** A Trino failure about the whole statement, which Trino places at {@code line 1:1}. */
    static SqlFailure trinoStatement(String errorName, String message) {
        return SqlFailure.user(errorName, USER_ERROR, "line 1:1: " + message);
    }

    /** A Trino failure with no position (raised while executing, as HIVE_PATH_ALREADY_EXISTS is). */
    static SqlFailure trino(String errorName, String message) {
        return SqlFailure.user(errorName, USER_ERROR, message);
    }

    /** Hive's SemanticAnalyzer refusing a statement: {@code FAILED: SemanticException [Error n]: ...}. */
    static SqlFailure semantic(int hiveCode, String message) {
        return SqlFailure.user("FAILED", USER_ERROR, "SemanticException [Error " + hiveCode + "]: " + message);
    }

    /** Hive's SemanticAnalyzer refusing a statement, without an error number. */
    static SqlFailure semantic(String message) {
        return SqlFailure.user("FAILED", USER_ERROR, "SemanticException " + message);
    }

    /** Hive's DDLTask failing: {@code FAILED: Execution Error, return code 1 from ...DDLTask. message}. */
    static SqlFailure ddlTask(String message) {
        return SqlFailure.user("FAILED", DDL_TASK_FAILED, DDL_TASK + message);
    }

    /** A name as Trino quotes it in messages: {@code awsdatacatalog.db.t}. */
    static String qualified(String database, String name) {
        return "awsdatacatalog." + database + "." + name;
    }

    static SqlFailure tableNotFound(String name) {
        return semantic(10001, "Table not found " + name);
    }

    static SqlFailure databaseNotFound(String name) {
        return semantic(10072, "Database does not exist: " + name);
    }

    /**
     * A catalog failure as Hive's DDLTask reports it: the Glue client turns Glue's error into the Hive
     * metastore exception of the same meaning with Glue's message.
     */
    static SqlFailure fromCatalog(AwsException e) {
        String hiveType = switch (e.code()) {
            case "AlreadyExistsException" -> "AlreadyExistsException";
            case "EntityNotFoundException" -> "NoSuchObjectException";
            case "InvalidInputException" -> "InvalidObjectException";
            default -> "MetaException";
        };
        return ddlTask(hiveType + "(message:" + e.getMessage() + ")");
    }

    /** Hive's refusal of a partition spec that does not name every partition column. */
    static SqlFailure partialSpec(java.util.Map<String, String> given, int keys) {
        StringBuilder spec = new StringBuilder("{");
        given.forEach((k, v) -> spec.append(spec.length() > 1 ? ", " : "").append(k).append('=').append(v));
        return SqlFailure.user("FAILED", USER_ERROR, "ValidationFailureSemanticException partition spec "
                + spec.append('}') + " doesn't contain all (" + keys + ") partition columns");
    }
}
