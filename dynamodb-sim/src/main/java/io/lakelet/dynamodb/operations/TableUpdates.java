package io.lakelet.dynamodb.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.time.DelayedState;
import io.lakelet.dynamodb.DynamoDbErrors;
import io.lakelet.dynamodb.model.Table;
import io.lakelet.dynamodb.model.TableStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsStatus;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/**
 * Changes to existing tables: UpdateTable (billing mode, throughput, global secondary indexes, deletion
 * protection), point-in-time recovery, and tags. Each is a read-modify-write of the table definition under
 * the table store's monitor, so concurrent changes (and DeleteTable) do not overwrite each other.
 */
public final class TableUpdates {
    private final TableStore tables;
    private final TableOperations operations;
    private final Clock clock;
    private final Duration delay;

    public TableUpdates(TableStore tables, TableOperations operations, Clock clock, Duration delay) {
        this.tables = tables;
        this.operations = operations;
        this.clock = clock;
        this.delay = delay;
    }

    public UpdateTableResponse updateTable(RequestContext ctx, UpdateTableRequest in) {
        synchronized (tables) {
            Table table = Requests.describedTable(tables, ctx, "tableName", in.tableName());
            if (in.billingModeAsString() == null && in.provisionedThroughput() == null && !in.hasGlobalSecondaryIndexUpdates()
                    && in.deletionProtectionEnabled() == null && in.streamSpecification() == null
                    && in.sseSpecification() == null && !in.hasReplicaUpdates()) {
                throw DynamoDbErrors.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled,"
                        + " GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
            }
            TableOperations.requireActive(table, clock);
            TableDescription d = table.description();
            Map<String, AttributeDefinition> definitions = new LinkedHashMap<>();
            d.attributeDefinitions().forEach(a -> definitions.put(a.attributeName(), a));
            if (in.hasAttributeDefinitions()) {
                TableDefinitions.attributeDefinitions(in.attributeDefinitions());
            }
            in.attributeDefinitions().forEach(a -> definitions.put(a.attributeName(), a));
            List<AttributeDefinition> allDefinitions = List.copyOf(definitions.values());

            BillingMode current = d.billingModeSummary() == null ? BillingMode.PROVISIONED : d.billingModeSummary().billingMode();
            BillingMode mode = current;
            TableDescription.Builder b = d.toBuilder().attributeDefinitions(allDefinitions);
            if (in.billingModeAsString() != null || in.provisionedThroughput() != null) {
                String raw = in.billingModeAsString() != null ? in.billingModeAsString() : current.toString();
                mode = TableDefinitions.billingMode(BillingMode.fromValue(raw), raw, in.provisionedThroughput());
                b.provisionedThroughput(TableDefinitions.describe(mode, in.provisionedThroughput()))
                        .billingModeSummary(BillingModeSummary.builder().billingMode(mode)
                                .lastUpdateToPayPerRequestDateTime(mode == BillingMode.PAY_PER_REQUEST ? clock.instant()
                                        : d.billingModeSummary() == null ? null
                                        : d.billingModeSummary().lastUpdateToPayPerRequestDateTime())
                                .build());
            }
            if (in.deletionProtectionEnabled() != null) {
                b.deletionProtectionEnabled(in.deletionProtectionEnabled());
            }
            Map<String, GlobalSecondaryIndexDescription> indexes = new LinkedHashMap<>();
            d.globalSecondaryIndexes().forEach(g -> indexes.put(g.indexName(), g));
            Map<String, DelayedState<IndexStatus>> indexStatus = new LinkedHashMap<>(table.indexStatus());
            for (GlobalSecondaryIndexUpdate u : in.globalSecondaryIndexUpdates()) {
                if (u.create() != null) {
                    CreateGlobalSecondaryIndexAction c = u.create();
                    if (indexes.containsKey(c.indexName())) {
                        throw DynamoDbErrors.validation("Attempting to create an index which already exists");
                    }
                    indexes.put(c.indexName(), TableOperations.newIndex(d.tableArn(), c.indexName(), c.keySchema(),
                            c.projection(), c.provisionedThroughput(), mode, allDefinitions));
                    indexStatus.put(c.indexName(), DelayedState.starting(IndexStatus.CREATING, IndexStatus.ACTIVE, clock, delay));
                } else if (u.delete() != null) {
                    if (indexes.remove(u.delete().indexName()) == null) {
                        throw DynamoDbErrors.resourceNotFound();
                    }
                    indexStatus.remove(u.delete().indexName());
                } else if (u.update() != null) {
                    GlobalSecondaryIndexDescription g = indexes.get(u.update().indexName());
                    if (g == null) {
                        throw DynamoDbErrors.resourceNotFound();
                    }
                    if (u.update().provisionedThroughput() != null) {
                        TableDefinitions.throughput(u.update().provisionedThroughput());
                        indexes.put(g.indexName(), g.toBuilder().provisionedThroughput(
                                TableDefinitions.describe(mode, u.update().provisionedThroughput())).build());
                    }
                }
            }
            b.globalSecondaryIndexes(indexes.isEmpty() ? null : new ArrayList<>(indexes.values()));
            Table updated = table.withDescription(b.build()).withIndexStatus(indexStatus)
                    .withStatus(DelayedState.starting(TableStatus.UPDATING, TableStatus.ACTIVE, clock, delay));
            tables.put(updated);
            return UpdateTableResponse.builder().tableDescription(operations.describe(updated)).build();
        }
    }

