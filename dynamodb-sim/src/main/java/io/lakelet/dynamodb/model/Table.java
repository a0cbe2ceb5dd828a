package io.lakelet.dynamodb.model;

import io.lakelet.core.time.DelayedState;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * A table as stored: its description in its settled form (ACTIVE, every index ACTIVE), the delayed
 * states that make it look CREATING or UPDATING for a while, point-in-time recovery and tags.
 *
 * @param account owning account
 * @param region region
 * @param description the settled description, without the live item count and size
 * @param status the table status over time
 * @param indexStatus each global secondary index's status over time
 * @param pitrSince when point-in-time recovery was enabled, or null when it is off
 * @param tags the table's tags, in insertion order
 */
public record Table(String account, String region, TableDescription description, DelayedState<TableStatus> status,
                    Map<String, DelayedState<IndexStatus>> indexStatus, Instant pitrSince, Map<String, String> tags) {

    public Table {
        indexStatus = Map.copyOf(indexStatus);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public String name() {
        return description.tableName();
    }

    public KeySchema keySchema() {
        return KeySchema.of(description.keySchema(), description.attributeDefinitions());
    }

    /** The global secondary index of that name, or null. */
    public GlobalSecondaryIndexDescription index(String indexName) {
        for (GlobalSecondaryIndexDescription g : description.globalSecondaryIndexes()) {
            if (g.indexName().equals(indexName)) {
                return g;
            }
        }
        return null;
    }

    public KeySchema indexKeySchema(GlobalSecondaryIndexDescription index) {
        return KeySchema.of(index.keySchema(), description.attributeDefinitions());
    }

    public boolean isActive(Clock clock) {
        return status.now(clock) == TableStatus.ACTIVE;
    }

    /** The description a client sees now: current statuses and the given live item count and size. */
    public TableDescription describe(Clock clock, long itemCount, long sizeBytes) {
        List<GlobalSecondaryIndexDescription> indexes = description.globalSecondaryIndexes().stream()
                .map(g -> {
                    DelayedState<IndexStatus> s = indexStatus.get(g.indexName());
                    return g.toBuilder()
                            .indexStatus(s == null ? IndexStatus.ACTIVE : s.now(clock))
                            .itemCount(itemCount)
                            .indexSizeBytes(sizeBytes)
                            .build();
                })
                .toList();
        TableDescription.Builder b = description.toBuilder()
                .tableStatus(status.now(clock))
                .itemCount(itemCount)
                .tableSizeBytes(sizeBytes);
        if (!indexes.isEmpty()) {
            b.globalSecondaryIndexes(indexes);
        }
        return b.build();
    }

    public Table withDescription(TableDescription d) {
        return new Table(account, region, d, status, indexStatus, pitrSince, tags);
    }

    public Table withStatus(DelayedState<TableStatus> s) {
        return new Table(account, region, description, s, indexStatus, pitrSince, tags);
    }

    public Table withIndexStatus(Map<String, DelayedState<IndexStatus>> s) {
        return new Table(account, region, description, status, s, pitrSince, tags);
    }

    public Table withPitrSince(Instant since) {
        return new Table(account, region, description, status, indexStatus, since, tags);
    }

    public Table withTags(Map<String, String> t) {
        return new Table(account, region, description, status, indexStatus, pitrSince, t);
    }
}
