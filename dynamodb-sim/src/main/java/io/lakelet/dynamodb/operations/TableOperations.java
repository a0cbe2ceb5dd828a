package io.lakelet.dynamodb.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.time.DelayedState;
import io.lakelet.dynamodb.DynamoDbErrors;
import io.lakelet.dynamodb.model.ItemStore;
import io.lakelet.dynamodb.model.Table;
import io.lakelet.dynamodb.model.TableStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** CreateTable, DescribeTable, DeleteTable and ListTables. UpdateTable lives in {@link TableUpdates}. */
public final class TableOperations {
    private final TableStore tables;
    private final ItemStore items;
    private final Clock clock;
    private final Duration delay;

    public TableOperations(TableStore tables, ItemStore items, Clock clock, Duration delay) {
        this.tables = tables;
        this.items = items;
        this.clock = clock;
        this.delay = delay;
    }

    public CreateTableResponse createTable(RequestContext ctx, CreateTableRequest in) {
        String name = Requests.tableName("tableName", in.tableName());
        List<AttributeDefinition> definitions = in.attributeDefinitions();
        TableDefinitions.attributeDefinitions(definitions);
        TableDefinitions.keySchema("keySchema", in.keySchema(), definitions, null);
        BillingMode mode = TableDefinitions.billingMode(in.billingMode(), in.billingModeAsString(),
                in.provisionedThroughput());
        if (in.hasLocalSecondaryIndexes()) {
            throw new AwsException("NotImplementedException", 501,
                    "LocalSecondaryIndexes are not implemented by Lakelet yet.");
        }
        Set<String> keyAttributes = new LinkedHashSet<>(TableDefinitions.names(in.keySchema()));
        String arn = ctx.arn("dynamodb", "table/" + name);
        List<GlobalSecondaryIndexDescription> indexes = new ArrayList<>();
        Map<String, DelayedState<IndexStatus>> indexStatus = new LinkedHashMap<>();
        for (GlobalSecondaryIndex g : in.globalSecondaryIndexes()) {
            if (indexStatus.containsKey(g.indexName())) {
                throw DynamoDbErrors.invalidParameter("Duplicate index name: " + g.indexName());
            }
            indexes.add(newIndex(arn, g.indexName(), g.keySchema(), g.projection(), g.provisionedThroughput(),
                    mode, definitions));
            keyAttributes.addAll(TableDefinitions.names(g.keySchema()));
            indexStatus.put(g.indexName(), DelayedState.starting(IndexStatus.CREATING, IndexStatus.ACTIVE, clock, delay));
        }
        TableDefinitions.allDefinitionsUsed(definitions, keyAttributes);
        Map<String, String> tags = tags(in.tags());
        Instant now = clock.instant();
        TableDescription.Builder d = TableDescription.builder()
                .attributeDefinitions(definitions)
                .tableName(name)
                .keySchema(in.keySchema())
                .tableStatus(TableStatus.ACTIVE)
                .creationDateTime(now)
                .provisionedThroughput(TableDefinitions.describe(mode, in.provisionedThroughput()))
                .tableArn(arn)
                .tableId(UUID.randomUUID().toString())
                .billingModeSummary(BillingModeSummary.builder().billingMode(mode)
                        .lastUpdateToPayPerRequestDateTime(mode == BillingMode.PAY_PER_REQUEST ? now : null).build())
                .deletionProtectionEnabled(Boolean.TRUE.equals(in.deletionProtectionEnabled()));
        if (!indexes.isEmpty()) {
            d.globalSecondaryIndexes(indexes);
        }
        Table table = new Table(ctx.accountId(), ctx.region(), d.build(),
                DelayedState.starting(TableStatus.CREATING, TableStatus.ACTIVE, clock, delay), indexStatus, null, tags);
        if (!tables.create(table)) {
            throw DynamoDbErrors.resourceInUse("Table already exists: " + name);
        }
        return CreateTableResponse.builder().tableDescription(table.describe(clock, 0, 0)).build();
    }

