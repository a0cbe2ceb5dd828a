package io.lakelet.dynamodb.expressions;

/** One action of an UpdateExpression (or of legacy AttributeUpdates). */
public sealed interface UpdateAction {

    Path path();

    record Set(Path path, Operand value) implements UpdateAction {
    }

    record Remove(Path path) implements UpdateAction {
    }

    /** ADD: a number is added to, a set is unioned with, a missing attribute becomes the value. */
    record Add(Path path, Operand value) implements UpdateAction {
    }

    /** DELETE: elements are removed from a set; an emptied set is removed. */
    record Delete(Path path, Operand value) implements UpdateAction {
    }
}
