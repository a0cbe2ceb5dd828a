package io.lakelet.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.config.LakeletConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** Table management through the real SDK client, with DynamoDB's statuses and messages. */
class TablesTest {
    private static DynamoDbTestServer server;

    @BeforeAll
    static void start() {
        server = DynamoDbTestServer.start(Map.of(LakeletConfig.Keys.STATE_DELAY_MS, "300"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static CreateTableRequest leaseTable(String name) {
        return CreateTableRequest.builder().tableName(name)
                .keySchema(k -> k.attributeName("leaseKey").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(10L))
                .deletionProtectionEnabled(false)
                .tags(Tag.builder().key("app").value("kcl").build())
                .build();
    }

    private static <T> T poll(Supplier<T> read, java.util.function.Predicate<T> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        T value = read.get();
        while (!done.test(value)) {
            assertThat(Instant.now()).as("waiting for a state change").isBefore(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            value = read.get();
        }
        return value;
    }

    private static TableDescription describe(String name) {
        return server.sync.describeTable(b -> b.tableName(name)).table();
    }

    @Test
    void aNewTableIsCreatingThenActiveAndServesItemsOnlyWhenActive() {
        // when a table is created with a state delay
        TableDescription created = server.sync.createTable(leaseTable("creating-table")).tableDescription();

        // then it is CREATING with its definition, and item requests do not find it yet
        assertThat(created.tableStatus()).isEqualTo(TableStatus.CREATING);
        assertThat(created.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/creating-table");
        assertThat(created.provisionedThroughput().readCapacityUnits()).isEqualTo(10L);
        assertThat(created.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(created.keySchema()).hasSize(1);
        assertThatThrownBy(() -> server.sync.getItem(b -> b.tableName("creating-table")
                .key(Map.of("leaseKey", AttributeValue.fromS("k")))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Requested resource not found");

        // and it becomes ACTIVE
        TableDescription active = poll(() -> describe("creating-table"), t -> t.tableStatus() == TableStatus.ACTIVE);
        assertThat(active.itemCount()).isZero();
        assertThat(active.tableSizeBytes()).isZero();
        assertThat(active.creationDateTime()).isEqualTo(created.creationDateTime());
    }

    @Test
    void theLeaseOwnerIndexIsAddedByUpdateTableAndBecomesActive() {
        server.sync.createTable(leaseTable("gsi-table"));
        poll(() -> describe("gsi-table"), t -> t.tableStatus() == TableStatus.ACTIVE);

        // when KCL's UpdateTable adds the lease-owner index
        TableDescription updated = server.sync.updateTable(b -> b.tableName("gsi-table")
                .attributeDefinitions(a -> a.attributeName("leaseOwner").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("LeaseOwnerToLeaseKeyIndex")
                        .keySchema(k -> k.attributeName("leaseOwner").keyType(KeyType.HASH),
                                k -> k.attributeName("leaseKey").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(10L))))).tableDescription();

        // then the table is UPDATING and the index CREATING, both settling to ACTIVE
        assertThat(updated.tableStatus()).isEqualTo(TableStatus.UPDATING);
        assertThat(updated.globalSecondaryIndexes()).singleElement()
                .satisfies(g -> assertThat(g.indexStatus()).isEqualTo(IndexStatus.CREATING));
        TableDescription settled = poll(() -> describe("gsi-table"),
                t -> t.globalSecondaryIndexes().get(0).indexStatus() == IndexStatus.ACTIVE);
        assertThat(settled.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(settled.globalSecondaryIndexes().get(0).indexArn())
                .isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/gsi-table/index/LeaseOwnerToLeaseKeyIndex");
        assertThat(settled.attributeDefinitions()).hasSize(2);

        // and creating it again is refused
        assertThatThrownBy(() -> server.sync.updateTable(b -> b.tableName("gsi-table")
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("LeaseOwnerToLeaseKeyIndex")
                        .keySchema(k -> k.attributeName("leaseOwner").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Attempting to create an index which already exists");
    }

    @Test
    void aDuplicateTableIsResourceInUse() {
        server.sync.createTable(leaseTable("dup-table"));
        assertThatThrownBy(() -> server.sync.createTable(leaseTable("dup-table")))
                .isInstanceOf(ResourceInUseException.class).hasMessageContaining("Table already exists: dup-table");
    }

    @Test
    void unknownTablesAreResourceNotFound() {
        assertThatThrownBy(() -> server.sync.describeTable(b -> b.tableName("no-such-table")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Requested resource not found: Table: no-such-table not found");
        assertThatThrownBy(() -> server.sync.putItem(b -> b.tableName("no-such-table")
                .item(Map.of("k", AttributeValue.fromS("v")))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Requested resource not found");
        assertThatThrownBy(() -> server.sync.deleteTable(b -> b.tableName("no-such-table")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> server.sync.scan(b -> b.tableName("no-such-table")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> server.sync.updateContinuousBackups(b -> b.tableName("no-such-table")
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true))))
                .isInstanceOf(TableNotFoundException.class);
    }

    @Test
    void badDefinitionsAreRefusedWithDynamoDbsWording() {
        assertThatThrownBy(() -> server.sync.createTable(leaseTable("bad-table").toBuilder()
                .keySchema(k -> k.attributeName("other").keyType(KeyType.HASH)).build()))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("One or more parameter values were invalid: Some index key attributes are not"
                        + " defined in AttributeDefinitions");
        assertThatThrownBy(() -> server.sync.createTable(leaseTable("bad-table").toBuilder()
                .provisionedThroughput((software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput) null)
                .build()))
                .hasMessageContaining("ReadCapacityUnits and WriteCapacityUnits must both be specified when"
                        + " BillingMode is PROVISIONED");
        assertThatThrownBy(() -> server.sync.createTable(leaseTable("bad-table").toBuilder()
                .billingMode(BillingMode.PAY_PER_REQUEST).build()))
                .hasMessageContaining("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when"
                        + " BillingMode is PAY_PER_REQUEST");
        assertThatThrownBy(() -> server.sync.createTable(leaseTable("bad table")))
                .hasMessageContaining("Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertThatThrownBy(() -> server.sync.createTable(leaseTable("bad-table").toBuilder()
                .attributeDefinitions(a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("unused").attributeType(ScalarAttributeType.N)).build()))
                .hasMessageContaining("Some AttributeDefinitions are not used");
    }

    @Test
    void deletionProtectionBlocksDeleteUntilTurnedOff() {
        server.sync.createTable(leaseTable("protected-table").toBuilder().deletionProtectionEnabled(true).build());
        poll(() -> describe("protected-table"), t -> t.tableStatus() == TableStatus.ACTIVE);
        assertThatThrownBy(() -> server.sync.deleteTable(b -> b.tableName("protected-table")))
                .hasMessageContaining("Resource cannot be deleted as it is currently protected against deletion");

        server.sync.updateTable(b -> b.tableName("protected-table").deletionProtectionEnabled(false));
        poll(() -> describe("protected-table"), t -> t.tableStatus() == TableStatus.ACTIVE);
        TableDescription deleted = server.sync.deleteTable(b -> b.tableName("protected-table")).tableDescription();

        assertThat(deleted.tableStatus()).isEqualTo(TableStatus.DELETING);
        assertThatThrownBy(() -> describe("protected-table")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aTableStillCreatingCannotBeDeleted() {
        server.sync.createTable(leaseTable("young-table"));
        assertThatThrownBy(() -> server.sync.deleteTable(b -> b.tableName("young-table")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Attempt to change a resource which is still in use: Table is being created");
    }

    @Test
    void listTablesPagesInNameOrder() {
        for (String n : List.of("list-c", "list-a", "list-b")) {
            server.sync.createTable(leaseTable(n));
        }
        List<String> all = server.sync.listTables().tableNames();
        assertThat(all).containsSubsequence("list-a", "list-b", "list-c").isSorted();

        var first = server.sync.listTables(b -> b.exclusiveStartTableName("list-").limit(2));
        assertThat(first.tableNames()).containsExactly("list-a", "list-b");
        assertThat(first.lastEvaluatedTableName()).isEqualTo("list-b");
        var second = server.sync.listTables(b -> b.exclusiveStartTableName("list-b").limit(1));
        assertThat(second.tableNames()).containsExactly("list-c");
    }

    @Test
    void pointInTimeRecoveryIsKept() {
        server.sync.createTable(leaseTable("pitr-table"));
        assertThat(server.sync.describeContinuousBackups(b -> b.tableName("pitr-table")).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.DISABLED);

        var enabled = server.sync.updateContinuousBackups(b -> b.tableName("pitr-table")
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true))).continuousBackupsDescription();

        assertThat(enabled.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus())
                .isEqualTo(PointInTimeRecoveryStatus.ENABLED);
        assertThat(server.sync.describeContinuousBackups(b -> b.tableName("pitr-table")).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().earliestRestorableDateTime()).isNotNull();
    }

    @Test
    void tagsFromCreateTableAndTagResource() {
        String arn = server.sync.createTable(leaseTable("tag-table")).tableDescription().tableArn();
        server.sync.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("team").value("streams").build()));
        server.sync.untagResource(b -> b.resourceArn(arn).tagKeys("app"));
        assertThat(server.sync.listTagsOfResource(b -> b.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("team").value("streams").build());
        assertThatThrownBy(() -> server.sync.listTagsOfResource(b -> b.resourceArn(arn + "-gone")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void otherDynamoDbOperationsAreNotImplemented() {
        assertThatThrownBy(() -> server.sync.batchGetItem(b -> b.requestItems(Map.of())))
                .isInstanceOf(SdkServiceException.class)
                .satisfies(e -> assertThat(((SdkServiceException) e).statusCode()).isEqualTo(501))
                .hasMessageContaining("BatchGetItem");
    }

    @Test
    void errorBodiesCarryDynamoDbsNamespacedTypeOverJson10() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.server.endpoint() + "/"))
                .header("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request,"
                        + " SignedHeaders=host, Signature=abc")
                .POST(HttpRequest.BodyPublishers.ofString("{\"TableName\":\"nope-table\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(r.body()).contains("\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\"")
                .contains("\"message\":\"Requested resource not found: Table: nope-table not found\"");
    }
}
