package io.lakelet.core.protocol.shape;

/**
 * A value together with the shape that describes it, for places that hold values of many shapes: an error
 * member such as DynamoDB's {@code Item} of a failed condition is written by the codec like any modelled
 * member when it is put into {@link io.lakelet.core.error.AwsException#withField} as a {@code Shaped}.
 */
public record Shaped(Object value, Shape shape) {
}
