package io.lakelet.glue.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PartitionExpressionTest {
    private static final List<PartitionExpression.Key> KEYS = List.of(
            new PartitionExpression.Key("year", "int"),
            new PartitionExpression.Key("region", "string"),
            new PartitionExpression.Key("day", "date"),
            new PartitionExpression.Key("price", "decimal(10,2)"),
            new PartitionExpression.Key("ts", "timestamp"));

    /** year, region, day, price, ts. */
    private static final List<String> PARTITION = List.of("2024", "eu-west", "2024-03-15", "9.50",
            "2024-03-15 10:20:30.5");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("year = 2024", true),
                Arguments.of("year = '2024'", true),
                Arguments.of("year = 2023", false),
                Arguments.of("year <> 2023", true),
                Arguments.of("year != 2024", false),
                Arguments.of("year > 999", true),
                Arguments.of("year < 10000", true),
                Arguments.of("year >= 2024 AND year <= 2024", true),
                Arguments.of("year BETWEEN 2020 AND 2025", true),
                Arguments.of("year NOT BETWEEN 2020 AND 2025", false),
                Arguments.of("year IN (2022, '2024')", true),
                Arguments.of("year NOT IN (2022, 2023)", true),
                Arguments.of("region = 'eu-west'", true),
                Arguments.of("region LIKE 'eu-%'", true),
                Arguments.of("region LIKE 'eu_west'", true),
                Arguments.of("region LIKE 'eu'", false),
                Arguments.of("region NOT LIKE 'us%'", true),
                Arguments.of("region > 'eu'", true),
                Arguments.of("day = '2024-03-15'", true),
                Arguments.of("day > '2024-02-29'", true),
                Arguments.of("day BETWEEN '2024-01-01' AND '2024-03-14'", false),
                Arguments.of("price = 9.5", true),
                Arguments.of("price > 10", false),
                Arguments.of("ts > '2024-03-15 10:20:30'", true),
                Arguments.of("ts = '2024-03-15 10:20:30.500'", true),
                Arguments.of("NOT year = 2024", false),
                Arguments.of("NOT (year = 2023 OR region = 'us')", true),
                Arguments.of("year = 2023 OR region = 'eu-west' AND price < 10", true),
                Arguments.of("(year = 2023 OR region = 'eu-west') AND price > 10", false),
                Arguments.of("year is not null", true),
                Arguments.of("year IS NULL", false),
                Arguments.of("YEAR = 2024 and Region like 'EU%'", false),
                Arguments.of("(year) = ((2024))", true),
                Arguments.of("`region` = 'it''s'", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void matchesExactlyWhatTheExpressionSays(String expression, boolean expected) {
        // given
        PartitionExpression e = PartitionExpression.compile(expression, KEYS);
        // when
        boolean matched = e.matches(PARTITION);
        // then
        assertThat(matched).isEqualTo(expected);
    }

    @Test
    void integralKeysCompareAsNumbersNotText() {
        PartitionExpression e = PartitionExpression.compile("year > 9", List.of(new PartitionExpression.Key("year", "bigint")));
        assertThat(e.matches(List.of("10"))).isTrue();
        assertThat(e.matches(List.of("9"))).isFalse();
        PartitionExpression text = PartitionExpression.compile("year > '9'",
                List.of(new PartitionExpression.Key("year", "string")));
        assertThat(text.matches(List.of("10"))).isFalse();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("year = ", "Unsupported expression 'year = '"),
                Arguments.of("year == 2024", "Unsupported expression 'year == 2024'"),
                Arguments.of("year = 2024 AND", "Unsupported expression 'year = 2024 AND'"),
                Arguments.of("(year = 2024", "Unsupported expression '(year = 2024'"),
                Arguments.of("region = 'open", "Unsupported expression 'region = 'open'"),
                Arguments.of("year BETWEEN 1", "Unsupported expression 'year BETWEEN 1'"),
                Arguments.of("2024 = year", "Unsupported expression '2024 = year'"),
                Arguments.of("month = 1", "Invalid partition expression!"),
                Arguments.of("year = 'abc'", "\"abc\" is not an integer."),
                Arguments.of("year IN (2.5)", "\"2.5\" is not an integer."),
                Arguments.of("price = 'cheap'", "cheap is not a decimal."),
                Arguments.of("day = '15/03/2024'", "15/03/2024 is not a date."),
                Arguments.of("year LIKE '20%'", "Integral data type doesn't support operation 'LIKE'"),
                Arguments.of("day LIKE '2024%'", "Date data type doesn't support operation 'LIKE'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatGlueRefusesWithItsWording(String expression, String message) {
        assertThatThrownBy(() -> PartitionExpression.compile(expression, KEYS))
                .isInstanceOf(ExpressionException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((ExpressionException) e).invalidState()).isFalse());
    }

    @Test
    void aKeyOfATypeExpressionsCannotUseIsRefused() {
        assertThatThrownBy(() -> PartitionExpression.compile("f = 1.5",
                List.of(new PartitionExpression.Key("f", "float"))))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("Unknown type : 'float'");
    }

    @Test
    void aStoredValueThatDoesNotFitItsKeyIsAnInvalidState() {
        PartitionExpression e = PartitionExpression.compile("year = 1", List.of(new PartitionExpression.Key("year", "int")));
        assertThatThrownBy(() -> e.matches(List.of("not-a-number")))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("\"not-a-number\" is not an integer.")
                .satisfies(x -> assertThat(((ExpressionException) x).invalidState()).isTrue());
    }

    @Test
    void likeTreatsRegexCharactersLiterally() {
        PartitionExpression e = PartitionExpression.compile("region LIKE 'a.c%'",
                List.of(new PartitionExpression.Key("region", "string")));
        assertThat(e.matches(List.of("a.cdef"))).isTrue();
        assertThat(e.matches(List.of("abcdef"))).isFalse();
    }
}
