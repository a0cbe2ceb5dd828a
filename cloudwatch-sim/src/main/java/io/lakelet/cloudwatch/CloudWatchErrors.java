package io.lakelet.cloudwatch;

import io.lakelet.core.error.AwsException;
import java.util.Map;

/** CloudWatch's errors, worded as CloudWatch words them. Parameters are named as on the Query wire. */
public final class CloudWatchErrors {
    /** The Smithy shapes of CloudWatch's Query error codes, named in the {@code __type} of JSON and CBOR errors. */
    private static final Map<String, String> SHAPES = Map.of(
            "InvalidParameterValue", "InvalidParameterValueException",
            "InvalidParameterCombination", "InvalidParameterCombinationException",
            "MissingParameter", "MissingRequiredParameterException",
            "InternalServiceError", "InternalServiceFault",
            "ResourceNotFound", "ResourceNotFound",
            "LimitExceeded", "LimitExceededFault",
            "InvalidFormat", "InvalidFormatFault",
            "InvalidParameterInput", "DashboardInvalidInputError");

    private CloudWatchErrors() {
    }

    /** The shape of an error code (codes without a modelled shape stay as they are). */
    public static String shapeOf(String code) {
        return SHAPES.getOrDefault(code, code);
    }

    /** {@code The parameter X is required.} */
    public static AwsException missing(String parameter) {
        return AwsException.client("MissingParameter", "The parameter " + parameter + " is required.");
    }

    public static AwsException missingMessage(String message) {
        return AwsException.client("MissingParameter", message);
    }

    /** {@code The value V for parameter X is invalid.} */
    public static AwsException invalidValue(Object value, String parameter) {
        return AwsException.client("InvalidParameterValue",
                "The value " + value + " for parameter " + parameter + " is invalid.");
    }

    public static AwsException invalid(String message) {
        return AwsException.client("InvalidParameterValue", message);
    }

    public static AwsException combination(String message) {
        return AwsException.client("InvalidParameterCombination", message);
    }

    /** {@code The parameters A and B are mutually exclusive and you have specified both.} */
    public static AwsException exclusive(String a, String b) {
        return combination("The parameters " + a + " and " + b + " are mutually exclusive and you have specified both.");
    }

    /** {@code The collection X must not have a size greater than N.} */
    public static AwsException tooMany(String collection, int max) {
        return invalid("The collection " + collection + " must not have a size greater than " + max + ".");
    }

    /** A string parameter outside its length bounds. */
    public static AwsException length(String parameter, int min, int max) {
        return invalid("The parameter " + parameter + " must be between " + min + " and " + max + " characters long.");
    }

    /** GetMetricData's failures (ids, expressions) come as ValidationError. */
    public static AwsException validation(String message) {
        return AwsException.client("ValidationError", message);
    }
}