    /** A new global secondary index, checked against the table's billing mode and definitions. */
    static GlobalSecondaryIndexDescription newIndex(String tableArn, String indexName, List<KeySchemaElement> keySchema,
                                                    Projection projection, ProvisionedThroughput throughput,
                                                    BillingMode mode, List<AttributeDefinition> definitions) {
        Validation.check().notNull("indexName", indexName).length("indexName", indexName, 3, 255)
                .pattern("indexName", indexName, Requests.TABLE_NAME).orThrow();
        TableDefinitions.keySchema("globalSecondaryIndexes.member.keySchema", keySchema, definitions, indexName);
        TableDefinitions.projection(projection);
        if (mode == BillingMode.PROVISIONED && throughput == null) {
            throw DynamoDbErrors.invalidParameter("ProvisionedThroughput must be specified for index: " + indexName);
        }
        if (mode == BillingMode.PAY_PER_REQUEST && throughput != null) {
            throw DynamoDbErrors.invalidParameter("ProvisionedThroughput should not be specified for index: "
                    + indexName + " when BillingMode is PAY_PER_REQUEST");
        }
        if (throughput != null) {
            TableDefinitions.throughput(throughput);
        }
        return GlobalSecondaryIndexDescription.builder()
                .indexName(indexName)
                .keySchema(keySchema)
                .projection(projection)
                .indexStatus(IndexStatus.ACTIVE)
                .provisionedThroughput(TableDefinitions.describe(mode, throughput))
                .indexSizeBytes(0L)
                .itemCount(0L)
                .indexArn(tableArn + "/index/" + indexName)
                .build();
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag t : tags) {
            Validation.check().notNull("tags.member.key", t.key()).length("tags.member.key", t.key(), 1, 128)
                    .notNull("tags.member.value", t.value()).length("tags.member.value", t.value(), 0, 256).orThrow();
            out.put(t.key(), t.value());
        }
        return out;
    }

    public DescribeTableResponse describeTable(RequestContext ctx, DescribeTableRequest in) {
        Table table = Requests.describedTable(tables, ctx, "tableName", in.tableName());
        return DescribeTableResponse.builder().table(describe(table)).build();
    }

    /** A table's description with its live item count and size. */
    TableDescription describe(Table table) {
        long[] stats = items.stats(table);
        return table.describe(clock, stats[0], stats[1]);
    }

    public DeleteTableResponse deleteTable(RequestContext ctx, DeleteTableRequest in) {
        synchronized (tables) {
            Table table = Requests.describedTable(tables, ctx, "tableName", in.tableName());
            requireActive(table, clock);
            if (Boolean.TRUE.equals(table.description().deletionProtectionEnabled())) {
                throw DynamoDbErrors.validation("Resource cannot be deleted as it is currently protected against"
                        + " deletion. Disable deletion protection first.");
            }
            TableDescription d = describe(table).toBuilder().tableStatus(TableStatus.DELETING).build();
            tables.delete(table);
            items.deleteAll(table);
            return DeleteTableResponse.builder().tableDescription(d).build();
        }
    }

    /** Refuses changes to a table that is still being created or updated, as DynamoDB does. */
    static void requireActive(Table table, Clock clock) {
        TableStatus s = table.status().now(clock);
        if (s != TableStatus.ACTIVE) {
            throw DynamoDbErrors.resourceInUse("Attempt to change a resource which is still in use: Table is being "
                    + (s == TableStatus.CREATING ? "created" : "updated") + ": " + table.name());
        }
    }

    public ListTablesResponse listTables(RequestContext ctx, ListTablesRequest in) {
        Validation.check().range("limit", in.limit(), 1, 100).orThrow();
        int limit = in.limit() == null ? 100 : in.limit();
        List<String> names = tables.names(ctx.accountId(), ctx.region()).stream()
                .filter(n -> in.exclusiveStartTableName() == null || n.compareTo(in.exclusiveStartTableName()) > 0)
                .toList();
        List<String> page = names.subList(0, Math.min(limit, names.size()));
        return ListTablesResponse.builder()
                .tableNames(page)
                .lastEvaluatedTableName(names.size() > limit ? page.get(page.size() - 1) : null)
                .build();
    }
}
