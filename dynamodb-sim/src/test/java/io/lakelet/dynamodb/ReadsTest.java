package io.lakelet.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Scan and Query: pagination, filters, projections, segments, sort order and the lease-owner index. */
class ReadsTest {
    private static final String LEASES = "reads-leases";
    private static final String EVENTS = "reads-events";
    private static DynamoDbTestServer server;

    @BeforeAll
    static void start() {
        server = DynamoDbTestServer.start();
        server.sync.createTable(b -> b.tableName(LEASES).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("leaseKey").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("leaseOwner").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexes(g -> g.indexName("LeaseOwnerToLeaseKeyIndex")
                        .keySchema(k -> k.attributeName("leaseOwner").keyType(KeyType.HASH),
                                k -> k.attributeName("leaseKey").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
        for (int i = 0; i < 25; i++) {
            String owner = i % 5 == 4 ? null : "worker-" + (i % 2);
            Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(
                    "leaseKey", AttributeValue.fromS(String.format("shardId-%012d", i)),
                    "leaseCounter", AttributeValue.fromN(Integer.toString(i)),
                    "checkpoint", AttributeValue.fromS("TRIM_HORIZON")));
            if (owner != null) {
                item.put("leaseOwner", AttributeValue.fromS(owner));
            }
            server.sync.putItem(b -> b.tableName(LEASES).item(item));
        }
        server.sync.createTable(b -> b.tableName(EVENTS).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("device").keyType(KeyType.HASH),
                        k -> k.attributeName("at").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("device").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("at").attributeType(ScalarAttributeType.N)));
        for (String device : List.of("d1", "d2")) {
            for (int at : new int[] {-5, 0, 3, 10, 25, 100, 250}) {
                server.sync.putItem(b -> b.tableName(EVENTS).item(Map.of("device", AttributeValue.fromS(device),
                        "at", AttributeValue.fromN(Integer.toString(at)), "kind", AttributeValue.fromS(at % 2 == 0 ? "even" : "odd"))));
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void scanPagesWithLimitAndExclusiveStartKeyVisitEveryItemOnce() {
        // when the table is read three items at a time
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = server.sync.scan(b -> b.tableName(LEASES).limit(3).exclusiveStartKey(from));
            page.items().forEach(i -> seen.add(i.get("leaseKey").s()));
            assertThat(page.count()).isLessThanOrEqualTo(3);
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);

        // then every item came exactly once, in key order
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
        assertThat(pages).isBetween(9, 10);
    }

    @Test
    void scanFiltersAfterEvaluatingAndProjects() {
        ScanResponse r = server.sync.scan(b -> b.tableName(LEASES).limit(10)
                .filterExpression("leaseCounter >= :min AND attribute_exists(leaseOwner)")
                .projectionExpression("leaseKey, #c").expressionAttributeNames(Map.of("#c", "leaseCounter"))
                .expressionAttributeValues(Map.of(":min", AttributeValue.fromN("5"))));
        assertThat(r.scannedCount()).isEqualTo(10);
        assertThat(r.items()).allSatisfy(i -> assertThat(i).containsOnlyKeys("leaseKey", "leaseCounter"));
        assertThat(r.items()).extracting(i -> Integer.parseInt(i.get("leaseCounter").n()))
                .containsExactly(5, 6, 7, 8);

        ScanResponse count = server.sync.scan(b -> b.tableName(LEASES).select(Select.COUNT)
                .filterExpression("leaseOwner = :o").expressionAttributeValues(Map.of(":o", AttributeValue.fromS("worker-0"))));
        assertThat(count.count()).isEqualTo(10);
        assertThat(count.hasItems()).isFalse();
    }

    @Test
    void parallelScanSegmentsPartitionTheTable() {
        Set<String> union = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 4; segment++) {
            int s = segment;
            List<Map<String, AttributeValue>> items = server.sync.scanPaginator(b -> b.tableName(LEASES)
                    .segment(s).totalSegments(4).limit(2)).items().stream().toList();
            total += items.size();
            items.forEach(i -> union.add(i.get("leaseKey").s()));
        }
        assertThat(total).isEqualTo(25);
        assertThat(union).hasSize(25);
        assertThatThrownBy(() -> server.sync.scan(b -> b.tableName(LEASES).segment(4).totalSegments(4)))
                .hasMessageContaining("The Segment parameter is zero-based and must be less than parameter TotalSegments");
    }

    @Test
    void queryTheLeaseOwnerIndexAsKclDoes() {
        // KCL's listLeaseKeysForWorker: leaseOwner = :leaseOwner on the KEYS_ONLY index, paging by LastEvaluatedKey
        List<String> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = server.sync.query(b -> b.tableName(LEASES).indexName("LeaseOwnerToLeaseKeyIndex")
                    .keyConditionExpression("leaseOwner = :leaseOwner").limit(4).exclusiveStartKey(from)
                    .expressionAttributeValues(Map.of(":leaseOwner", AttributeValue.fromS("worker-1"))));
            page.items().forEach(i -> {
                assertThat(i).containsOnlyKeys("leaseKey", "leaseOwner");
                keys.add(i.get("leaseKey").s());
            });
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);

        assertThat(keys).hasSize(10).isSorted().doesNotHaveDuplicates()
                .allSatisfy(k -> assertThat(Integer.parseInt(k.substring(8)) % 2).isEqualTo(1));
        assertThatThrownBy(() -> server.sync.query(b -> b.tableName(LEASES).indexName("NoSuchIndex")
                .keyConditionExpression("leaseOwner = :o").expressionAttributeValues(Map.of(":o", AttributeValue.fromS("x")))))
                .hasMessageContaining("The table does not have the specified index: NoSuchIndex");
    }

    private static List<Integer> at(QueryResponse r) {
        return r.items().stream().map(i -> Integer.parseInt(i.get("at").n())).toList();
    }

    private static QueryResponse query(String condition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":d", AttributeValue.fromS("d1"));
        return server.sync.query(b -> b.tableName(EVENTS).keyConditionExpression(condition)
                .expressionAttributeValues(all));
    }

