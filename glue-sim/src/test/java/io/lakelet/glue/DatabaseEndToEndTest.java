package io.lakelet.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.PartitionInput;

/** Databases through the real Glue clients: create, get, list with pages, update, delete with cascade. */
class DatabaseEndToEndTest {
    private static GlueServer server;

    @BeforeAll
    static void start() {
        server = GlueServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clean() {
        server.reset();
    }

    @Test
    void aDatabaseIsStoredLowerCaseAndFoundWithoutRegardToCase() {
        // given
        server.glue.createDatabase(b -> b.databaseInput(d -> d.name("Sales").description("all sales")
                .locationUri("s3://lake/sales/").parameters(Map.of("owner", "finance"))));
        // when
        Database db = server.glue.getDatabase(b -> b.name("SALES")).database();
        // then
        assertThat(db.name()).isEqualTo("sales");
        assertThat(db.description()).isEqualTo("all sales");
        assertThat(db.locationUri()).isEqualTo("s3://lake/sales/");
        assertThat(db.parameters()).containsEntry("owner", "finance");
        assertThat(db.catalogId()).isEqualTo("000000000000");
        assertThat(db.createTime()).isNotNull();
        assertThat(db.createTableDefaultPermissions()).hasSize(1);
        assertThat(db.createTableDefaultPermissions().get(0).principal().dataLakePrincipalIdentifier())
                .isEqualTo("IAM_ALLOWED_PRINCIPALS");
    }

    @Test
    void aDuplicateNameIsAlreadyExistsAndChangesNothing() {
        server.glue.createDatabase(b -> b.databaseInput(d -> d.name("dup").description("first")));
        assertThatThrownBy(() -> server.glue.createDatabase(b -> b.databaseInput(d -> d.name("DUP").description("second"))))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageStartingWith("Database already exists.");
        assertThat(server.glue.getDatabase(b -> b.name("dup")).database().description()).isEqualTo("first");
    }

    @Test
    void anUnknownDatabaseIsEntityNotFoundWithGluesWording() {
        assertThatThrownBy(() -> server.glue.getDatabase(b -> b.name("Nope")))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageStartingWith("Database nope not found.")
                .satisfies(e -> assertThat(((GlueException) e).awsErrorDetails().errorCode())
                        .isEqualTo("EntityNotFoundException"));
        assertThatThrownBy(() -> server.glue.deleteDatabase(b -> b.name("nope")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> server.glue.updateDatabase(b -> b.name("nope").databaseInput(d -> d.name("nope"))))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void getDatabasesPagesThroughEveryDatabaseInOrder() {
        // given
        for (int i = 0; i < 7; i++) {
            int n = i;
            server.glue.createDatabase(b -> b.databaseInput(d -> d.name("db" + n)));
        }
        // when
        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            GetDatabasesResponse page = server.glue.getDatabases(b -> b.maxResults(3).nextToken(t));
            page.databaseList().forEach(d -> names.add(d.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        // then
        assertThat(names).containsExactly("db0", "db1", "db2", "db3", "db4", "db5", "db6");
        assertThat(pages).isEqualTo(3);
        assertThat(server.glue.getDatabasesPaginator(b -> b.maxResults(2)).stream().flatMap(p -> p.databaseList().stream()).toList()).hasSize(7);
    }

    @Test
    void updateReplacesTheDefinitionButKeepsTheCreationTime() {
        server.glue.createDatabase(b -> b.databaseInput(d -> d.name("u").description("old")
                .parameters(Map.of("a", "1"))));
        Database before = server.glue.getDatabase(b -> b.name("u")).database();
        server.glue.updateDatabase(b -> b.name("U").databaseInput(d -> d.name("u").description("new")
                .locationUri("s3://x/")));
        Database after = server.glue.getDatabase(b -> b.name("u")).database();
        assertThat(after.description()).isEqualTo("new");
        assertThat(after.locationUri()).isEqualTo("s3://x/");
        assertThat(after.parameters()).isEmpty();
        assertThat(after.createTime()).isEqualTo(before.createTime());
    }

    @Test
    void deletingADatabaseDeletesItsTablesAndPartitions() {
        // given
        server.glue.createDatabase(b -> b.databaseInput(d -> d.name("gone")));
        server.glue.createDatabase(b -> b.databaseInput(d -> d.name("gone2")));
        server.glue.createTable(b -> b.databaseName("gone").tableInput(GlueServer.csvTable("t",
                List.of(GlueServer.column("year", "string")))));
        server.glue.createTable(b -> b.databaseName("gone2").tableInput(GlueServer.csvTable("t", List.of())));
        server.glue.createPartition(b -> b.databaseName("gone").tableName("t")
                .partitionInput(PartitionInput.builder().values("2024").build()));
        // when
        server.glue.deleteDatabase(b -> b.name("gone"));
        server.glue.createDatabase(b -> b.databaseInput(d -> d.name("gone")));
        // then
        assertThat(server.glue.getTables(b -> b.databaseName("gone")).tableList()).isEmpty();
        assertThat(server.glue.getTables(b -> b.databaseName("gone2")).tableList()).hasSize(1);
        assertThatThrownBy(() -> server.glue.getPartitions(b -> b.databaseName("gone").tableName("t")))
                .isInstanceOf(EntityNotFoundException.class).hasMessageStartingWith("Table t not found.");
    }

    @Test
    void aCatalogIdOtherThanTheAccountIsRefused() {
        assertThatThrownBy(() -> server.glue.createDatabase(b -> b.catalogId("123456789012")
                .databaseInput(d -> d.name("x"))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("is not authorized to perform: glue:CreateDatabase on resource: "
                        + "arn:aws:glue:us-east-1:123456789012:catalog");
        assertThat(server.glue.getDatabases(b -> { }).databaseList()).isEmpty();
        server.glue.createDatabase(b -> b.catalogId("000000000000").databaseInput(d -> d.name("mine")));
        assertThat(server.glue.getDatabase(b -> b.catalogId("000000000000").name("mine")).database().name())
                .isEqualTo("mine");
    }

    @Test
    void constraintViolationsAreValidationErrorsInAwsWording() {
        assertThatThrownBy(() -> server.glue.createDatabase(b -> b.databaseInput(d -> d.name(""))))
                .isInstanceOf(GlueException.class)
                .hasMessageContaining("1 validation error detected: Value '' at 'databaseInput.name' failed to "
                        + "satisfy constraint: Member must have length greater than or equal to 1")
                .satisfies(e -> assertThat(((GlueException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
        assertThatThrownBy(() -> server.glue.createDatabase(b -> { }))
                .hasMessageContaining("Value null at 'databaseInput' failed to satisfy constraint: Member must not be null");
        assertThatThrownBy(() -> server.glue.getDatabases(b -> b.maxResults(101)))
                .hasMessageContaining("Member must have value less than or equal to 100");
        assertThat(server.glue.getDatabases(b -> { }).databaseList()).isEmpty();
    }

    @Test
    void theAsyncClientSeesTheSameCatalog() throws Exception {
        server.async.createDatabase(b -> b.databaseInput(d -> d.name("AsyncDb"))).get();
        assertThat(server.glue.getDatabase(b -> b.name("asyncdb")).database().name()).isEqualTo("asyncdb");
        assertThat(server.async.getDatabases(b -> { }).get().databaseList()).extracting(Database::name)
                .containsExactly("asyncdb");
    }

    @Test
    void importStatusIsCompleteAndUnimplementedOperationsAreRefusedAsNotImplemented() {
        assertThat(server.glue.getCatalogImportStatus(b -> { }).importStatus().importCompleted()).isTrue();
        assertThatThrownBy(() -> server.glue.getJobs(b -> { }))
                .isInstanceOf(SdkServiceException.class)
                .satisfies(e -> assertThat(((SdkServiceException) e).statusCode()).isEqualTo(501))
                .hasMessageContaining("GetJobs");
    }
}
