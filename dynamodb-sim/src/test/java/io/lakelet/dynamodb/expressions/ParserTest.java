package io.lakelet.dynamodb.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The expression grammar: precedence, placeholders, paths, functions and DynamoDB's error wording. */
class ParserTest {
    private static final Map<String, AttributeValue> VALUES = Map.of(
            ":one", AttributeValue.fromN("1"), ":two", AttributeValue.fromN("2"), ":s", AttributeValue.fromS("x"),
            ":t", AttributeValue.fromS("S"), ":set", AttributeValue.fromSs(List.of("a")));

    private static ExpressionContext context() {
        return new ExpressionContext(Map.of("#n", "name", "#k", "key"), VALUES);
    }

    private static Condition condition(String expression) {
        return Parser.condition(expression, context());
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        // given a condition mixing OR, AND and NOT without parentheses
        Condition c = condition("a = :one OR NOT b = :two AND c = :one");

        // then it is a OR ((NOT b) AND c)
        assertThat(c).isInstanceOf(Condition.Or.class);
        Condition.Or or = (Condition.Or) c;
        assertThat(or.right()).isInstanceOf(Condition.And.class);
        assertThat(((Condition.And) or.right()).left()).isInstanceOf(Condition.Not.class);
    }

    @Test
    void parenthesesAndKeywordsInAnyCase() {
        Condition c = condition("(a = :one or b = :two) and c between :one AND :two");
        assertThat(c).isInstanceOf(Condition.And.class);
        assertThat(((Condition.And) c).left()).isInstanceOf(Condition.Or.class);
        assertThat(((Condition.And) c).right()).isInstanceOf(Condition.Between.class);
    }

    @Test
    void everyComparatorAndInList() {
        for (Condition.Comparator cmp : Condition.Comparator.values()) {
            Condition c = condition("a " + cmp.symbol() + " :one");
            assertThat(((Condition.Compare) c).comparator()).isEqualTo(cmp);
        }
        Condition in = condition("a IN (:one, :two, :s)");
        assertThat(((Condition.In) in).candidates()).hasSize(3);
    }

    @Test
    void nestedPathsWithNamePlaceholdersAndIndexes() {
        Condition c = condition("attribute_exists(#n.inner[2].#k)");
        Path p = ((Condition.AttributeExists) c).path();
        assertThat(p.elements()).containsExactly(new Path.Key("name"), new Path.Key("inner"), new Path.Index(2),
                new Path.Key("key"));
        assertThat(p.toString()).isEqualTo("name.inner[2].key");
    }

    @Test
    void everyFunction() {
        assertThat(condition("attribute_not_exists(a)")).isInstanceOf(Condition.AttributeNotExists.class);
        assertThat(condition("attribute_type(a, :t)")).isInstanceOf(Condition.AttributeType.class);
        assertThat(condition("begins_with(a, :s)")).isInstanceOf(Condition.BeginsWith.class);
        assertThat(condition("contains(a, :s)")).isInstanceOf(Condition.Contains.class);
        Condition size = condition("size(a) > :one");
        assertThat(((Condition.Compare) size).left()).isInstanceOf(Operand.Size.class);
    }

    @Test
    void syntaxErrorsNameTheTokenAsDynamoDbDoes() {
        assertThatThrownBy(() -> condition("a = "))
                .hasMessage("Syntax error; token: \"<EOF>\", near: \"=\"");
        assertThatThrownBy(() -> condition("a = :one AND"))
                .hasMessageStartingWith("Syntax error; token: \"<EOF>\", near: \"AND\"");
        assertThatThrownBy(() -> condition("a :one"))
                .hasMessageStartingWith("Syntax error; token: \":one\"");
        assertThatThrownBy(() -> condition("(a = :one"))
                .hasMessageStartingWith("Syntax error; token: \"<EOF>\"");
        assertThatThrownBy(() -> condition("   ")).hasMessage("The expression can not be empty;");
        assertThatThrownBy(() -> condition("a = :one ^ b")).hasMessage("Invalid character encountered; character: ^");
    }

