package io.lakelet.glue;

import static io.lakelet.glue.GlueServer.column;
import static io.lakelet.glue.GlueServer.csvTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsData;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsType;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.LongColumnStatisticsData;
import software.amazon.awssdk.services.glue.model.PartitionIndexDescriptor;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PrincipalType;
import software.amazon.awssdk.services.glue.model.ResourceNumberLimitExceededException;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;

/** Partition indexes, column statistics, functions, connections, tags and quotas through the real client. */
class CatalogExtrasEndToEndTest {
    private static GlueServer server;
    private static final String ARN = "arn:aws:glue:us-east-1:000000000000:";

    @BeforeAll
    static void start() {
        server = GlueServer.start(Map.of("LAKELET_GLUE_MAX_TABLES_PER_DATABASE", "3",
                "LAKELET_GLUE_MAX_PARTITIONS_PER_TABLE", "4"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clean() {
        server.reset();
        server.glue.createDatabase(b -> b.databaseInput(d -> d.name("lake")));
        server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable("events",
                List.of(column("year", "string"), column("month", "string")))));
    }

    @Test
    void partitionIndexesAreCreatedListedAndDeleted() {
        server.glue.createPartitionIndex(b -> b.databaseName("lake").tableName("events")
                .partitionIndex(i -> i.indexName("by_year").keys("year")));
        assertThatThrownBy(() -> server.glue.createPartitionIndex(b -> b.databaseName("lake").tableName("events")
                .partitionIndex(i -> i.indexName("by_year").keys("month"))))
                .isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> server.glue.createPartitionIndex(b -> b.databaseName("lake").tableName("events")
                .partitionIndex(i -> i.indexName("bad").keys("id"))))
                .isInstanceOf(InvalidInputException.class);
        List<PartitionIndexDescriptor> indexes = server.glue.getPartitionIndexes(b -> b.databaseName("lake")
                .tableName("events")).partitionIndexDescriptorList();
        assertThat(indexes).extracting(PartitionIndexDescriptor::indexName).containsExactly("by_year");
        assertThat(indexes.get(0).keys()).extracting(k -> k.name() + ":" + k.type()).containsExactly("year:string");
        assertThat(indexes.get(0).indexStatusAsString()).isEqualTo("ACTIVE");
        server.glue.deletePartitionIndex(b -> b.databaseName("lake").tableName("events").indexName("by_year"));
        assertThat(server.glue.getPartitionIndexes(b -> b.databaseName("lake").tableName("events"))
                .partitionIndexDescriptorList()).isEmpty();
        assertThatThrownBy(() -> server.glue.deletePartitionIndex(b -> b.databaseName("lake").tableName("events")
                .indexName("by_year"))).isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void columnStatisticsOfTablesAndPartitionsAreKeptPerColumn() {
        ColumnStatistics idStats = ColumnStatistics.builder().columnName("id").columnType("bigint")
                .analyzedTime(java.time.Instant.parse("2024-01-01T00:00:00Z"))
                .statisticsData(ColumnStatisticsData.builder().type(ColumnStatisticsType.LONG)
                        .longColumnStatisticsData(LongColumnStatisticsData.builder().minimumValue(1L)
                                .maximumValue(99L).numberOfNulls(0L).numberOfDistinctValues(42L).build()).build())
                .build();
        var errors = server.glue.updateColumnStatisticsForTable(b -> b.databaseName("lake").tableName("events")
                .columnStatisticsList(idStats, idStats.toBuilder().columnName("nope").build())).errors();
        assertThat(errors).extracting(e -> e.columnStatistics().columnName()).containsExactly("nope");
        var got = server.glue.getColumnStatisticsForTable(b -> b.databaseName("lake").tableName("events")
                .columnNames("id", "name"));
        assertThat(got.columnStatisticsList()).hasSize(1);
        assertThat(got.columnStatisticsList().get(0).statisticsData().longColumnStatisticsData().numberOfDistinctValues())
                .isEqualTo(42L);
        assertThat(got.errors()).extracting(e -> e.columnName()).containsExactly("name");

        server.glue.createPartition(b -> b.databaseName("lake").tableName("events")
                .partitionInput(PartitionInput.builder().values("2024", "1").build()));
        server.glue.updateColumnStatisticsForPartition(b -> b.databaseName("lake").tableName("events")
                .partitionValues("2024", "1").columnStatisticsList(idStats));
        assertThat(server.glue.getColumnStatisticsForPartition(b -> b.databaseName("lake").tableName("events")
                .partitionValues("2024", "1").columnNames("id")).columnStatisticsList()).hasSize(1);
        server.glue.deleteColumnStatisticsForPartition(b -> b.databaseName("lake").tableName("events")
                .partitionValues("2024", "1").columnName("id"));
        assertThat(server.glue.getColumnStatisticsForPartition(b -> b.databaseName("lake").tableName("events")
                .partitionValues("2024", "1").columnNames("id")).columnStatisticsList()).isEmpty();
        server.glue.deleteColumnStatisticsForTable(b -> b.databaseName("lake").tableName("events").columnName("id"));
        assertThatThrownBy(() -> server.glue.deleteColumnStatisticsForTable(b -> b.databaseName("lake")
                .tableName("events").columnName("id"))).isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> server.glue.getColumnStatisticsForPartition(b -> b.databaseName("lake")
                .tableName("events").partitionValues("1999", "1").columnNames("id")))
                .isInstanceOf(EntityNotFoundException.class).hasMessageStartingWith("Cannot find partition.");
    }

