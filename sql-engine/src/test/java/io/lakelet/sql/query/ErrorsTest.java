package io.lakelet.sql.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lakelet.sql.SqlFailure;
import io.lakelet.sql.TestLake;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failures worded as Trino words them, with Athena's user-error category. */
class ErrorsTest {
    private static TestLake lake;

    @BeforeAll
    static void setUp() {
        lake = new TestLake();
        Lakes.database(lake, "db");
        Lakes.table(lake, "db", "t", Lakes.columns("a", "int", "s", "string"), List.of(), "s3://lake/t/", Lakes.LAZY,
                Map.of("field.delim", ","), Map.of());
        lake.store.put("lake", "t/f", "1,x\n0,y\n");
    }

    @AfterAll
    static void tearDown() {
        lake.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("SELECT x FROM t", "COLUMN_NOT_FOUND", "line 1:8: Column 'x' cannot be resolved"),
                Arguments.of("SELECT a FROM nope", "TABLE_NOT_FOUND",
                        "line 1:15: Table 'awsdatacatalog.db.nope' does not exist"),
                Arguments.of("SELECT a FROM db.nope", "TABLE_NOT_FOUND",
                        "line 1:15: Table 'awsdatacatalog.db.nope' does not exist"),
                Arguments.of("SELECT a FROM awsdatacatalog.db.nope", "TABLE_NOT_FOUND",
                        "line 1:15: Table 'awsdatacatalog.db.nope' does not exist"),
                Arguments.of("SELECT a FROM x.t", "SCHEMA_NOT_FOUND", "line 1:15: Schema 'x' does not exist"),
                Arguments.of("SELECT a FRM t", "SYNTAX_ERROR", "line 1:14: mismatched input 't'."),
                Arguments.of("SELECT nofunc(a) FROM t", "FUNCTION_NOT_FOUND",
                        "line 1:8: Function 'nofunc' not registered"),
                Arguments.of("SELECT a + DATE '2024-01-01' FROM t", "TYPE_MISMATCH",
                        "line 1:8: Cannot apply operator: integer + date"),
                // Trino turns no varchar into a number, date or boolean, nor anything into a varchar, unasked.
                // At the operator, as Trino points: after the left operand and any parenthesis closing it.
                Arguments.of("SELECT a + '2' FROM t", "TYPE_MISMATCH",
                        "line 1:10: Cannot apply operator: integer + varchar(1)"),
                Arguments.of("SELECT (a + 1)  * '2' FROM t", "TYPE_MISMATCH",
                        "line 1:17: Cannot apply operator: integer * varchar(1)"),
                Arguments.of("SELECT a FROM t WHERE a = '1'", "TYPE_MISMATCH",
                        "line 1:25: Cannot apply operator: integer = varchar(1)"),
                Arguments.of("SELECT a FROM t\nWHERE DATE '2024-01-02'\n  <> s", "TYPE_MISMATCH",
                        "line 3:3: Cannot apply operator: date <> varchar"),
                Arguments.of("SELECT a FROM t WHERE a BETWEEN '0' AND 2", "TYPE_MISMATCH",
                        "line 1:25: Cannot check if integer is BETWEEN varchar(1) and integer"),
                Arguments.of("SELECT a FROM t WHERE (a) NOT BETWEEN 0 AND '2'", "TYPE_MISMATCH",
                        "line 1:27: Cannot check if integer is BETWEEN integer and varchar(1)"),
                Arguments.of("SELECT a IN ('1', '2') FROM t", "TYPE_MISMATCH",
                        "line 1:10: IN value and list items must be the same type or coercible to a common type. "
                                + "Cannot find common type between integer and varchar(1), all types (without "
                                + "duplicates): [integer, varchar(1)]"),
                Arguments.of("SELECT coalesce(a, s) FROM t", "TYPE_MISMATCH",
                        "line 1:8: All COALESCE operands must be the same type or coercible to a common type"),
                Arguments.of("SELECT CASE WHEN a > 1 THEN a ELSE s END FROM t", "TYPE_MISMATCH",
                        "line 1:8: All CASE results must be the same type or coercible to a common type"),
                Arguments.of("SELECT length(a) FROM t", "FUNCTION_NOT_FOUND",
                        "line 1:8: Unexpected parameters (integer) for function length"),
                Arguments.of("SELECT s || a FROM t", "FUNCTION_NOT_FOUND",
                        "line 1:8: Unexpected parameters (varchar, integer) for function concat"),
                Arguments.of("SELECT a FROM t WHERE true = a", "TYPE_MISMATCH",
                        "line 1:28: Cannot apply operator: boolean = integer"),
                Arguments.of("SELECT 10 / a FROM t", "DIVISION_BY_ZERO", "Division by zero"),
                Arguments.of("SELECT CAST(s AS INTEGER) FROM t", "INVALID_CAST_ARGUMENT", "Cannot cast"),
                Arguments.of("SELECT date_trunc('fortnight', DATE '2024-01-01')", "INVALID_FUNCTION_ARGUMENT",
                        "'fortnight' is not a valid Timestamp field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsAsTrinoDoes(String sql, String errorName, String messageStart) {
        SqlFailure failure = catchThrowableOfType(SqlFailure.class, () -> Lakes.text(lake, "db", sql));
        assertThat(failure).as(sql).isNotNull();
        assertThat(failure.errorName()).isEqualTo(errorName);
        assertThat(failure.getMessage()).startsWith(messageStart);
        assertThat(failure.errorCategory()).isEqualTo(2);
        assertThat(failure.reason()).isEqualTo(errorName + ": " + failure.getMessage());
    }

    @org.junit.jupiter.api.Test
    void unknownCurrentDatabaseIsSchemaNotFound() {
        SqlFailure failure = catchThrowableOfType(SqlFailure.class, () -> Lakes.text(lake, "nodb", "SELECT * FROM t"));
        assertThat(failure.errorName()).isEqualTo("SCHEMA_NOT_FOUND");
        assertThat(failure.getMessage()).isEqualTo("line 1:15: Schema 'nodb' does not exist");
    }
}
