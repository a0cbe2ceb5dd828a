package io.lakelet.dynamodb.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Conditions, updates and projections evaluated against items, with DynamoDB's semantics. */
class EvaluatorTest {
    private static final Map<String, AttributeValue> ITEM = Map.of(
            "n", AttributeValue.fromN("10"),
            "s", AttributeValue.fromS("hello"),
            "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})),
            "ss", AttributeValue.fromSs(List.of("x", "y")),
            "ns", AttributeValue.fromNs(List.of("1", "2.0")),
            "l", AttributeValue.fromL(List.of(AttributeValue.fromS("first"), AttributeValue.fromN("2"))),
            "m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromM(Map.of("deep", AttributeValue.fromS("v"))))),
            "t", AttributeValue.fromBool(true),
            "z", AttributeValue.fromNul(true));

    private static final Map<String, AttributeValue> VALUES = Map.of(
            ":ten", AttributeValue.fromN("10.0"), ":nine", AttributeValue.fromN("9"), ":eleven", AttributeValue.fromN("11"),
            ":hello", AttributeValue.fromS("hello"), ":he", AttributeValue.fromS("he"), ":x", AttributeValue.fromS("x"),
            ":S", AttributeValue.fromS("S"), ":NULL", AttributeValue.fromS("NULL"), ":two", AttributeValue.fromN("2"),
            ":b12", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2})));

    private static boolean test(String expression) {
        return Evaluator.test(Parser.condition(expression, new ExpressionContext(Map.of(), VALUES)), ITEM);
    }

    @Test
    void comparatorsCompareNumbersByValueAndStringsByBytes() {
        assertThat(test("n = :ten")).isTrue();
        assertThat(test("n <> :ten")).isFalse();
        assertThat(test("n < :eleven")).isTrue();
        assertThat(test("n <= :ten")).isTrue();
        assertThat(test("n > :nine")).isTrue();
        assertThat(test("n >= :eleven")).isFalse();
        assertThat(test("s > :he")).isTrue();
        assertThat(test("b > :b12")).isTrue();
    }

    @Test
    void comparisonsWithMissingAttributesOrOtherTypesAreFalseExceptNotEqual() {
        assertThat(test("missing = :ten")).isFalse();
        assertThat(test("missing < :ten")).isFalse();
        assertThat(test("missing <> :ten")).isTrue();
        assertThat(test("s < :ten")).isFalse();
        assertThat(test("s <> :ten")).isTrue();
    }

    @Test
    void betweenAndIn() {
        assertThat(test("n BETWEEN :nine AND :eleven")).isTrue();
        assertThat(test("n BETWEEN :eleven AND :eleven")).isFalse();
        assertThat(test("n IN (:nine, :ten)")).isTrue();
        assertThat(test("n IN (:nine, :eleven)")).isFalse();
        assertThat(test("s IN (:hello)")).isTrue();
    }

    @Test
    void logicalOperators() {
        assertThat(test("n = :ten AND s = :hello")).isTrue();
        assertThat(test("n = :nine AND s = :hello")).isFalse();
        assertThat(test("n = :nine OR s = :hello")).isTrue();
        assertThat(test("NOT n = :nine")).isTrue();
        assertThat(test("NOT (n = :ten OR s = :x)")).isFalse();
    }

    @Test
    void existenceAndTypeFunctions() {
        assertThat(test("attribute_exists(m.inner.deep)")).isTrue();
        assertThat(test("attribute_exists(m.inner.nope)")).isFalse();
        assertThat(test("attribute_not_exists(missing)")).isTrue();
        assertThat(test("attribute_exists(l[1])")).isTrue();
        assertThat(test("attribute_exists(l[2])")).isFalse();
        assertThat(test("attribute_type(s, :S)")).isTrue();
        assertThat(test("attribute_type(z, :NULL)")).isTrue();
        assertThat(test("attribute_type(n, :S)")).isFalse();
    }

    @Test
    void beginsWithContainsAndSize() {
        assertThat(test("begins_with(s, :he)")).isTrue();
        assertThat(test("begins_with(s, :x)")).isFalse();
        assertThat(test("begins_with(b, :b12)")).isTrue();
        assertThat(test("contains(s, :he)")).isTrue();
        assertThat(test("contains(ss, :x)")).isTrue();
        assertThat(test("contains(ns, :two)")).isTrue();
        assertThat(test("contains(l, :two)")).isTrue();
        assertThat(test("contains(ss, :hello)")).isFalse();
        assertThat(test("size(s) = :two")).isFalse();
        assertThat(test("size(ss) = :two")).isTrue();
        assertThat(test("size(l) = :two")).isTrue();
        assertThat(test("size(b) > :two")).isTrue();
        assertThat(test("size(n) = :two")).isFalse();
    }

    private static Map<String, AttributeValue> update(String expression, Map<String, AttributeValue> values) {
        List<UpdateAction> actions = Parser.update(expression, new ExpressionContext(Map.of(), values));
        Checks.update(actions);
        return Updater.apply(actions, ITEM);
    }

    @Test
    void setEvaluatesEveryValueAgainstTheOldItem() {
        Map<String, AttributeValue> after = update("SET n = n + :one, copy = n, fresh = if_not_exists(nope, :one),"
                + " kept = if_not_exists(s, :one), l = list_append(l, :list), m.inner.added = :one",
                Map.of(":one", AttributeValue.fromN("1"), ":list", AttributeValue.fromL(List.of(AttributeValue.fromS("z")))));
        assertThat(after.get("n").n()).isEqualTo("11");
        assertThat(after.get("copy").n()).isEqualTo("10");
        assertThat(after.get("fresh").n()).isEqualTo("1");
        assertThat(after.get("kept").s()).isEqualTo("hello");
        assertThat(after.get("l").l()).hasSize(3);
        assertThat(after.get("m").m().get("inner").m()).containsKeys("deep", "added");
        assertThat(ITEM.get("n").n()).isEqualTo("10");
    }

    @Test
    void subtractionAndDecimals() {
        Map<String, AttributeValue> after = update("SET n = n - :x", Map.of(":x", AttributeValue.fromN("0.25")));
        assertThat(after.get("n").n()).isEqualTo("9.75");
    }

    @Test
    void removeListElementsByTheirOriginalIndexes() {
        Map<String, AttributeValue> after = update("REMOVE l[0], l[1], s, missing", Map.of());
        assertThat(after.get("l").l()).isEmpty();
        assertThat(after).doesNotContainKey("s");
    }

    @Test
    void addAndDeleteOnNumbersAndSets() {
        Map<String, AttributeValue> after = update("ADD n :five, ss :more, newset :more, counter :five DELETE ns :ns",
                Map.of(":five", AttributeValue.fromN("5"), ":more", AttributeValue.fromSs(List.of("y", "w")),
                        ":ns", AttributeValue.fromNs(List.of("2", "1"))));
        assertThat(after.get("n").n()).isEqualTo("15");
        assertThat(after.get("ss").ss()).containsExactlyInAnyOrder("x", "y", "w");
        assertThat(after.get("newset").ss()).containsExactlyInAnyOrder("y", "w");
        assertThat(after.get("counter").n()).isEqualTo("5");
        assertThat(after).doesNotContainKey("ns");
    }

    @Test
    void updateErrorsOnMissingOperandsAndWrongTypes() {
        assertThatThrownBy(() -> update("SET a = nope + :one", Map.of(":one", AttributeValue.fromN("1"))))
                .hasMessage("The provided expression refers to an attribute that does not exist in the item");
        assertThatThrownBy(() -> update("SET a = s + :one", Map.of(":one", AttributeValue.fromN("1"))))
                .hasMessage("An operand in the update expression has an incorrect data type");
        assertThatThrownBy(() -> update("ADD s :one", Map.of(":one", AttributeValue.fromN("1"))))
                .hasMessage("An operand in the update expression has an incorrect data type");
        assertThatThrownBy(() -> update("SET nope.child = :one", Map.of(":one", AttributeValue.fromN("1"))))
                .hasMessage("The document path provided in the update expression is invalid for update");
    }

    @Test
    void projectionKeepsTheShapeOfTheItem() {
        Map<String, AttributeValue> p = Documents.project(ITEM, Parser.projection("m.inner.deep, l[1], n, nope",
                new ExpressionContext(Map.of(), Map.of())));
        assertThat(p).containsOnlyKeys("m", "l", "n");
        assertThat(p.get("l").l()).containsExactly(AttributeValue.fromN("2"));
        assertThat(p.get("m").m().get("inner").m()).containsOnlyKeys("deep");
    }
}
