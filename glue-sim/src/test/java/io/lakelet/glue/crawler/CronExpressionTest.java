package io.lakelet.glue.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionTest {

    @ParameterizedTest(name = "{0} after {1} is {2}")
    @CsvSource(delimiter = '|', value = {
            "cron(15 12 * * ? *)|2024-01-01T12:15:00Z|2024-01-02T12:15Z",
            "cron(15 12 * * ? *)|2024-01-01T12:14:59Z|2024-01-01T12:15Z",
            "cron(0/15 * * * ? *)|2024-01-01T00:16:00Z|2024-01-01T00:30Z",
            "cron(0 10 ? * MON-FRI *)|2024-01-05T10:00:00Z|2024-01-08T10:00Z",
            "cron(0 18 L * ? *)|2024-02-01T00:00:00Z|2024-02-29T18:00Z",
            "cron(0 8 ? * 6L *)|2024-03-01T00:00:00Z|2024-03-29T08:00Z",
            "cron(0 8 ? * 2#1 *)|2024-04-02T00:00:00Z|2024-05-06T08:00Z",
            "cron(0 9 15W * ? *)|2024-06-01T00:00:00Z|2024-06-14T09:00Z",
            "cron(30 1 1 JAN,JUL ? 2025-2026)|2024-06-01T00:00:00Z|2025-01-01T01:30Z"})
    void firesWhereAwsSaysItDoes(String expression, String after, String next) {
        assertThat(CronExpression.parse(expression).next(ZonedDateTime.parse(after)))
                .isEqualTo(ZonedDateTime.parse(next));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 12 * * *)", "0 12 * * ? *", "cron(0 12 * * * *)", "cron(0 12 ? * ? *)",
            "cron(61 12 * * ? *)", "cron(0 25 * * ? *)", "cron(0 12 * FOO ? *)", "cron(0 12 ? * 9 *)",
            "rate(5 minutes)", "cron(5-1 * * * ? *)"})
    void refusesWhatAwsRefuses(String expression) {
        assertThatThrownBy(() -> CronExpression.parse(expression))
                .isInstanceOf(CronExpression.InvalidCronException.class);
    }
}
