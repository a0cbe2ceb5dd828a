package io.lakelet.athena;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.Validation;

/** Athena's errors, with the codes and wording Athena answers. */
public final class AthenaErrors {
    private AthenaErrors() {
    }

    /** Request validation: Athena answers constraint violations as InvalidRequestException. */
    public static Validation check() {
        return Validation.check("InvalidRequestException");
    }

    public static AwsException invalidRequest(String message) {
        return new AwsException("InvalidRequestException", 400, message);
    }

    /** An InvalidRequestException carrying Athena's AthenaErrorCode member. */
    public static AwsException invalidRequest(String athenaErrorCode, String message) {
        return invalidRequest(message).withField("AthenaErrorCode", athenaErrorCode);
    }

    public static AwsException resourceNotFound(String resourceName, String message) {
        return new AwsException("ResourceNotFoundException", 400, message).withField("ResourceName", resourceName);
    }

    public static AwsException metadata(String message) {
        return new AwsException("MetadataException", 400, message);
    }

    public static AwsException queryNotFound(String id) {
        return invalidRequest("QueryExecution " + id + " was not found");
    }

    public static AwsException workGroupNotFound(String name) {
        return invalidRequest("WorkGroup " + name + " is not found.");
    }
}
