package io.lakelet.glue.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.ports.Catalog;
import io.lakelet.core.testing.TestServer;
import io.lakelet.glue.GlueModule;
import io.lakelet.core.ports.Catalog.Column;
import io.lakelet.core.ports.Catalog.Database;
import io.lakelet.core.ports.Catalog.Partition;
import io.lakelet.core.ports.Catalog.SerDe;
import io.lakelet.core.ports.Catalog.Storage;
import io.lakelet.core.ports.Catalog.Table;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.glue.GlueClient;

/** The catalog port and the Glue API see one catalog: what one writes, the other reads. */
class GlueCatalogPortTest {
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";
    private static TestServer server;
    private static GlueModule module;
    private static GlueClient glue;
    private Catalog port;

    @BeforeAll
    static void start() {
        module = new GlueModule();
        server = TestServer.start(TestServer.config(Map.of()), Clock.systemUTC(), List.of(module));
        glue = GlueClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        glue.close();
        server.close();
    }

    @BeforeEach
    void clean() {
        server.server().reset();
        port = server.server().ports().require(Catalog.class);
    }

    private static Table events() {
        Storage storage = new Storage(List.of(new Column("id", "bigint", null), new Column("name", "string", "who")),
                "s3://lake/events/", "org.apache.hadoop.mapred.TextInputFormat",
                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                new SerDe(null, "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", Map.of("field.delim", ",")),
                false, Map.of());
        return new Table("Lake", "Events", null, "me", "EXTERNAL_TABLE", storage,
                List.of(new Column("year", "int", null)), Map.of("classification", "csv"), null, null, null, null, null);
    }

    private static Partition year(String y) {
        return new Partition("lake", "events", List.of(y), new Storage(List.of(), "s3://lake/events/year=" + y + "/",
                null, null, null, false, Map.of()), Map.of(), null);
    }

    @Test
    void whatThePortWritesTheApiReads() {
        // given
        port.createDatabase(ACCOUNT, REGION, new Database("Lake", "from athena", null, Map.of(), null));
        port.createTable(ACCOUNT, REGION, events());
        port.createPartitions(ACCOUNT, REGION, "lake", "events", List.of(year("2023"), year("2024")), false);
        // when
        var table = glue.getTable(b -> b.databaseName("lake").name("events")).table();
        var partitions = glue.getPartitions(b -> b.databaseName("lake").tableName("events")).partitions();
        // then
        assertThat(table.storageDescriptor().serdeInfo().parameters()).containsEntry("field.delim", ",");
        assertThat(table.storageDescriptor().columns()).extracting(c -> c.name()).containsExactly("id", "name");
        assertThat(table.partitionKeys()).extracting(c -> c.type()).containsExactly("int");
        assertThat(partitions).extracting(p -> p.storageDescriptor().location())
                .containsExactly("s3://lake/events/year=2023/", "s3://lake/events/year=2024/");
    }

    @Test
    void whatTheApiWritesThePortReads() {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("lake")));
        port.createTable(ACCOUNT, REGION, events());
        glue.createPartition(b -> b.databaseName("lake").tableName("events").partitionInput(p -> p.values("2024")));
        glue.createPartition(b -> b.databaseName("lake").tableName("events").partitionInput(p -> p.values("2025")));

        assertThat(port.listDatabases(ACCOUNT, REGION)).extracting(Database::name).containsExactly("lake");
        Table t = port.getTable(ACCOUNT, REGION, "LAKE", "events").orElseThrow();
        assertThat(t.name()).isEqualTo("events");
        assertThat(t.versionId()).isEqualTo("0");
        assertThat(t.storage().serde().serializationLibrary()).endsWith("LazySimpleSerDe");
        assertThat(port.getTable(ACCOUNT, REGION, "lake", "other")).isEmpty();
        assertThat(port.getPartitions(ACCOUNT, REGION, "lake", "events", "year >= 2025"))
                .extracting(p -> p.values().get(0)).containsExactly("2025");
        assertThat(port.getPartition(ACCOUNT, REGION, "lake", "events", List.of("2024"))).isPresent();
        assertThat(port.listTables(ACCOUNT, REGION, "lake")).hasSize(1);
    }

    @Test
    void partitionCreationIsAllOrNothingUnlessExistingOnesAreSkipped() {
        port.createDatabase(ACCOUNT, REGION, new Database("lake", null, null, null, null));
        port.createTable(ACCOUNT, REGION, events());
        port.createPartitions(ACCOUNT, REGION, "lake", "events", List.of(year("2024")), false);

        assertThatThrownBy(() -> port.createPartitions(ACCOUNT, REGION, "lake", "events",
                List.of(year("2025"), year("2024")), false))
                .isInstanceOf(AwsException.class)
                .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("AlreadyExistsException"));
        assertThat(port.getPartitions(ACCOUNT, REGION, "lake", "events", null)).hasSize(1);

        port.createPartitions(ACCOUNT, REGION, "lake", "events", List.of(year("2025"), year("2024")), true);
        assertThat(port.getPartitions(ACCOUNT, REGION, "lake", "events", null)).hasSize(2);
    }

    @Test
    void updatesAndDeletesGoThroughTheSameRules() {
        port.createDatabase(ACCOUNT, REGION, new Database("lake", null, null, null, null));
        port.createTable(ACCOUNT, REGION, events());
        Table changed = events();
        port.updateTable(ACCOUNT, REGION, new Table(changed.database(), changed.name(), "now described",
                changed.owner(), changed.tableType(), changed.storage(), changed.partitionKeys(), changed.parameters(),
                null, null, null, null, null));
        assertThat(glue.getTableVersions(b -> b.databaseName("lake").tableName("events")).tableVersions()).hasSize(2);
        port.createPartitions(ACCOUNT, REGION, "lake", "events", List.of(year("2024")), false);
        port.updatePartition(ACCOUNT, REGION, "lake", "events", List.of("2024"), year("2030"));
        assertThat(port.getPartitions(ACCOUNT, REGION, "lake", "events", null)).extracting(p -> p.values().get(0))
                .containsExactly("2030");
        port.deletePartition(ACCOUNT, REGION, "lake", "events", List.of("2030"));
        assertThat(port.getPartitions(ACCOUNT, REGION, "lake", "events", null)).isEmpty();
        assertThatThrownBy(() -> port.getPartitions(ACCOUNT, REGION, "lake", "events", "year = 'x'"))
                .isInstanceOf(AwsException.class)
                .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("InvalidInputException"));
        port.deleteTable(ACCOUNT, REGION, "lake", "events");
        port.deleteDatabase(ACCOUNT, REGION, "lake");
        assertThat(port.getDatabase(ACCOUNT, REGION, "lake")).isEmpty();
        assertThatThrownBy(() -> port.getTable(ACCOUNT, REGION, "lake", "events"))
                .isInstanceOf(AwsException.class).hasMessage("Database lake not found.");
    }
}