    @Test
    void undefinedPlaceholdersAndUnknownFunctionsAreNamed() {
        assertThatThrownBy(() -> condition("#missing = :one"))
                .hasMessage("An expression attribute name used in the document path is not defined; attribute name:"
                        + " #missing");
        assertThatThrownBy(() -> condition("a = :missing"))
                .hasMessage("An expression attribute value used in expression is not defined; attribute value:"
                        + " :missing");
        assertThatThrownBy(() -> condition("frobnicate(a)")).hasMessage("Invalid function name; function: frobnicate");
        assertThatThrownBy(() -> condition("attribute_exists(:one)"))
                .hasMessage("Operator or function requires a document path; operator or function: attribute_exists");
        String many = String.join(", ", java.util.Collections.nCopies(101, ":one"));
        assertThatThrownBy(() -> condition("a IN (" + many + ")"))
                .hasMessage("The IN operator is provided with too many operands; number of operands: 101");
    }

    @Test
    void unusedPlaceholdersAreReported() {
        ExpressionContext ctx = context();
        Parser.condition("#n = :one", ctx);
        assertThat(ctx.unusedMessage())
                .isEqualTo("Value provided in ExpressionAttributeNames unused in expressions: keys: {#k}");
    }

    @Test
    void updateClausesInAnyOrderEachOnce() {
        List<UpdateAction> actions = Parser.update(
                "SET a = a + :one, b = if_not_exists(b, :two), c = list_append(c, :s) REMOVE d, e[1] ADD f :one"
                        + " DELETE g :set", context());
        assertThat(actions).hasSize(7);
        assertThat(actions.get(0)).isInstanceOf(UpdateAction.Set.class);
        assertThat(((UpdateAction.Set) actions.get(0)).value()).isInstanceOf(Operand.Arithmetic.class);
        assertThat(((UpdateAction.Set) actions.get(1)).value()).isInstanceOf(Operand.IfNotExists.class);
        assertThat(((UpdateAction.Set) actions.get(2)).value()).isInstanceOf(Operand.ListAppend.class);
        assertThat(actions.get(4).path().toString()).isEqualTo("e[1]");
        assertThat(actions.get(5)).isInstanceOf(UpdateAction.Add.class);
        assertThat(actions.get(6)).isInstanceOf(UpdateAction.Delete.class);

        assertThatThrownBy(() -> Parser.update("SET a = :one SET b = :two", context()))
                .hasMessage("The \"SET\" section can only be used once in an update expression;");
        assertThatThrownBy(() -> Parser.update("PUT a = :one", context()))
                .hasMessageStartingWith("Syntax error; token: \"PUT\"");
        assertThatThrownBy(() -> Parser.update("SET a = size(b)", context()))
                .hasMessage("The function is not allowed in an update expression; function: size");
    }

    @Test
    void checksRefuseOverlappingPathsAndWrongOperandTypes() {
        assertThatThrownBy(() -> Checks.update(Parser.update("SET a = :one REMOVE a.b", context())))
                .hasMessage("Two document paths overlap with each other; must remove or rewrite one of these paths;"
                        + " path one: [a], path two: [a, b]");
        assertThatThrownBy(() -> Checks.update(Parser.update("ADD a :s", context())))
                .hasMessage("Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
        assertThatThrownBy(() -> Checks.update(Parser.update("DELETE a :one", context())))
                .hasMessage("Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER");
        assertThatThrownBy(() -> Checks.condition(condition("begins_with(a, :one)")))
                .hasMessage("Incorrect operand type for operator or function; operator or function: begins_with,"
                        + " operand type: N");
        assertThatThrownBy(() -> Checks.condition(condition("a BETWEEN :two AND :one")))
                .hasMessageStartingWith("The BETWEEN operator requires upper bound to be greater than or equal to"
                        + " lower bound");
        assertThatThrownBy(() -> Checks.condition(condition("attribute_type(a, :s)")))
                .hasMessageStartingWith("Invalid attribute type name found; type: x");
    }

    @Test
    void projectionIsAListOfPaths() {
        List<Path> paths = Parser.projection("a, #n.b[0], c", context());
        assertThat(paths).extracting(Path::toString).containsExactly("a", "name.b[0]", "c");
        assertThatThrownBy(() -> Parser.projection("a,", context())).hasMessageStartingWith("Syntax error");
    }
}
