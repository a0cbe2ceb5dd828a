package io.lakelet.dynamodb.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

/** The pre-expression parameters mean the same as their expression equivalents. */
class LegacyTest {
    private static final Map<String, AttributeValue> ITEM = Map.of(
            "n", AttributeValue.fromN("5"), "s", AttributeValue.fromS("lease-1"),
            "ss", AttributeValue.fromSs(List.of("a", "b")), "l", AttributeValue.fromL(List.of(AttributeValue.fromS("x"))));

    private static boolean expect(String attribute, ComparisonOperator op, AttributeValue... args) {
        Map<String, ExpectedAttributeValue> expected = Map.of(attribute,
                ExpectedAttributeValue.builder().comparisonOperator(op).attributeValueList(args).build());
        return Evaluator.test(Legacy.expected(expected, null), ITEM);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    @Test
    void everyComparisonOperator() {
        assertThat(expect("n", ComparisonOperator.EQ, n("5"))).isTrue();
        assertThat(expect("n", ComparisonOperator.NE, n("5"))).isFalse();
        assertThat(expect("missing", ComparisonOperator.NE, n("5"))).isTrue();
        assertThat(expect("n", ComparisonOperator.LT, n("6"))).isTrue();
        assertThat(expect("n", ComparisonOperator.LE, n("4"))).isFalse();
        assertThat(expect("n", ComparisonOperator.GT, n("4"))).isTrue();
        assertThat(expect("n", ComparisonOperator.GE, n("6"))).isFalse();
        assertThat(expect("n", ComparisonOperator.BETWEEN, n("1"), n("5"))).isTrue();
        assertThat(expect("n", ComparisonOperator.IN, n("1"), n("5"))).isTrue();
        assertThat(expect("n", ComparisonOperator.NOT_NULL)).isTrue();
        assertThat(expect("missing", ComparisonOperator.NULL)).isTrue();
        assertThat(expect("s", ComparisonOperator.BEGINS_WITH, AttributeValue.fromS("lease"))).isTrue();
        assertThat(expect("ss", ComparisonOperator.CONTAINS, AttributeValue.fromS("b"))).isTrue();
        assertThat(expect("ss", ComparisonOperator.NOT_CONTAINS, AttributeValue.fromS("b"))).isFalse();
    }

    @Test
    void valueAndExistsAndTheirMisuse() {
        assertThat(Evaluator.test(Legacy.expected(Map.of("n", ExpectedAttributeValue.builder().value(n("5")).build(),
                "missing", ExpectedAttributeValue.builder().exists(false).build()), ConditionalOperator.AND), ITEM)).isTrue();
        assertThat(Evaluator.test(Legacy.expected(Map.of("n", ExpectedAttributeValue.builder().value(n("6")).build(),
                "s", ExpectedAttributeValue.builder().exists(true).value(AttributeValue.fromS("lease-1")).build()),
                ConditionalOperator.OR), ITEM)).isTrue();
        assertThatThrownBy(() -> Legacy.expected(Map.of("n", ExpectedAttributeValue.builder().exists(true).build()), null))
                .hasMessage("Value must be provided when Exists is true for Attribute: n");
        assertThatThrownBy(() -> Legacy.expected(Map.of("n", ExpectedAttributeValue.builder().exists(false)
                .value(n("1")).build()), null)).hasMessage("Value cannot be used when Exists is false for Attribute: n");
        assertThatThrownBy(() -> expect("n", ComparisonOperator.EQ))
                .hasMessage("Invalid number of argument(s) for the EQ ComparisonOperator");
    }

    @Test
    void attributeUpdatesPutAddAndDelete() {
        List<UpdateAction> actions = Legacy.attributeUpdates(Map.of(
                "n", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("2")).build(),
                "s", AttributeValueUpdate.builder().value(AttributeValue.fromS("lease-2")).build(),
                "ss", AttributeValueUpdate.builder().action(AttributeAction.DELETE)
                        .value(AttributeValue.fromSs(List.of("a"))).build(),
                "l", AttributeValueUpdate.builder().action(AttributeAction.ADD)
                        .value(AttributeValue.fromL(List.of(AttributeValue.fromS("y")))).build(),
                "gone", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build()));
        Map<String, AttributeValue> after = Updater.apply(actions, ITEM);
        assertThat(after.get("n").n()).isEqualTo("7");
        assertThat(after.get("s").s()).isEqualTo("lease-2");
        assertThat(after.get("ss").ss()).containsExactly("b");
        assertThat(after.get("l").l()).extracting(AttributeValue::s).containsExactly("x", "y");
        assertThatThrownBy(() -> Legacy.attributeUpdates(Map.of("n",
                AttributeValueUpdate.builder().action(AttributeAction.PUT).build())))
                .hasMessage("Only DELETE action is allowed when no attribute value is specified");
    }
}
