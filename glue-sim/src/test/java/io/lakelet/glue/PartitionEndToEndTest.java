package io.lakelet.glue;

import static io.lakelet.glue.GlueServer.column;
import static io.lakelet.glue.GlueServer.csvTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.InvalidStateException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

/** Partitions through the real Glue client, GetPartitions' expression filter above all. */
class PartitionEndToEndTest {
    private static GlueServer server;

    /** year (int), month (string), day (date): 2023/12/31, 2024/1..12 on the 1st, 2024/10/15. */
    private static final List<List<String>> PARTITIONS = partitions();

    @BeforeAll
    static void start() {
        server = GlueServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void fill() {
        server.reset();
        server.glue.createDatabase(b -> b.databaseInput(d -> d.name("lake")));
        server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable("events",
                List.of(column("year", "int"), column("month", "string"), column("day", "date")))));
        for (int i = 0; i < PARTITIONS.size(); i += 10) {
            List<PartitionInput> batch = PARTITIONS.subList(i, Math.min(PARTITIONS.size(), i + 10)).stream()
                    .map(PartitionEndToEndTest::input).toList();
            assertThat(server.glue.batchCreatePartition(b -> b.databaseName("lake").tableName("events")
                    .partitionInputList(batch)).errors()).isEmpty();
        }
    }

    private static List<List<String>> partitions() {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("2023", "12", "2023-12-31"));
        for (int m = 1; m <= 12; m++) {
            out.add(List.of("2024", String.valueOf(m), String.format("2024-%02d-01", m)));
        }
        out.add(List.of("2024", "10", "2024-10-15"));
        return out;
    }

    private static PartitionInput input(List<String> values) {
        return PartitionInput.builder().values(values)
                .storageDescriptor(StorageDescriptor.builder()
                        .location("s3://lake/events/year=" + values.get(0) + "/month=" + values.get(1) + "/")
                        .columns(column("id", "bigint")).build())
                .build();
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("year = 2023", Set.of("2023/12/2023-12-31")),
                Arguments.of("year > 2023 AND month IN ('1', '2')", Set.of("2024/1/2024-01-01", "2024/2/2024-02-01")),
                Arguments.of("year = 2024 AND month >= '9'", Set.of("2024/9/2024-09-01")),
                Arguments.of("month = 10", Set.of("2024/10/2024-10-01", "2024/10/2024-10-15")),
                Arguments.of("day BETWEEN '2024-10-01' AND '2024-12-01'",
                        Set.of("2024/10/2024-10-01", "2024/10/2024-10-15", "2024/11/2024-11-01", "2024/12/2024-12-01")),
                Arguments.of("day > '2024-10-01' AND NOT month = '12'", Set.of("2024/10/2024-10-15", "2024/11/2024-11-01")),
                Arguments.of("month LIKE '1_' AND day <> '2024-10-15'",
                        Set.of("2023/12/2023-12-31", "2024/10/2024-10-01", "2024/11/2024-11-01", "2024/12/2024-12-01")),
                Arguments.of("year < 2024 OR day = '2024-06-01'", Set.of("2023/12/2023-12-31", "2024/6/2024-06-01")),
                Arguments.of("year != 2024", Set.of("2023/12/2023-12-31")),
                Arguments.of("year = 2025", Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void getPartitionsReturnsExactlyTheMatchingPartitions(String expression, Set<String> expected) {
        // when
        List<Partition> found = server.glue.getPartitionsPaginator(b -> b.databaseName("lake").tableName("events")
                .expression(expression).maxResults(2)).stream().flatMap(r -> r.partitions().stream()).toList();
        // then
        assertThat(found).extracting(p -> String.join("/", p.values())).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theAsyncClientFiltersTheSameWay() throws Exception {
        GetPartitionsResponse r = server.async.getPartitions(b -> b.databaseName("lake").tableName("events")
                .expression("year = 2024 AND month IN ('11', '12')")).get();
        assertThat(r.partitions()).extracting(p -> p.values().get(1)).containsExactly("11", "12");
        assertThatThrownBy(() -> server.async.getPartitions(b -> b.databaseName("lake").tableName("events")
                .expression("year >")).join())
                .hasCauseInstanceOf(InvalidInputException.class);
    }

    @Test
    void malformedExpressionsAreInvalidInputInGluesWordsAndChangeNothing() {
        assertThatThrownBy(() -> server.glue.getPartitions(b -> b.databaseName("lake").tableName("events")
                .expression("year = ")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("Unsupported expression 'year = '");
        assertThatThrownBy(() -> server.glue.getPartitions(b -> b.databaseName("lake").tableName("events")
                .expression("week = 1")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("Invalid partition expression!");
        assertThatThrownBy(() -> server.glue.getPartitions(b -> b.databaseName("lake").tableName("events")
                .expression("year = 'twenty'")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("\"twenty\" is not an integer.");
        assertThatThrownBy(() -> server.glue.getPartitions(b -> b.databaseName("lake").tableName("events")
                .expression("year LIKE '2%'")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Integral data type doesn't support operation 'LIKE'");
        assertThat(all(null)).hasSize(PARTITIONS.size());
    }

    @Test
    void aStoredValueThatDoesNotFitItsKeyTypeIsAnInvalidState() {
        server.glue.createPartition(b -> b.databaseName("lake").tableName("events")
                .partitionInput(input(List.of("unknown", "1", "2024-01-01"))));
        assertThatThrownBy(() -> server.glue.getPartitions(b -> b.databaseName("lake").tableName("events")
                .expression("year = 2024")))
                .isInstanceOf(InvalidStateException.class).hasMessageStartingWith("\"unknown\" is not an integer.");
    }

    @Test
    void segmentsSplitThePartitionsWithoutOverlap() {
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int s = 0; s < 4; s++) {
            int segment = s;
            List<Partition> part = server.glue.getPartitionsPaginator(b -> b.databaseName("lake").tableName("events")
                    .segment(g -> g.segmentNumber(segment).totalSegments(4))).stream().flatMap(r -> r.partitions().stream()).toList();
            total += part.size();
            part.forEach(p -> seen.add(String.join("/", p.values())));
        }
        assertThat(total).isEqualTo(PARTITIONS.size());
        assertThat(seen).hasSize(PARTITIONS.size());
        assertThatThrownBy(() -> server.glue.getPartitions(b -> b.databaseName("lake").tableName("events")
                .segment(g -> g.segmentNumber(4).totalSegments(4))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void pagesCoverEveryPartitionOnceAndExcludeColumnSchemaDropsColumns() {
        GetPartitionsResponse first = server.glue.getPartitions(b -> b.databaseName("lake").tableName("events")
                .maxResults(5).excludeColumnSchema(true));
        assertThat(first.partitions()).hasSize(5);
        assertThat(first.nextToken()).isNotNull();
        assertThat(first.partitions().get(0).storageDescriptor().columns()).isEmpty();
        assertThat(first.partitions().get(0).storageDescriptor().location()).startsWith("s3://lake/events/");
        List<Partition> rest = server.glue.getPartitionsPaginator(b -> b.databaseName("lake").tableName("events")
                .maxResults(5).nextToken(first.nextToken())).stream().flatMap(r -> r.partitions().stream()).toList();
        assertThat(rest).hasSize(PARTITIONS.size() - 5);
    }

    @Test
    void singleAndBatchReadsFindPartitionsByValues() {
        Partition p = server.glue.getPartition(b -> b.databaseName("lake").tableName("events")
                .partitionValues("2024", "3", "2024-03-01")).partition();
        assertThat(p.storageDescriptor().location()).isEqualTo("s3://lake/events/year=2024/month=3/");
        assertThat(p.databaseName()).isEqualTo("lake");
        assertThat(p.tableName()).isEqualTo("events");
        assertThat(p.creationTime()).isNotNull();
        assertThatThrownBy(() -> server.glue.getPartition(b -> b.databaseName("lake").tableName("events")
                .partitionValues("2024", "3", "2024-03-02")))
                .isInstanceOf(EntityNotFoundException.class).hasMessageStartingWith("Cannot find partition.");
        var r = server.glue.batchGetPartition(b -> b.databaseName("lake").tableName("events").partitionsToGet(
                PartitionValueList.builder().values("2024", "3", "2024-03-01").build(),
                PartitionValueList.builder().values("1999", "1", "1999-01-01").build()));
        assertThat(r.partitions()).extracting(x -> x.values().get(1)).containsExactly("3");
        assertThat(r.unprocessedKeys()).isEmpty();
    }

    @Test
    void batchCreateReportsEachFailedEntryAndCreatesTheRest() {
        var errors = server.glue.batchCreatePartition(b -> b.databaseName("lake").tableName("events")
                .partitionInputList(input(List.of("2025", "1", "2025-01-01")), input(List.of("2024", "1", "2024-01-01")),
                        input(List.of("2025", "2")))).errors();
        assertThat(errors).extracting(e -> String.join("/", e.partitionValues()) + ":" + e.errorDetail().errorCode())
                .containsExactly("2024/1/2024-01-01:AlreadyExistsException", "2025/2:InvalidInputException");
        assertThat(errors.get(0).errorDetail().errorMessage()).isEqualTo("Partition already exists.");
        assertThat(all("year = 2025")).hasSize(1);
        assertThatThrownBy(() -> server.glue.createPartition(b -> b.databaseName("lake").tableName("events")
                .partitionInput(input(List.of("2025", "1", "2025-01-01")))))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> server.glue.createPartition(b -> b.databaseName("lake").tableName("nope")
                .partitionInput(input(List.of("2025", "1", "2025-01-01")))))
                .isInstanceOf(EntityNotFoundException.class).hasMessageStartingWith("Table nope not found.");
    }

    @Test
    void updatesReplaceAndMovePartitionsAndDeletesRemoveThem() {
        server.glue.updatePartition(b -> b.databaseName("lake").tableName("events")
                .partitionValueList("2024", "1", "2024-01-01")
                .partitionInput(input(List.of("2024", "1", "2024-01-01")).toBuilder()
                        .parameters(java.util.Map.of("note", "fixed")).build()));
        assertThat(server.glue.getPartition(b -> b.databaseName("lake").tableName("events")
                .partitionValues("2024", "1", "2024-01-01")).partition().parameters()).containsEntry("note", "fixed");
        var failures = server.glue.batchUpdatePartition(b -> b.databaseName("lake").tableName("events").entries(
                BatchUpdatePartitionRequestEntry.builder().partitionValueList("2024", "2", "2024-02-01")
                        .partitionInput(input(List.of("2024", "2", "2024-02-29"))).build(),
                BatchUpdatePartitionRequestEntry.builder().partitionValueList("1999", "2", "1999-02-01")
                        .partitionInput(input(List.of("1999", "2", "1999-02-01"))).build())).errors();
        assertThat(failures).extracting(f -> f.errorDetail().errorCode()).containsExactly("EntityNotFoundException");
        assertThat(all("day = '2024-02-29'")).hasSize(1);
        assertThat(all("day = '2024-02-01'")).isEmpty();

        server.glue.deletePartition(b -> b.databaseName("lake").tableName("events")
                .partitionValues("2023", "12", "2023-12-31"));
        var errors = server.glue.batchDeletePartition(b -> b.databaseName("lake").tableName("events").partitionsToDelete(
                PartitionValueList.builder().values("2024", "3", "2024-03-01").build(),
                PartitionValueList.builder().values("2023", "12", "2023-12-31").build())).errors();
        assertThat(errors).extracting(e -> e.errorDetail().errorMessage()).containsExactly("Cannot find partition.");
        assertThat(all(null)).hasSize(PARTITIONS.size() - 2);
    }

    @Test
    void aThousandPartitionsAreFilteredByTheirTypedValues() {
        // given
        server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable("big",
                List.of(column("n", "bigint"), column("tag", "string")))));
        for (int start = 0; start < 1000; start += 100) {
            int from = start;
            List<PartitionInput> batch = java.util.stream.IntStream.range(from, from + 100)
                    .mapToObj(i -> PartitionInput.builder().values(String.valueOf(i), i % 2 == 0 ? "even" : "odd")
                            .build()).toList();
            assertThat(server.glue.batchCreatePartition(b -> b.databaseName("lake").tableName("big")
                    .partitionInputList(batch)).errors()).isEmpty();
        }
        // when
        List<Partition> found = server.glue.getPartitionsPaginator(b -> b.databaseName("lake").tableName("big")
                        .expression("n BETWEEN 95 AND 904 AND tag = 'odd' AND n NOT IN (101, 103)"))
                .stream().flatMap(r -> r.partitions().stream()).toList();
        // then
        assertThat(found).hasSize(403);
        assertThat(found).allSatisfy(p -> {
            long n = Long.parseLong(p.values().get(0));
            assertThat(n).isBetween(95L, 904L).isOdd().isNotIn(101L, 103L);
        });
    }

    private static List<Partition> all(String expression) {
        return server.glue.getPartitionsPaginator(b -> b.databaseName("lake").tableName("events")
                .expression(expression)).stream().flatMap(r -> r.partitions().stream()).toList();
    }
}
