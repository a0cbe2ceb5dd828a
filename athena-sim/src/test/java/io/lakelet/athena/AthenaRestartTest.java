package io.lakelet.athena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/** Work groups, saved and prepared statements, executions and their results survive a restart. */
class AthenaRestartTest {

    @Test
    void everythingAcknowledgedBeforeARestartIsThereAfterIt(@TempDir Path dir) {
        Map<String, String> settings = Map.of("LAKELET_DATA_DIR", dir.toString());
        String prepared;
        String namedQuery;
        try (AthenaServer first = AthenaServer.start(settings)) {
            first.s3.createBucket(b -> b.bucket("results"));
            first.athena.createWorkGroup(b -> b.name("kept").configuration(c -> c.resultConfiguration(
                    r -> r.outputLocation("s3://results/kept/"))));
            namedQuery = first.athena.createNamedQuery(b -> b.name("q").database("d").queryString("SELECT 1")
                    .workGroup("kept")).namedQueryId();
            prepared = first.start("default", "PREPARE survivor FROM SELECT 1");
            assertThat(first.await(prepared).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        }
        try (AthenaServer second = AthenaServer.start(settings)) {
            assertThat(second.athena.getWorkGroup(b -> b.workGroup("kept")).workGroup().configuration()
                    .resultConfiguration().outputLocation()).isEqualTo("s3://results/kept/");
            assertThat(second.athena.getNamedQuery(b -> b.namedQueryId(namedQuery)).namedQuery().workGroup())
                    .isEqualTo("kept");
            assertThat(second.athena.getPreparedStatement(b -> b.statementName("survivor").workGroup("primary"))
                    .preparedStatement().queryStatement()).isEqualTo("SELECT 1");
            assertThat(second.athena.getQueryExecution(b -> b.queryExecutionId(prepared)).queryExecution().status()
                    .state()).isEqualTo(QueryExecutionState.SUCCEEDED);
            assertThat(second.rows(prepared)).isEqualTo(List.of());
            assertThat(second.athena.listQueryExecutions(b -> { }).queryExecutionIds()).containsExactly(prepared);
        }
    }
}