    @Test
    void queryRangeConditionsOrderNumbersNumerically() {
        assertThat(at(query("device = :d", Map.of()))).containsExactly(-5, 0, 3, 10, 25, 100, 250);
        assertThat(at(query("device = :d AND at < :x", Map.of(":x", AttributeValue.fromN("10"))))).containsExactly(-5, 0, 3);
        assertThat(at(query("device = :d AND at <= :x", Map.of(":x", AttributeValue.fromN("10"))))).containsExactly(-5, 0, 3, 10);
        assertThat(at(query("device = :d AND at > :x", Map.of(":x", AttributeValue.fromN("25"))))).containsExactly(100, 250);
        assertThat(at(query("device = :d AND at >= :x", Map.of(":x", AttributeValue.fromN("25"))))).containsExactly(25, 100, 250);
        assertThat(at(query("device = :d AND at = :x", Map.of(":x", AttributeValue.fromN("3"))))).containsExactly(3);
        assertThat(at(query("device = :d AND at BETWEEN :lo AND :hi",
                Map.of(":lo", AttributeValue.fromN("0"), ":hi", AttributeValue.fromN("100"))))).containsExactly(0, 3, 10, 25, 100);
    }

    @Test
    void queryBackwardsWithFilterLimitAndPaging() {
        QueryResponse first = server.sync.query(b -> b.tableName(EVENTS).keyConditionExpression("device = :d")
                .filterExpression("kind = :k").scanIndexForward(false).limit(3)
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS("d2"), ":k", AttributeValue.fromS("even"))));
        assertThat(at(first)).containsExactly(250, 100);
        assertThat(first.scannedCount()).isEqualTo(3);
        QueryResponse second = server.sync.query(b -> b.tableName(EVENTS).keyConditionExpression("device = :d")
                .filterExpression("kind = :k").scanIndexForward(false).exclusiveStartKey(first.lastEvaluatedKey())
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS("d2"), ":k", AttributeValue.fromS("even"))));
        assertThat(at(second)).containsExactly(10, 0);
        assertThat(second.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void malformedKeyConditionsAreRefused() {
        assertThatThrownBy(() -> server.sync.query(b -> b.tableName(EVENTS).keyConditionExpression("at = :x")
                .expressionAttributeValues(Map.of(":x", AttributeValue.fromN("1")))))
                .hasMessageContaining("Query condition missed key schema element: device");
        assertThatThrownBy(() -> query("device = :d OR at = :x", Map.of(":x", AttributeValue.fromN("1"))))
                .hasMessageContaining("Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR");
        assertThatThrownBy(() -> query("device = :d AND kind = :x", Map.of(":x", AttributeValue.fromS("odd"))))
                .hasMessageContaining("Query condition missed key schema element");
        assertThatThrownBy(() -> server.sync.query(b -> b.tableName(EVENTS).keyConditionExpression("device = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromN("1")))))
                .hasMessageContaining("Condition parameter type does not match schema type");
        assertThatThrownBy(() -> server.sync.query(b -> b.tableName(EVENTS).keyConditionExpression("device = :d")
                .filterExpression("at > :x").expressionAttributeValues(Map.of(":d", AttributeValue.fromS("d1"),
                        ":x", AttributeValue.fromN("1")))))
                .hasMessageContaining("Filter Expression can only contain non-primary key attributes: Primary key"
                        + " attribute: at");
        assertThatThrownBy(() -> server.sync.query(b -> b.tableName(EVENTS)))
                .hasMessageContaining("Either the KeyConditions or KeyConditionExpression parameter must be specified");
    }

    @Test
    void theAsyncClientPaginatesAScan() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        server.async.scanPaginator(b -> b.tableName(EVENTS).limit(4)).items().subscribe(items::add).join();
        assertThat(items).hasSize(14);
    }

    @Test
    void legacyScanFilterKeyConditionsAndAttributesToGet() {
        ScanResponse scan = server.sync.scan(b -> b.tableName(LEASES).attributesToGet("leaseKey")
                .scanFilter(Map.of("leaseCounter", software.amazon.awssdk.services.dynamodb.model.Condition.builder()
                        .comparisonOperator("LT").attributeValueList(AttributeValue.fromN("3")).build())));
        assertThat(scan.items()).extracting(i -> i.get("leaseKey").s())
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(scan.items()).allSatisfy(i -> assertThat(i).containsOnlyKeys("leaseKey"));

        QueryResponse query = server.sync.query(b -> b.tableName(EVENTS).keyConditions(Map.of(
                "device", software.amazon.awssdk.services.dynamodb.model.Condition.builder().comparisonOperator("EQ")
                        .attributeValueList(AttributeValue.fromS("d1")).build(),
                "at", software.amazon.awssdk.services.dynamodb.model.Condition.builder().comparisonOperator("GT")
                        .attributeValueList(AttributeValue.fromN("20")).build())));
        assertThat(at(query)).containsExactly(25, 100, 250);
        assertThatThrownBy(() -> server.sync.scan(b -> b.tableName(LEASES).attributesToGet("leaseKey")
                .projectionExpression("leaseKey")))
                .hasMessageContaining("Can not use both expression and non-expression parameters in the same request");
    }
}
