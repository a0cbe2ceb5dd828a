package io.lakelet.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.config.LakeletConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Tables and items are in RocksDB: a server restarted on the same data directory has them all. */
class RestartTest {

    @Test
    void tablesAndItemsSurviveARestart(@TempDir Path dataDir) {
        Map<String, String> settings = Map.of(LakeletConfig.Keys.DATA_DIR, dataDir.toString());
        TableDescription before;
        // given a table with a global secondary index, tags and items, written by a first server
        try (DynamoDbTestServer first = DynamoDbTestServer.start(settings)) {
            first.sync.createTable(b -> b.tableName("durable").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sk").attributeType(ScalarAttributeType.N),
                            a -> a.attributeName("owner").attributeType(ScalarAttributeType.S))
                    .globalSecondaryIndexes(g -> g.indexName("byOwner")
                            .keySchema(k -> k.attributeName("owner").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType("ALL")))
                    .tags(t -> t.key("k").value("v")));
            for (int i = 0; i < 5; i++) {
                int n = i;
                first.sync.putItem(b -> b.tableName("durable").item(Map.of("pk", AttributeValue.fromS("p"),
                        "sk", AttributeValue.fromN(Integer.toString(n)), "owner", AttributeValue.fromS("w" + (n % 2)))));
            }
            first.sync.updateItem(b -> b.tableName("durable").key(Map.of("pk", AttributeValue.fromS("p"),
                    "sk", AttributeValue.fromN("0"))).updateExpression("SET counter = :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromN("42"))));
            first.sync.deleteItem(b -> b.tableName("durable").key(Map.of("pk", AttributeValue.fromS("p"),
                    "sk", AttributeValue.fromN("4"))));
            before = first.sync.describeTable(b -> b.tableName("durable")).table();
        }

        // when a second server starts on the same directory
        try (DynamoDbTestServer second = DynamoDbTestServer.start(settings)) {
            // then the table, its index, tags and every acknowledged write are there
            TableDescription after = second.sync.describeTable(b -> b.tableName("durable")).table();
            assertThat(after.tableStatus()).isEqualTo(TableStatus.ACTIVE);
            assertThat(after.tableId()).isEqualTo(before.tableId());
            assertThat(after.creationDateTime()).isEqualTo(before.creationDateTime());
            assertThat(after.itemCount()).isEqualTo(4);
            assertThat(second.sync.listTagsOfResource(b -> b.resourceArn(after.tableArn())).tags()).hasSize(1);
            assertThat(second.sync.getItem(b -> b.tableName("durable").key(Map.of("pk", AttributeValue.fromS("p"),
                    "sk", AttributeValue.fromN("0")))).item()).containsEntry("counter", AttributeValue.fromN("42"));
            assertThat(second.sync.query(b -> b.tableName("durable").keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("p")))).items())
                    .extracting(i -> i.get("sk").n()).containsExactly("0", "1", "2", "3");
            assertThat(second.sync.query(b -> b.tableName("durable").indexName("byOwner")
                    .keyConditionExpression("#o = :o").expressionAttributeNames(Map.of("#o", "owner"))
                    .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("w1")))).count()).isEqualTo(2);
        }
    }
}
