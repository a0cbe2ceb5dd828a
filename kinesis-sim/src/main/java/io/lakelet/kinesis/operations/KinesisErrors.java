package io.lakelet.kinesis.operations;

import io.lakelet.core.error.AwsException;

/** Kinesis's own errors, worded as Kinesis words them. */
public final class KinesisErrors {
    private KinesisErrors() {
    }

    public static AwsException streamNotFound(String name, String account) {
        return AwsException.client("ResourceNotFoundException", "Stream " + name + " under account " + account
                + " not found.");
    }

    public static AwsException streamExists(String name, String account) {
        return AwsException.client("ResourceInUseException", "Stream " + name + " under account " + account
                + " already exists.");
    }

    public static AwsException notActive(String name, String account, String status) {
        return AwsException.client("ResourceInUseException", "Stream " + name + " under account " + account
                + " not ACTIVE, instead in state " + status);
    }

    public static AwsException resourceNotFound(String message) {
        return AwsException.client("ResourceNotFoundException", message);
    }

    public static AwsException resourceInUse(String message) {
        return AwsException.client("ResourceInUseException", message);
    }

    public static AwsException invalidArgument(String message) {
        return AwsException.client("InvalidArgumentException", message);
    }

    public static AwsException limitExceeded(String message) {
        return AwsException.client("LimitExceededException", message);
    }

    public static AwsException expiredIterator(String message) {
        return AwsException.client("ExpiredIteratorException", message);
    }

    public static AwsException expiredNextToken(String message) {
        return AwsException.client("ExpiredNextTokenException", message);
    }

    /** The account's shard limit would be exceeded. */
    public static AwsException shardLimit(String account, String region, int current, int limit, int additional) {
        return limitExceeded("This request would exceed the shard limit for the account " + account + " in "
                + region + ". Current shard count for the account: " + current + ". Limit: " + limit
                + ". Number of additional shards that would have resulted from this request: " + additional
                + ". Refer to the AWS Service Limits page"
                + " (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html)"
                + " for current limits and how to request higher limits.");
    }
}