    @Test
    void userDefinedFunctionsLiveInTheirDatabase() {
        server.glue.createUserDefinedFunction(b -> b.databaseName("lake").functionInput(f -> f.functionName("to_upper")
                .className("com.example.Upper").ownerName("me").ownerType(PrincipalType.USER)
                .resourceUris(r -> r.resourceType("JAR").uri("s3://lib/upper.jar"))));
        server.glue.createUserDefinedFunction(b -> b.databaseName("lake").functionInput(f -> f.functionName("to_lower")
                .className("com.example.Lower").ownerName("me").ownerType(PrincipalType.USER)));
        assertThatThrownBy(() -> server.glue.createUserDefinedFunction(b -> b.databaseName("lake")
                .functionInput(f -> f.functionName("to_upper").className("x"))))
                .isInstanceOf(AlreadyExistsException.class);
        UserDefinedFunction fn = server.glue.getUserDefinedFunction(b -> b.databaseName("lake").functionName("to_upper"))
                .userDefinedFunction();
        assertThat(fn.className()).isEqualTo("com.example.Upper");
        assertThat(fn.resourceUris()).extracting(r -> r.uri()).containsExactly("s3://lib/upper.jar");
        assertThat(server.glue.getUserDefinedFunctions(b -> b.pattern("to_u*")).userDefinedFunctions())
                .extracting(UserDefinedFunction::functionName).containsExactly("to_upper");
        server.glue.updateUserDefinedFunction(b -> b.databaseName("lake").functionName("to_lower")
                .functionInput(f -> f.functionName("to_lower").className("com.example.Lower2")));
        assertThat(server.glue.getUserDefinedFunction(b -> b.databaseName("lake").functionName("to_lower"))
                .userDefinedFunction().className()).isEqualTo("com.example.Lower2");
        server.glue.deleteUserDefinedFunction(b -> b.databaseName("lake").functionName("to_lower"));
        assertThat(server.glue.getUserDefinedFunctions(b -> b.databaseName("lake").pattern("*"))
                .userDefinedFunctions()).hasSize(1);
        assertThatThrownBy(() -> server.glue.getUserDefinedFunction(b -> b.databaseName("lake").functionName("to_lower")))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void connectionsAreCreatedFilteredUpdatedAndDeleted() {
        ConnectionInput jdbc = ConnectionInput.builder().name("pg").connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://db:5432/x",
                        "USERNAME", "u", "PASSWORD", "secret"))
                .matchCriteria("prod").build();
        server.glue.createConnection(b -> b.connectionInput(jdbc).tags(Map.of("team", "data")));
        server.glue.createConnection(b -> b.connectionInput(jdbc.toBuilder().name("net").connectionType("NETWORK")
                .matchCriteria((List<String>) null).build()));
        assertThatThrownBy(() -> server.glue.createConnection(b -> b.connectionInput(jdbc)))
                .isInstanceOf(AlreadyExistsException.class);
        Connection pg = server.glue.getConnection(b -> b.name("pg")).connection();
        assertThat(pg.connectionPropertiesAsStrings()).containsEntry("PASSWORD", "secret");
        assertThat(pg.creationTime()).isNotNull();
        assertThat(server.glue.getConnection(b -> b.name("pg").hidePassword(true)).connection()
                .connectionPropertiesAsStrings()).doesNotContainKey("PASSWORD");
        assertThat(server.glue.getConnections(b -> b.filter(f -> f.connectionType("JDBC"))).connectionList())
                .extracting(Connection::name).containsExactly("pg");
        assertThat(server.glue.getConnections(b -> b.filter(f -> f.matchCriteria("prod"))).connectionList())
                .extracting(Connection::name).containsExactly("pg");
        assertThat(server.glue.getTags(b -> b.resourceArn(ARN + "connection/pg")).tags()).containsEntry("team", "data");
        server.glue.updateConnection(b -> b.name("pg").connectionInput(jdbc.toBuilder().description("main").build()));
        assertThat(server.glue.getConnection(b -> b.name("pg")).connection().description()).isEqualTo("main");
        server.glue.deleteConnection(b -> b.connectionName("pg"));
        assertThatThrownBy(() -> server.glue.getConnection(b -> b.name("pg"))).isInstanceOf(EntityNotFoundException.class);
        assertThat(server.glue.getConnections(b -> { }).connectionList()).extracting(Connection::name)
                .containsExactly("net");
        var batch = server.glue.batchDeleteConnection(b -> b.connectionNameList("net", "pg"));
        assertThat(batch.succeeded()).containsExactly("net");
        assertThat(batch.errors()).containsOnlyKeys("pg");
        assertThat(batch.errors().get("pg").errorCode()).isEqualTo("EntityNotFoundException");
        assertThat(server.glue.getConnections(b -> { }).connectionList()).isEmpty();
    }

    @Test
    void tagsFollowTheirResourceByGlueArn() {
        server.glue.tagResource(b -> b.resourceArn(ARN + "database/LAKE").tagsToAdd(Map.of("env", "dev", "x", "1")));
        server.glue.tagResource(b -> b.resourceArn(ARN + "table/lake/events").tagsToAdd(Map.of("pii", "no")));
        server.glue.untagResource(b -> b.resourceArn(ARN + "database/lake").tagsToRemove("x"));
        assertThat(server.glue.getTags(b -> b.resourceArn(ARN + "database/lake")).tags())
                .containsExactlyEntriesOf(Map.of("env", "dev"));
        assertThat(server.glue.getTags(b -> b.resourceArn(ARN + "table/lake/EVENTS")).tags())
                .containsExactlyEntriesOf(Map.of("pii", "no"));
        assertThatThrownBy(() -> server.glue.tagResource(b -> b.resourceArn(ARN + "table/lake/nope")
                .tagsToAdd(Map.of("a", "b")))).isInstanceOf(EntityNotFoundException.class);

        server.glue.deleteTable(b -> b.databaseName("lake").name("events"));
        server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable("events", List.of())));
        assertThat(server.glue.getTags(b -> b.resourceArn(ARN + "table/lake/events")).tags()).isEmpty();
        server.glue.createDatabase(b -> b.databaseInput(d -> d.name("tagged")).tags(Map.of("k", "v")));
        assertThat(server.glue.getTags(b -> b.resourceArn(ARN + "database/tagged")).tags()).containsEntry("k", "v");
    }

    @Test
    void quotasAreEnforcedWithResourceNumberLimitExceeded() {
        server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable("t2", List.of())));
        server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable("t3", List.of())));
        assertThatThrownBy(() -> server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable("t4", List.of()))))
                .isInstanceOf(ResourceNumberLimitExceededException.class);
        server.glue.deleteTable(b -> b.databaseName("lake").name("t3"));
        server.glue.createTable(b -> b.databaseName("lake").tableInput(csvTable("t4", List.of())));

        List<PartitionInput> five = List.of("1", "2", "3", "4", "5").stream()
                .map(v -> PartitionInput.builder().values(v, "1").build()).toList();
        assertThatThrownBy(() -> server.glue.batchCreatePartition(b -> b.databaseName("lake").tableName("events")
                .partitionInputList(five))).isInstanceOf(ResourceNumberLimitExceededException.class);
        assertThat(server.glue.getPartitions(b -> b.databaseName("lake").tableName("events")).partitions()).isEmpty();
        server.glue.batchCreatePartition(b -> b.databaseName("lake").tableName("events")
                .partitionInputList(five.subList(0, 4)));
        assertThat(server.glue.getPartitions(b -> b.databaseName("lake").tableName("events")).partitions()).hasSize(4);
    }

    @Test
    void errorBodiesCarryTheMessageUnderGluesKey() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.server.endpoint().resolve("/"))
                .header("X-Amz-Target", "AWSGlue.GetDatabase")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/glue/aws4_request,"
                        + " SignedHeaders=host, Signature=abc")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"missing\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("EntityNotFoundException");
        assertThat(r.body()).isEqualTo("{\"__type\":\"EntityNotFoundException\",\"Message\":\"Database missing not found.\"}");
    }
}
