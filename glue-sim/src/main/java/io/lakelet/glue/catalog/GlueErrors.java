package io.lakelet.glue.catalog;

import io.lakelet.core.error.AwsException;
import software.amazon.awssdk.services.glue.model.ErrorDetail;

/** Glue's errors, worded as Glue words them. */
public final class GlueErrors {
    private GlueErrors() {
    }

    public static AwsException notFound(String message) {
        return AwsException.client("EntityNotFoundException", message);
    }

    public static AwsException databaseNotFound(String name) {
        return notFound("Database " + name + " not found.");
    }

    public static AwsException tableNotFound(String name) {
        return notFound("Table " + name + " not found.");
    }

    public static AwsException partitionNotFound() {
        return notFound("Cannot find partition.");
    }

    public static AwsException alreadyExists(String what) {
        return AwsException.client("AlreadyExistsException", what + " already exists.");
    }

    public static AwsException invalidInput(String message) {
        return AwsException.client("InvalidInputException", message);
    }

    public static AwsException invalidState(String message) {
        return AwsException.client("InvalidStateException", message);
    }

    public static AwsException limitExceeded(String message) {
        return AwsException.client("ResourceNumberLimitExceededException", message);
    }

    public static AwsException concurrentModification(String message) {
        return AwsException.client("ConcurrentModificationException", message);
    }

    /** An error as a batch operation reports it per entry. */
    public static ErrorDetail detail(AwsException e) {
        return ErrorDetail.builder().errorCode(e.code()).errorMessage(e.getMessage()).build();
    }

    /** What Glue answers a caller who names a catalog other than its own account's. */
    public static AwsException accessDenied(String account, String operation, String resourceArn) {
        return AwsException.client("AccessDeniedException", "User: arn:aws:iam::" + account
                + ":root is not authorized to perform: glue:" + operation + " on resource: " + resourceArn
                + " because no resource-based policy allows the glue:" + operation + " action");
    }
}
