package io.lakelet.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems, which KCL uses to move coordinator state between tables: all or nothing. */
class TransactionsTest {
    private static DynamoDbTestServer server;

    @BeforeAll
    static void start() {
        server = DynamoDbTestServer.start();
        for (String t : new String[] {"tx-legacy", "tx-leases"}) {
            server.sync.createTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("key").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("key").attributeType(ScalarAttributeType.S)));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, AttributeValue> key(String k) {
        return Map.of("key", AttributeValue.fromS(k));
    }

    private static boolean exists(String table, String k) {
        return server.sync.getItem(b -> b.tableName(table).key(key(k))).hasItem();
    }

    @Test
    void aTransactionMovesAnItemAtomically() {
        server.sync.putItem(b -> b.tableName("tx-legacy").item(Map.of("key", AttributeValue.fromS("Migration3.0"),
                "cv", AttributeValue.fromS("CLIENT_VERSION_3X"))));

        server.sync.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("tx-leases").item(Map.of("key",
                        AttributeValue.fromS("Migration3.0"), "cv", AttributeValue.fromS("CLIENT_VERSION_3X")))
                        .conditionExpression("attribute_not_exists(#k)").expressionAttributeNames(Map.of("#k", "key"))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("tx-legacy").key(key("Migration3.0"))).build(),
                TransactWriteItem.builder().update(u -> u.tableName("tx-leases").key(key("counter"))
                        .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build()));

        assertThat(exists("tx-leases", "Migration3.0")).isTrue();
        assertThat(exists("tx-legacy", "Migration3.0")).isFalse();
        assertThat(exists("tx-leases", "counter")).isTrue();
    }

    @Test
    void oneFailedConditionCancelsEveryWriteWithReasons() {
        server.sync.putItem(b -> b.tableName("tx-leases").item(Map.of("key", AttributeValue.fromS("taken"))));

        assertThatThrownBy(() -> server.sync.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("tx-leases").item(key("new-one"))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("tx-leases").key(key("taken"))
                        .conditionExpression("attribute_not_exists(#k)").expressionAttributeNames(Map.of("#k", "key"))
                        .returnValuesOnConditionCheckFailure("ALL_OLD")).build())))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.getMessage()).contains("Transaction cancelled, please refer cancellation reasons for"
                            + " specific reasons [None, ConditionalCheckFailed]");
                    assertThat(e.cancellationReasons()).extracting(r -> r.code())
                            .containsExactly("None", "ConditionalCheckFailed");
                    assertThat(e.cancellationReasons().get(1).item()).containsEntry("key", AttributeValue.fromS("taken"));
                });
        assertThat(exists("tx-leases", "new-one")).isFalse();
    }

    @Test
    void twoOperationsOnOneItemAreRefused() {
        assertThatThrownBy(() -> server.sync.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("tx-leases").item(key("same"))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("tx-leases").key(key("same"))).build())))
                .hasMessageContaining("Transaction request cannot include multiple operations on one item");
    }
}