    public UpdateContinuousBackupsResponse updateContinuousBackups(RequestContext ctx, UpdateContinuousBackupsRequest in) {
        synchronized (tables) {
            Table table = backupsTable(ctx, in.tableName());
            Validation.check().notNull("pointInTimeRecoverySpecification", in.pointInTimeRecoverySpecification())
                    .orThrow();
            Validation.check().notNull("pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled",
                    in.pointInTimeRecoverySpecification().pointInTimeRecoveryEnabled()).orThrow();
            boolean enabled = in.pointInTimeRecoverySpecification().pointInTimeRecoveryEnabled();
            Table updated = table.withPitrSince(enabled ? (table.pitrSince() != null ? table.pitrSince() : clock.instant()) : null);
            tables.put(updated);
            return UpdateContinuousBackupsResponse.builder().continuousBackupsDescription(backups(updated)).build();
        }
    }

    public DescribeContinuousBackupsResponse describeContinuousBackups(RequestContext ctx,
                                                                       DescribeContinuousBackupsRequest in) {
        return DescribeContinuousBackupsResponse.builder()
                .continuousBackupsDescription(backups(backupsTable(ctx, in.tableName()))).build();
    }

    private Table backupsTable(RequestContext ctx, String nameOrArn) {
        String name = Requests.tableName("tableName", nameOrArn);
        Table t = tables.get(ctx.accountId(), ctx.region(), name);
        if (t == null) {
            throw AwsException.client("TableNotFoundException", "Table not found: " + name);
        }
        return t;
    }

    private ContinuousBackupsDescription backups(Table t) {
        PointInTimeRecoveryDescription.Builder pitr = PointInTimeRecoveryDescription.builder()
                .pointInTimeRecoveryStatus(t.pitrSince() == null ? PointInTimeRecoveryStatus.DISABLED
                        : PointInTimeRecoveryStatus.ENABLED);
        if (t.pitrSince() != null) {
            pitr.earliestRestorableDateTime(t.pitrSince()).latestRestorableDateTime(clock.instant()).recoveryPeriodInDays(35);
        }
        return ContinuousBackupsDescription.builder()
                .continuousBackupsStatus(ContinuousBackupsStatus.ENABLED)
                .pointInTimeRecoveryDescription(pitr.build())
                .build();
    }

    public TagResourceResponse tagResource(RequestContext ctx, TagResourceRequest in) {
        synchronized (tables) {
            Table table = tagged(in.resourceArn());
            Validation.check().notNull("tags", in.hasTags() ? in.tags() : null).orThrow();
            Map<String, String> tags = new LinkedHashMap<>(table.tags());
            tags.putAll(TableOperations.tags(in.tags()));
            if (tags.size() > 50) {
                throw AwsException.client("LimitExceededException", "The number of tags on the resource exceeds 50.");
            }
            tables.put(table.withTags(tags));
        }
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(RequestContext ctx, UntagResourceRequest in) {
        synchronized (tables) {
            Table table = tagged(in.resourceArn());
            Validation.check().notNull("tagKeys", in.hasTagKeys() ? in.tagKeys() : null).orThrow();
            Map<String, String> tags = new LinkedHashMap<>(table.tags());
            in.tagKeys().forEach(tags::remove);
            tables.put(table.withTags(tags));
        }
        return UntagResourceResponse.builder().build();
    }

    public ListTagsOfResourceResponse listTagsOfResource(RequestContext ctx, ListTagsOfResourceRequest in) {
        Table table = tagged(in.resourceArn());
        List<Tag> tags = new ArrayList<>();
        table.tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return ListTagsOfResourceResponse.builder().tags(tags).build();
    }

    /** The table a resource ARN names: {@code arn:aws:dynamodb:<region>:<account>:table/<name>}. */
    private Table tagged(String arn) {
        Validation.check().notNull("resourceArn", arn).length("resourceArn", arn, 1, 1283).orThrow();
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("dynamodb")
                || !parts[5].startsWith("table/") || parts[5].contains("/index/")) {
            throw DynamoDbErrors.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        Table t = tables.get(parts[4], parts[3], parts[5].substring("table/".length()));
        if (t == null) {
            throw AwsException.client("ResourceNotFoundException", "Requested resource not found: ResourceArn: "
                    + arn + " not found");
        }
        return t;
    }
}
