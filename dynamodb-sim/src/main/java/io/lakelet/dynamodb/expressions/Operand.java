package io.lakelet.dynamodb.expressions;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A value in an expression: read from the item, given by the request, or computed from those. */
public sealed interface Operand {

    /** An attribute of the item. */
    record PathOperand(Path path) implements Operand {
    }

    /** A {@code :value} placeholder, resolved from ExpressionAttributeValues. */
    record Value(String placeholder, AttributeValue value) implements Operand {
    }

    /** {@code size(path)}: the length of a string or binary, the number of elements of a set, list or map. */
    record Size(Path path) implements Operand {
    }

    /** {@code a + b} or {@code a - b} in a SET action. */
    record Arithmetic(Operand left, boolean plus, Operand right) implements Operand {
    }

    /** {@code if_not_exists(path, value)} in a SET action. */
    record IfNotExists(Path path, Operand fallback) implements Operand {
    }

    /** {@code list_append(a, b)} in a SET action. */
    record ListAppend(Operand first, Operand second) implements Operand {
    }
}
