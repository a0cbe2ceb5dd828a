package io.lakelet.glue;

import static io.lakelet.glue.GlueServer.column;
import static io.lakelet.glue.GlueServer.csvTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.ResourceNumberLimitExceededException;
import software.amazon.awssdk.services.glue.model.TableVersion;

/** The whole catalog survives a restart on the same LAKELET_DATA_DIR. */
class RestartTest {

    @Test
    void everythingWrittenBeforeARestartIsThereAfterIt(@TempDir Path dir) {
        Map<String, String> settings = Map.of("LAKELET_DATA_DIR", dir.toString(),
                "LAKELET_GLUE_MAX_PARTITIONS_PER_TABLE", "3");
        String arn = "arn:aws:glue:us-east-1:000000000000:table/lake/events";
        // given
        try (GlueServer first = GlueServer.start(settings)) {
            first.glue.createDatabase(b -> b.databaseInput(d -> d.name("lake").description("kept")));
            first.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable("events",
                    List.of(column("year", "int")))));
            first.glue.updateTable(b -> b.databaseName("lake").tableInput(csvTable("events",
                    List.of(column("year", "int"))).toBuilder().description("second").build()));
            first.glue.batchCreatePartition(b -> b.databaseName("lake").tableName("events").partitionInputList(
                    PartitionInput.builder().values("2023").build(), PartitionInput.builder().values("2024").build()));
            first.glue.createPartitionIndex(b -> b.databaseName("lake").tableName("events")
                    .partitionIndex(i -> i.indexName("by_year").keys("year")));
            first.glue.tagResource(b -> b.resourceArn(arn).tagsToAdd(Map.of("env", "dev")));
            first.glue.createUserDefinedFunction(b -> b.databaseName("lake")
                    .functionInput(f -> f.functionName("fn").className("com.example.Fn")));
            first.glue.updateColumnStatisticsForTable(b -> b.databaseName("lake").tableName("events")
                    .columnStatisticsList(c -> c.columnName("id").columnType("bigint")
                            .analyzedTime(java.time.Instant.parse("2024-01-01T00:00:00Z"))
                            .statisticsData(d -> d.type("LONG").longColumnStatisticsData(l -> l.numberOfNulls(0L)
                                    .numberOfDistinctValues(7L)))));
            first.glue.createConnection(b -> b.connectionInput(c -> c.name("pg").connectionType("JDBC")
                    .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://h/db"))));
        }
        // when
        try (GlueServer second = GlueServer.start(settings)) {
            // then
            assertThat(second.glue.getDatabase(b -> b.name("lake")).database().description()).isEqualTo("kept");
            assertThat(second.glue.getTable(b -> b.databaseName("lake").name("events")).table().description())
                    .isEqualTo("second");
            assertThat(second.glue.getTableVersions(b -> b.databaseName("lake").tableName("events")).tableVersions())
                    .extracting(TableVersion::versionId).containsExactly("0", "1");
            assertThat(second.glue.getPartitions(b -> b.databaseName("lake").tableName("events")
                    .expression("year > 2023")).partitions()).extracting(p -> p.values().get(0)).containsExactly("2024");
            assertThat(second.glue.getPartitionIndexes(b -> b.databaseName("lake").tableName("events"))
                    .partitionIndexDescriptorList()).hasSize(1);
            assertThat(second.glue.getTags(b -> b.resourceArn(arn)).tags()).containsEntry("env", "dev");
            assertThat(second.glue.getUserDefinedFunction(b -> b.databaseName("lake").functionName("fn"))
                    .userDefinedFunction().className()).isEqualTo("com.example.Fn");
            assertThat(second.glue.getColumnStatisticsForTable(b -> b.databaseName("lake").tableName("events")
                    .columnNames("id")).columnStatisticsList().get(0).statisticsData().longColumnStatisticsData()
                    .numberOfDistinctValues()).isEqualTo(7L);
            assertThat(second.glue.getConnection(b -> b.name("pg")).connection().connectionTypeAsString())
                    .isEqualTo("JDBC");
            assertThatThrownBy(() -> second.glue.createDatabase(b -> b.databaseInput(d -> d.name("lake"))))
                    .isInstanceOf(AlreadyExistsException.class);
            second.glue.createPartition(b -> b.databaseName("lake").tableName("events")
                    .partitionInput(p -> p.values("2025")));
            assertThatThrownBy(() -> second.glue.createPartition(b -> b.databaseName("lake").tableName("events")
                    .partitionInput(p -> p.values("2026"))))
                    .isInstanceOf(ResourceNumberLimitExceededException.class);
        }
    }
}
