package io.lakelet.sql.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.sql.QueryResult;
import io.lakelet.sql.TestLake;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Trino dialect, one query per case with the result Trino's documentation gives (rows joined by
 * " / ", columns by " | ", as Athena renders them in its results).
 */
class DialectTest {
    private static TestLake lake;

    @BeforeAll
    static void setUp() {
        lake = new TestLake();
        Lakes.database(lake, "db");
        Lakes.table(lake, "db", "people", Lakes.columns("name", "string", "dept", "string", "salary", "int",
                "tags", "array<string>", "attrs", "map<string,string>", "joined", "timestamp"), List.of(),
                "s3://lake/people/", Lakes.LAZY, Map.of("field.delim", ",", "collection.delim", ";",
                        "mapkey.delim", ":"), Map.of());
        lake.store.put("lake", "people/p.csv", """
                ann,eng,100,a;b,k:1;j:2,2024-01-15 10:30:00
                bob,eng,80,b,k:3,2023-06-01 00:00:00
                cid,ops,70,,,2022-12-31 23:59:59
                dan,ops,\\N,c;a,k:4,\\N
                """);
    }

    @AfterAll
    static void tearDown() {
        lake.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // Dates and times (Trino docs: Date and time functions and operators).
                c("SELECT date_trunc('month', TIMESTAMP '2001-08-22 03:04:05.321')", "2001-08-01 00:00:00.000"),
                c("SELECT date_trunc('hour', TIMESTAMP '2001-08-22 03:04:05.321')", "2001-08-22 03:00:00.000"),
                c("SELECT date_trunc('week', DATE '2024-01-03')", "2024-01-01"),
                c("SELECT date_trunc('quarter', DATE '2001-08-22')", "2001-07-01"),
                c("SELECT date_add('day', 1, TIMESTAMP '2024-01-31 10:00:00')", "2024-02-01 10:00:00.000"),
                c("SELECT date_add('month', 1, DATE '2024-01-31')", "2024-02-29"),
                c("SELECT date_add('hour', -3, TIMESTAMP '2024-01-01 01:00:00')", "2023-12-31 22:00:00.000"),
                c("SELECT date_diff('day', DATE '2024-01-01', DATE '2024-03-01')", "60"),
                c("SELECT date_diff('hour', TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-02 12:00:00')", "36"),
                c("SELECT date_format(TIMESTAMP '2001-01-09 13:04:05.321', '%Y-%m-%d %H:%i:%s')", "2001-01-09 13:04:05"),
                c("SELECT date_format(TIMESTAMP '2001-01-09 13:04:05', '%W %M %e %y %h%p')", "Tuesday January 9 01 01PM"),
                c("SELECT date_parse('2001-01-09 13:04:05', '%Y-%m-%d %H:%i:%s')", "2001-01-09 13:04:05.000"),
                c("SELECT date_parse('09/01/2001', '%d/%m/%Y')", "2001-01-09 00:00:00.000"),
                c("SELECT from_unixtime(1700000000)", "2023-11-14 22:13:20.000"),
                c("SELECT from_unixtime(1700000000.5)", "2023-11-14 22:13:20.500"),
                c("SELECT to_unixtime(TIMESTAMP '2023-11-14 22:13:20.500')", "1.7000000005E9"),
                c("SELECT from_iso8601_timestamp('2020-05-11T11:15:05.055+01:00')", "2020-05-11 10:15:05.055"),
                c("SELECT from_iso8601_date('2020-05-11')", "2020-05-11"),
                c("SELECT year(TIMESTAMP '2024-03-05 06:07:08'), month(DATE '2024-03-05'), day(DATE '2024-03-05'), "
                        + "hour(TIMESTAMP '2024-03-05 06:07:08')", "2024 | 3 | 5 | 6"),
                c("SELECT day_of_week(DATE '2024-01-07')", "7"),
                c("SELECT current_timestamp IS NOT NULL, now() IS NOT NULL", "true | true"),
                c("SELECT CAST('2024-01-02' AS DATE) + INTERVAL '1' DAY", "2024-01-03"),
                // Strings.
                c("SELECT lower('ABC'), upper('abc'), trim('  a  '), length('héllo')", "abc | ABC | a | 5"),
                c("SELECT substr('Trino', 2), substr('Trino', 2, 3), substr('Trino', -3, 2)", "rino | rin | in"),
                c("SELECT concat('a', 'b', 'c'), 'x' || 'y', concat('a', NULL)", "abc | xy | null"),
                c("SELECT split('a,b,,c', ',')", "[a, b, , c]"),
                c("SELECT split('a.b.c', '.', 2)", "[a, b.c]"),
                c("SELECT regexp_like('1a 2b 14m', '\\d+b'), regexp_like('abc', '^b')", "true | false"),
                c("SELECT regexp_extract('1a 2b 14m', '\\d+'), regexp_extract('1a 2b 14m', '(\\d+)([a-z]+)', 2)", "1 | a"),
                c("SELECT regexp_extract_all('1a 2b 14m', '\\d+')", "[1, 2, 14]"),
                c("SELECT regexp_replace('1a 2b 14m', '\\d+[ab] '), regexp_replace('1a 2b 14m', '(\\d+)([ab]) ', '3c$2 ')",
                        "14m | 3ca 3cb 14m"),
                c("SELECT strpos('high', 'ig'), replace('aXa', 'X', 'y'), reverse('abc')", "2 | aya | cba"),
                c("SELECT lpad('7', 3, '0'), rpad('7', 3, '0')", "007 | 700"),
                // JSON.
                c("SELECT json_extract_scalar('{\"a\": {\"b\": [10, 20]}}', '$.a.b[1]')", "20"),
                c("SELECT json_extract('{\"a\": {\"b\": [10, 20]}}', '$.a')", "{\"b\":[10,20]}"),
                c("SELECT json_extract_scalar('{\"a\": {\"b\": 1}}', '$.a'), json_array_length('[1, 2, 3]')", "null | 3"),
                // Conditionals.
                c("SELECT coalesce(NULL, 2, 3), if(1 > 2, 'yes', 'no'), if(false, 1)", "2 | no | null"),
                c("SELECT greatest(1, 5, 3), least(1, 5, 3), nullif(1, 1)", "5 | 1 | null"),
                c("SELECT CASE WHEN 1 = 1 THEN 'a' ELSE 'bc' END", "a"),
                c("SELECT TRY_CAST('abc' AS INTEGER), TRY_CAST('12' AS INTEGER), try(CAST('x' AS BIGINT))", "null | 12 | null"),
                // try: NULL where its expression fails (Trino docs: Conditional expressions, TRY).
                c("SELECT try(1 / 0), try(10 / 2), coalesce(try(1 / 0), -1)", "null | 5 | -1"),
                c("SELECT try(date_parse('not a date', '%Y-%m-%d')), try(date_parse('2024-01-02', '%Y-%m-%d'))",
                        "null | 2024-01-02 00:00:00.000"),
                c("SELECT try(coalesce(try(1 / 0), 7) + 1)", "8"),
                c("SELECT TRY (1 / 0), \"try\"(2 / 0), \"TRY\"(3 / 0)", "null | null | null"),
                c(TRY_PER_ROW, "ann | 50 / bob | null / cid | -100 / dan | null"),
                c("SELECT name FROM people WHERE try(100 / (salary - 80)) > 0 ORDER BY name", "ann"),
                c("SELECT sum(try(1000 / (salary - 80))), count(try(1000 / (salary - 80))) FROM people", "-50 | 2"),
                // Numbers.
                c("SELECT round(2.5), round(-2.5), round(1.2345, 2), round(2.5E0)", "3 | -3 | 1.23 | 3.0"),
                c("SELECT 7 / 2, 7 % 3, 7.0 / 2, CAST(7 AS DOUBLE) / 2", "3 | 1 | 3.5 | 3.5"),
                c("SELECT abs(-3), ceil(1.2), floor(1.8), power(2, 10), sqrt(16)", "3 | 2 | 1 | 1024.0 | 4.0"),
                // Binary.
                c("SELECT to_hex(md5(to_utf8('abc')))", "900150983CD24FB0D6963F7D28E17F72"),
                c("SELECT to_hex(sha256(to_utf8('abc')))",
                        "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"),
                c("SELECT to_utf8('ab')", "61 62"),
                // Arrays, maps, rows.
                c("SELECT ARRAY[1, 2, 3][2], element_at(ARRAY[1, 2, 3], -1), element_at(ARRAY[1, 2], 5)", "2 | 3 | null"),
                c("SELECT cardinality(ARRAY[1, 2, 3]), contains(ARRAY[1, 2], 2), contains(ARRAY['a'], 'b')", "3 | true | false"),
                c("SELECT MAP(ARRAY['a', 'b'], ARRAY[1, 2])['b'], element_at(MAP(ARRAY['a'], ARRAY[1]), 'z')", "2 | null"),
                c("SELECT ROW(1, 'a'), CAST(ROW(1, 'a') AS ROW(x INTEGER, y VARCHAR)).y", "{field0=1, field1=a} | a"),
                c("SELECT ARRAY[CAST(ROW(1, 'a') AS ROW(x INTEGER, y VARCHAR))], MAP(ARRAY['k'], ARRAY[ARRAY[1, 2]])",
                        "[{x=1, y=a}] | {k=[1, 2]}"),
                c("SELECT sequence(1, 5), sequence(5, 1, -2)", "[1, 2, 3, 4, 5] | [5, 3, 1]"),
                c("SELECT array_join(ARRAY['a', 'b'], '-')", "a-b"),
                c("SELECT x FROM UNNEST(ARRAY[3, 1, 2]) AS t(x) ORDER BY x", "1 / 2 / 3"),
                // Decimals losing scale round half up (Trino docs: decimal casts).
                c("SELECT CAST(x AS DECIMAL(4, 2)) FROM (VALUES DECIMAL '1.235', DECIMAL '-1.235') AS t(x)",
                        "1.24 / -1.24"),
                c("SELECT upper(name) AS shout FROM people WHERE dept = 'eng' ORDER BY shout DESC LIMIT 1", "BOB"),
                c("SELECT name, tag FROM people CROSS JOIN UNNEST(tags) AS t(tag) WHERE name = 'ann' ORDER BY tag",
                        "ann | a / ann | b"),
                c("SELECT k, v FROM people CROSS JOIN UNNEST(attrs) AS t(k, v) WHERE name = 'ann' ORDER BY k",
                        "j | 2 / k | 1"),
                c("SELECT attrs['k'], tags[1] FROM people WHERE name = 'bob'", "3 | b"),
                // Aggregates.
                c("SELECT count(*), count(salary), sum(salary), avg(salary), min(name), max(joined) FROM people",
                        "4 | 3 | 250 | 83.33333333333333 | ann | 2024-01-15 10:30:00.000"),
                c("SELECT approx_distinct(dept), count_if(salary > 75), arbitrary(dept) IS NOT NULL FROM people",
                        "2 | 2 | true"),
                c("SELECT approx_percentile(salary, 0.5) FROM people", "80.0"),
                c("SELECT dept, array_agg(name ORDER BY name) FROM people GROUP BY dept ORDER BY dept",
                        "eng | [ann, bob] / ops | [cid, dan]"),
                c("SELECT max_by(name, salary), min_by(name, salary) FROM people", "ann | cid"),
                c("SELECT bool_and(salary > 50), bool_or(salary > 90) FROM people", "true | true"),
                // Windows, CTEs, set operations, ordering.
                c("SELECT name, rank() OVER (PARTITION BY dept ORDER BY salary DESC) FROM people ORDER BY name",
                        "ann | 1 / bob | 2 / cid | 1 / dan | 2"),
                c("SELECT name, sum(salary) OVER (ORDER BY name ROWS UNBOUNDED PRECEDING) FROM people ORDER BY name",
                        "ann | 100 / bob | 180 / cid | 250 / dan | 250"),
                c("SELECT name, lag(name) OVER (ORDER BY name), row_number() OVER (ORDER BY name DESC) FROM people "
                        + "ORDER BY name LIMIT 2", "ann | null | 4 / bob | ann | 3"),
                c("WITH e AS (SELECT * FROM people WHERE dept = 'eng') SELECT count(*) FROM e", "2"),
                c("SELECT 1 UNION SELECT 1 UNION ALL SELECT 2", "1 / 2"),
                c("SELECT dept FROM people INTERSECT SELECT 'ops'", "ops"),
                c("SELECT dept FROM people EXCEPT SELECT 'ops'", "eng"),
                c("SELECT salary FROM people ORDER BY salary DESC", "100 / 80 / 70 / null"),
                c("SELECT salary FROM people ORDER BY salary NULLS FIRST", "null / 70 / 80 / 100"),
                c("SELECT name FROM people ORDER BY name OFFSET 1 LIMIT 2", "bob / cid"),
                c("SELECT name FROM people ORDER BY name LIMIT 1 OFFSET 3", "dan"),
                c("SELECT name FROM people ORDER BY name FETCH FIRST 1 ROWS ONLY", "ann"),
                c("VALUES (1, 'a'), (2, 'b')", "1 | a / 2 | b"),
                c("SELECT count(*) FROM (TABLE people)", "4"),
                c("SELECT k, v FROM UNNEST(MAP(ARRAY['a', 'b'], ARRAY[1, 2])) AS u(k, v) ORDER BY k", "a | 1 / b | 2"),
                c("(SELECT 1)", "1"),
                c("SELECT \"name\" FROM \"db\".\"people\" WHERE NAME = 'cid'", "cid"),
                c("SELECT p.name FROM awsdatacatalog.db.people p WHERE p.salary = 70", "cid"),
                c("SELECT date_format(joined, '%Y') AS y, count(*) FROM people GROUP BY 1 ORDER BY 1",
                        "2022 | 1 / 2023 | 1 / 2024 | 1 / null | 1"));
    }

    private static Arguments c(String sql, String expected) {
        return Arguments.of(sql, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void queryAnswersAsTrinoDocuments(String sql, String expected) {
        List<String> rows = new ArrayList<>();
        for (List<String> row : Lakes.text(lake, "db", sql)) {
            rows.add(String.join(" | ", row.stream().map(String::valueOf).toList()));
        }
        assertThat(String.join(" / ", rows)).isEqualTo(expected);
    }

    private static final String TRY_PER_ROW = "SELECT name, try(1000 / (salary - 80)) FROM people ORDER BY name";

    @org.junit.jupiter.api.Test
    void aTryPlanServedFromTheCacheOfCompiledPlansUsesItsOwnQuerysEvaluator() {
        // The second run's plan is the first's compiled code (the same source); its try must still evaluate.
        List<List<String>> first = Lakes.text(lake, "db", TRY_PER_ROW);
        List<List<String>> second = Lakes.text(lake, "db", TRY_PER_ROW);
        assertThat(second).isEqualTo(first);
        assertThat(second.get(1)).containsExactly("bob", null);
    }

    @org.junit.jupiter.api.Test
    void withoutTryTheSameDivisionFails() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Lakes.text(lake, "db",
                "SELECT name, 1000 / (salary - 80) FROM people ORDER BY name")).hasMessageContaining("Division by zero");
    }

    @org.junit.jupiter.api.Test
    void columnTypesAreReportedAsAthenaDoes() {
        try (QueryResult r = lake.run("db", "SELECT name, salary, CAST(salary AS BIGINT), CAST(1.5 AS DOUBLE), "
                + "salary > 1, DATE '2024-01-01', joined, CAST(1.25 AS DECIMAL(10,2)), tags, attrs, ROW(1, 'a'), "
                + "to_utf8('a') FROM people LIMIT 1")) {
            assertThat(r.rows().columns()).extracting(c -> c.type() + "/" + c.precision() + "/" + c.scale())
                    .containsExactly("varchar/2147483647/0", "integer/10/0", "bigint/19/0", "double/17/0",
                            "boolean/0/0", "date/0/0", "timestamp/3/0", "decimal/10/2", "array/0/0", "map/0/0",
                            "row/0/0", "varbinary/2147483647/0");
            assertThat(r.rows().columns()).extracting(c -> c.name()).startsWith("name", "salary");
        }
    }
}
