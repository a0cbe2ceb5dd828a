package io.lakelet.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** Single-item reads and writes with condition and update expressions, through the real SDK clients. */
class ItemsTest {
    private static final String TABLE = "items-table";
    private static DynamoDbTestServer server;

    @BeforeAll
    static void start() {
        server = DynamoDbTestServer.start();
        server.sync.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", s(id));
    }

    private static Map<String, AttributeValue> get(String id) {
        return server.sync.getItem(b -> b.tableName(TABLE).key(key(id)).consistentRead(true)).item();
    }

    private static Map<String, AttributeValue> sample(String id) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(id));
        item.put("owner", s("worker-1"));
        item.put("counter", n("5"));
        item.put("tags", AttributeValue.fromSs(List.of("a", "b")));
        item.put("doc", AttributeValue.fromM(Map.of("list", AttributeValue.fromL(List.of(n("1"), n("2"))))));
        item.put("flag", AttributeValue.fromBool(true));
        return item;
    }

    private static void put(Map<String, AttributeValue> item) {
        server.sync.putItem(b -> b.tableName(TABLE).item(item));
    }

    /** Runs a conditional PutItem of the sample item over itself and says whether the condition held. */
    private static boolean conditionHolds(String id, String condition, Map<String, AttributeValue> values) {
        put(sample(id));
        try {
            server.sync.putItem(b -> b.tableName(TABLE).item(sample(id)).conditionExpression(condition)
                    .expressionAttributeValues(values.isEmpty() ? null : values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Test
    void putGetAndDeleteRoundTripEveryType() {
        Map<String, AttributeValue> item = new HashMap<>(sample("round"));
        item.put("bin", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromUtf8String("bytes")));
        item.put("nums", AttributeValue.fromNs(List.of("1", "2.50")));
        item.put("nothing", AttributeValue.fromNul(true));
        put(item);

        Map<String, AttributeValue> read = get("round");
        assertThat(read).containsAllEntriesOf(Map.of("owner", s("worker-1"), "counter", n("5"), "flag",
                AttributeValue.fromBool(true), "nothing", AttributeValue.fromNul(true)));
        assertThat(read.get("nums").ns()).containsExactlyInAnyOrder("1", "2.5");
        assertThat(read.get("bin").b().asUtf8String()).isEqualTo("bytes");

        var deleted = server.sync.deleteItem(b -> b.tableName(TABLE).key(key("round")).returnValues(ReturnValue.ALL_OLD));
        assertThat(deleted.attributes()).containsEntry("owner", s("worker-1"));
        assertThat(server.sync.getItem(b -> b.tableName(TABLE).key(key("round"))).hasItem()).isFalse();
    }

    @Test
    void getItemProjectsPaths() {
        put(sample("proj"));
        var r = server.sync.getItem(b -> b.tableName(TABLE).key(key("proj"))
                .projectionExpression("#o, doc.list[1]").expressionAttributeNames(Map.of("#o", "owner")));
        assertThat(r.item()).containsOnlyKeys("owner", "doc");
        assertThat(r.item().get("doc").m().get("list").l()).containsExactly(n("2"));
    }

    @Test
    void everyComparatorInAConditionExpression() {
        Map<String, AttributeValue> five = Map.of(":v", n("5"));
        assertThat(conditionHolds("cmp", "counter = :v", five)).isTrue();
        assertThat(conditionHolds("cmp", "counter <> :v", five)).isFalse();
        assertThat(conditionHolds("cmp", "counter < :v", five)).isFalse();
        assertThat(conditionHolds("cmp", "counter <= :v", five)).isTrue();
        assertThat(conditionHolds("cmp", "counter > :v", five)).isFalse();
        assertThat(conditionHolds("cmp", "counter >= :v", five)).isTrue();
        assertThat(conditionHolds("cmp", "counter BETWEEN :lo AND :hi", Map.of(":lo", n("4"), ":hi", n("6")))).isTrue();
        assertThat(conditionHolds("cmp", "counter BETWEEN :lo AND :hi", Map.of(":lo", n("6"), ":hi", n("7")))).isFalse();
    }

    @Test
    void inAndLogicalOperators() {
        Map<String, AttributeValue> values = Map.of(":a", s("x"), ":b", s("worker-1"), ":v", n("5"));
        assertThat(conditionHolds("logic", "owner IN (:a, :b) AND counter = :v", values)).isTrue();
        assertThat(conditionHolds("logic", "owner IN (:a) OR (counter = :v AND NOT owner = :a) OR owner = :b", values))
                .isTrue();
        assertThat(conditionHolds("logic", "owner IN (:a) AND counter = :v OR owner = :b", values)).isTrue();
        assertThat(conditionHolds("logic", "owner IN (:a) AND (counter = :v OR owner = :b)", values)).isFalse();
        assertThat(conditionHolds("logic", "NOT (owner IN (:a, :b)) OR counter <> :v", values)).isFalse();
    }

    @Test
    void everyConditionFunction() {
        assertThat(conditionHolds("fn", "attribute_exists(owner)", Map.of())).isTrue();
        assertThat(conditionHolds("fn", "attribute_not_exists(owner)", Map.of())).isFalse();
        assertThat(conditionHolds("fn", "attribute_exists(doc.list[1])", Map.of())).isTrue();
        assertThat(conditionHolds("fn", "attribute_type(tags, :t)", Map.of(":t", s("SS")))).isTrue();
        assertThat(conditionHolds("fn", "attribute_type(counter, :t)", Map.of(":t", s("S")))).isFalse();
        assertThat(conditionHolds("fn", "begins_with(owner, :p)", Map.of(":p", s("work")))).isTrue();
        assertThat(conditionHolds("fn", "begins_with(owner, :p)", Map.of(":p", s("x")))).isFalse();
        assertThat(conditionHolds("fn", "contains(tags, :e)", Map.of(":e", s("b")))).isTrue();
        assertThat(conditionHolds("fn", "contains(owner, :e)", Map.of(":e", s("ker-")))).isTrue();
        assertThat(conditionHolds("fn", "contains(doc.list, :e)", Map.of(":e", n("3")))).isFalse();
        assertThat(conditionHolds("fn", "size(tags) = :two", Map.of(":two", n("2")))).isTrue();
        assertThat(conditionHolds("fn", "size(owner) > :two", Map.of(":two", n("20")))).isFalse();
    }

    @Test
    void aFailedConditionChangesNothingAndCanReturnTheOldItem() {
        put(sample("fail"));
        assertThatThrownBy(() -> server.sync.updateItem(b -> b.tableName(TABLE).key(key("fail"))
                .updateExpression("SET counter = counter + :one, owner = :new")
                .conditionExpression("owner = :expected")
                .expressionAttributeValues(Map.of(":one", n("1"), ":new", s("worker-2"), ":expected", s("worker-9")))
                .returnValuesOnConditionCheckFailure("ALL_OLD")))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                    assertThat(e.getMessage()).contains("The conditional request failed");
                    assertThat(e.item()).containsEntry("owner", s("worker-1")).containsEntry("counter", n("5"));
                });
        assertThat(get("fail")).isEqualTo(sample("fail"));

        assertThatThrownBy(() -> server.sync.deleteItem(b -> b.tableName(TABLE).key(key("fail"))
                .conditionExpression("attribute_not_exists(id)")))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> assertThat(e.hasItem()).isFalse());
        assertThat(get("fail")).isEqualTo(sample("fail"));
    }

    @Test
    void updateExpressionsAndReturnValues() {
        put(sample("upd"));
        UpdateItemResponse allNew = server.sync.updateItem(b -> b.tableName(TABLE).key(key("upd"))
                .updateExpression("SET counter = counter + :one, created = if_not_exists(created, :now),"
                        + " doc.list = list_append(doc.list, :more) REMOVE flag ADD labels :c, visits :one DELETE tags :a")
                .expressionAttributeValues(Map.of(":one", n("1"), ":now", n("1700000000"),
                        ":more", AttributeValue.fromL(List.of(n("3"))), ":c", AttributeValue.fromSs(List.of("c")),
                        ":a", AttributeValue.fromSs(List.of("a"))))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(allNew.attributes()).containsEntry("counter", n("6")).containsEntry("created", n("1700000000"))
                .containsEntry("visits", n("1")).doesNotContainKey("flag");
        assertThat(allNew.attributes().get("tags").ss()).containsExactly("b");
        assertThat(allNew.attributes().get("labels").ss()).containsExactly("c");
        assertThat(allNew.attributes().get("doc").m().get("list").l()).containsExactly(n("1"), n("2"), n("3"));

        UpdateItemResponse updatedOld = server.sync.updateItem(b -> b.tableName(TABLE).key(key("upd"))
                .updateExpression("SET counter = counter - :one").expressionAttributeValues(Map.of(":one", n("1")))
                .returnValues(ReturnValue.UPDATED_OLD));
        assertThat(updatedOld.attributes()).containsOnlyKeys("counter").containsEntry("counter", n("6"));

        UpdateItemResponse updatedNew = server.sync.updateItem(b -> b.tableName(TABLE).key(key("upd"))
                .updateExpression("SET counter = counter - :one").expressionAttributeValues(Map.of(":one", n("1")))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertThat(updatedNew.attributes()).containsOnlyKeys("counter").containsEntry("counter", n("4"));

        UpdateItemResponse allOld = server.sync.updateItem(b -> b.tableName(TABLE).key(key("upd"))
                .updateExpression("REMOVE visits").returnValues(ReturnValue.ALL_OLD));
        assertThat(allOld.attributes()).containsEntry("visits", n("1"));
        assertThat(get("upd")).doesNotContainKey("visits");
    }

    @Test
    void updateCreatesAMissingItemAndPutReturnsTheOldOne() {
        var created = server.sync.updateItem(b -> b.tableName(TABLE).key(key("fresh"))
                .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", n("1")))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(created.attributes()).isEqualTo(Map.of("id", s("fresh"), "n", n("1")));

        var replaced = server.sync.putItem(b -> b.tableName(TABLE).item(Map.of("id", s("fresh")))
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(replaced.attributes()).containsEntry("n", n("1"));
        assertThat(get("fresh")).isEqualTo(Map.of("id", s("fresh")));
    }

    @Test
    void kclStyleLegacyExpectedAndAttributeUpdates() {
        // given a lease created only if it does not exist (Expected Exists=false)
        Map<String, ExpectedAttributeValue> absent = Map.of("id", ExpectedAttributeValue.builder().exists(false).build());
        server.sync.putItem(b -> b.tableName(TABLE).item(Map.of("id", s("lease"), "leaseCounter", n("0")))
                .expected(absent));
        assertThatThrownBy(() -> server.sync.putItem(b -> b.tableName(TABLE)
                .item(Map.of("id", s("lease"), "leaseCounter", n("9"))).expected(absent)))
                .isInstanceOf(ConditionalCheckFailedException.class);

        // when it is renewed with a counter expectation, a PUT and an ADD
        Map<String, AttributeValueUpdate> renew = Map.of(
                "leaseCounter", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("1")).build(),
                "leaseOwner", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(s("w1")).build());
        server.sync.updateItem(b -> b.tableName(TABLE).key(key("lease")).attributeUpdates(renew)
                .expected(Map.of("leaseCounter", ExpectedAttributeValue.builder().value(n("0")).build(),
                        "checkpointOwner", ExpectedAttributeValue.builder().exists(false).build())));

        // then a stale counter fails and changes nothing, with the old item on request
        assertThatThrownBy(() -> server.sync.updateItem(b -> b.tableName(TABLE).key(key("lease")).attributeUpdates(renew)
                .expected(Map.of("leaseCounter", ExpectedAttributeValue.builder().value(n("0")).build()))
                .returnValuesOnConditionCheckFailure("ALL_OLD")))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class,
                        e -> assertThat(e.item()).containsEntry("leaseCounter", n("1")));
        assertThat(get("lease")).isEqualTo(Map.of("id", s("lease"), "leaseCounter", n("1"), "leaseOwner", s("w1")));

        // and a DELETE action without a value removes the attribute
        server.sync.updateItem(b -> b.tableName(TABLE).key(key("lease")).attributeUpdates(Map.of("leaseOwner",
                AttributeValueUpdate.builder().action(AttributeAction.DELETE).build())));
        assertThat(get("lease")).doesNotContainKey("leaseOwner");
    }

    @Test
    void malformedExpressionsAreValidationErrorsWordedAsDynamoDb() {
        put(sample("bad"));
        assertThatThrownBy(() -> server.sync.putItem(b -> b.tableName(TABLE).item(sample("bad"))
                .conditionExpression("owner = ")))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageContaining("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
        assertThatThrownBy(() -> server.sync.updateItem(b -> b.tableName(TABLE).key(key("bad"))
                .updateExpression("SET owner = :missing")))
                .hasMessageContaining("Invalid UpdateExpression: An expression attribute value used in expression is"
                        + " not defined; attribute value: :missing");
        assertThatThrownBy(() -> server.sync.updateItem(b -> b.tableName(TABLE).key(key("bad"))
                .updateExpression("SET owner = :v").expressionAttributeValues(Map.of(":v", s("x"), ":extra", s("y")))))
                .hasMessageContaining("Value provided in ExpressionAttributeValues unused in expressions: keys: {:extra}");
        assertThatThrownBy(() -> server.sync.updateItem(b -> b.tableName(TABLE).key(key("bad"))
                .updateExpression("SET id = :v").expressionAttributeValues(Map.of(":v", s("x")))))
                .hasMessageContaining("Cannot update attribute id. This attribute is part of the key");
        assertThatThrownBy(() -> server.sync.updateItem(b -> b.tableName(TABLE).key(key("bad"))
                .updateExpression("SET counter = owner + :v").expressionAttributeValues(Map.of(":v", n("1")))))
                .hasMessageContaining("Invalid UpdateExpression: An operand in the update expression has an incorrect"
                        + " data type");
        assertThatThrownBy(() -> server.sync.putItem(b -> b.tableName(TABLE).item(sample("bad"))
                .conditionExpression("attribute_exists(id)")
                .expected(Map.of("id", ExpectedAttributeValue.builder().exists(true).value(s("bad")).build()))))
                .hasMessageContaining("Can not use both expression and non-expression parameters in the same request");
        assertThat(get("bad")).isEqualTo(sample("bad"));
    }

    @Test
    void keysAndValuesAreChecked() {
        assertThatThrownBy(() -> server.sync.putItem(b -> b.tableName(TABLE).item(Map.of("other", s("x")))))
                .hasMessageContaining("One or more parameter values were invalid: Missing the key id in the item");
        assertThatThrownBy(() -> server.sync.putItem(b -> b.tableName(TABLE).item(Map.of("id", n("1")))))
                .hasMessageContaining("Type mismatch for key id expected: S actual: N");
        assertThatThrownBy(() -> server.sync.getItem(b -> b.tableName(TABLE).key(Map.of("id", s("x"), "more", s("y")))))
                .hasMessageContaining("The provided key element does not match the schema");
        assertThatThrownBy(() -> server.sync.putItem(b -> b.tableName(TABLE)
                .item(Map.of("id", s("x"), "num", n("not-a-number")))))
                .hasMessageContaining("A value provided cannot be converted into a number");
        assertThatThrownBy(() -> server.sync.putItem(b -> b.tableName(TABLE).item(Map.of("id", s("")))))
                .hasMessageContaining("The AttributeValue for a key attribute cannot contain an empty string value");
    }

    @Test
    void theAsyncClientDoesConditionalWritesToo() {
        server.async.putItem(b -> b.tableName(TABLE).item(sample("async"))).join();
        assertThatThrownBy(() -> server.async.putItem(b -> b.tableName(TABLE).item(sample("async"))
                .conditionExpression("attribute_not_exists(id)")).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ConditionalCheckFailedException.class);
        var r = server.async.updateItem(b -> b.tableName(TABLE).key(key("async"))
                .updateExpression("SET counter = counter + :one").expressionAttributeValues(Map.of(":one", n("1")))
                .returnValues(ReturnValue.UPDATED_NEW)).join();
        assertThat(r.attributes()).isEqualTo(Map.of("counter", n("6")));
    }

    @Test
    void concurrentConditionalWritesNeverLoseAnUpdate() throws Exception {
        // given one counter and several writers doing optimistic compare-and-set increments
        put(Map.of("id", s("cas"), "v", n("0")));
        java.util.concurrent.atomic.AtomicInteger successes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int t = 0; t < 6; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    String seen = get("cas").get("v").n();
                    try {
                        server.sync.updateItem(b -> b.tableName(TABLE).key(key("cas"))
                                .updateExpression("SET v = v + :one").conditionExpression("v = :seen")
                                .expressionAttributeValues(Map.of(":one", n("1"), ":seen", n(seen))));
                        successes.incrementAndGet();
                    } catch (ConditionalCheckFailedException lostRace) {
                        // another writer got there first; that write is counted by its writer
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : futures) {
            f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();

        // then every successful conditional write is in the counter, and no more
        assertThat(successes.get()).isPositive();
        assertThat(get("cas").get("v").n()).isEqualTo(Integer.toString(successes.get()));
    }
}
