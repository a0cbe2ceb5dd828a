package io.lakelet.dynamodb.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.dynamodb.DynamoDbErrors;
import io.lakelet.dynamodb.expressions.Checks;
import io.lakelet.dynamodb.expressions.Condition;
import io.lakelet.dynamodb.expressions.Evaluator;
import io.lakelet.dynamodb.expressions.ExpressionContext;
import io.lakelet.dynamodb.expressions.Legacy;
import io.lakelet.dynamodb.expressions.Operand;
import io.lakelet.dynamodb.expressions.Path;
import io.lakelet.dynamodb.model.AttributeValues;
import io.lakelet.dynamodb.model.ItemStore;
import io.lakelet.dynamodb.model.KeySchema;
import io.lakelet.dynamodb.model.Table;
import io.lakelet.dynamodb.model.TableStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Scan and Query, on a table or a global secondary index, with filters, projections, parallel-scan
 * segments and pagination. A table scan streams from the store; an index read and a query collect their
 * partition first (the lease tables this serves are small).
 */
public final class ReadOperations {
    private final TableStore tables;
    private final ItemStore items;
    private final Clock clock;

    public ReadOperations(TableStore tables, ItemStore items, Clock clock) {
        this.tables = tables;
        this.items = items;
        this.clock = clock;
    }

    /** An item with the bytes it is ordered by in the table or index being read. */
    private record Ordered(byte[] sortKey, Map<String, AttributeValue> item) {
    }

    public ScanResponse scan(RequestContext ctx, ScanRequest in) {
        Table table = Requests.activeTable(tables, ctx, clock, in.tableName());
        GlobalSecondaryIndexDescription index = index(table, in.indexName(), in.consistentRead());
        Validation.check().range("limit", in.limit(), 1, Integer.MAX_VALUE)
                .range("totalSegments", in.totalSegments(), 1, 1_000_000)
                .range("segment", in.segment(), 0, 999_999).orThrow();
        if (in.segment() != null && in.totalSegments() == null) {
            throw DynamoDbErrors.validation("The TotalSegments parameter is required but was not present in the"
                    + " request when Segment parameter is present");
        }
        if (in.totalSegments() != null && in.segment() == null) {
            throw DynamoDbErrors.validation("The Segment parameter is required but was not present in the request"
                    + " when parameter TotalSegments is present");
        }
        if (in.segment() != null && in.segment() >= in.totalSegments()) {
            throw DynamoDbErrors.validation("The Segment parameter is zero-based and must be less than parameter"
                    + " TotalSegments: Segment: " + in.segment() + " is not less than TotalSegments: "
                    + in.totalSegments());
        }
        boolean filterExpression = in.filterExpression() != null;
        boolean projectionExpression = in.projectionExpression() != null;
        Requests.notMixed(Requests.present("ScanFilter", in.hasScanFilter(), "AttributesToGet", in.hasAttributesToGet(),
                        "ConditionalOperator", in.conditionalOperatorAsString() != null),
                Requests.present("FilterExpression", filterExpression, "ProjectionExpression", projectionExpression));
        ExpressionContext ec = Requests.expressionContext(in.hasExpressionAttributeNames(), in.expressionAttributeNames(),
                in.hasExpressionAttributeValues(), in.expressionAttributeValues(), filterExpression || projectionExpression);
        Condition filter = filterExpression ? Requests.condition("FilterExpression", in.filterExpression(), ec)
                : in.hasScanFilter() ? Requests.parse("ScanFilter", () -> Legacy.conditions(in.scanFilter(),
                        in.conditionalOperator())) : new Condition.True();
        List<Path> projection = projection(in.projectionExpression(), in.hasAttributesToGet(), in.attributesToGet(), ec);
        Requests.allUsed(ec);

        KeySchema schema = table.keySchema();
        Page.Reading reading = reading(table, index, in.limit(), filter, projection);
        Page page;
        if (index == null) {
            byte[] start = in.hasExclusiveStartKey() ? startKey(schema, in.exclusiveStartKey()) : null;
            try (ItemStore.Cursor cursor = items.scan(table, start)) {
                page = Page.read(segmentOf(cursor, in.segment(), in.totalSegments()), reading);
            }
        } else {
            List<Ordered> all = indexItems(table, index, null);
            page = Page.read(after(all, in.hasExclusiveStartKey() ? indexStart(table, index, in.exclusiveStartKey()) : null,
                    false, in.segment(), in.totalSegments(), schema), reading);
        }
        boolean count = in.select() == Select.COUNT;
        return ScanResponse.builder()
                .items(count ? null : page.items())
                .count(page.items().size())
                .scannedCount(page.scannedCount())
                .lastEvaluatedKey(page.lastEvaluatedKey())
                .build();
    }

    public QueryResponse query(RequestContext ctx, QueryRequest in) {
        Table table = Requests.activeTable(tables, ctx, clock, in.tableName());
        GlobalSecondaryIndexDescription index = index(table, in.indexName(), in.consistentRead());
        Validation.check().range("limit", in.limit(), 1, Integer.MAX_VALUE).orThrow();
        boolean keyExpression = in.keyConditionExpression() != null;
        boolean filterExpression = in.filterExpression() != null;
        boolean projectionExpression = in.projectionExpression() != null;
        Requests.notMixed(Requests.present("KeyConditions", in.hasKeyConditions(), "QueryFilter", in.hasQueryFilter(),
                        "AttributesToGet", in.hasAttributesToGet(),
                        "ConditionalOperator", in.conditionalOperatorAsString() != null),
                Requests.present("KeyConditionExpression", keyExpression, "FilterExpression", filterExpression,
                        "ProjectionExpression", projectionExpression));
        if (!keyExpression && !in.hasKeyConditions()) {
            throw DynamoDbErrors.validation("Either the KeyConditions or KeyConditionExpression parameter must be"
                    + " specified in the request.");
        }
        ExpressionContext ec = Requests.expressionContext(in.hasExpressionAttributeNames(), in.expressionAttributeNames(),
                in.hasExpressionAttributeValues(), in.expressionAttributeValues(),
                keyExpression || filterExpression || projectionExpression);
        Condition keyCondition = keyExpression
                ? Requests.condition("KeyConditionExpression", in.keyConditionExpression(), ec)
                : Requests.parse("KeyConditions", () -> Legacy.conditions(in.keyConditions(), null));
        Condition filter = filterExpression ? Requests.condition("FilterExpression", in.filterExpression(), ec)
                : in.hasQueryFilter() ? Requests.parse("QueryFilter", () -> Legacy.conditions(in.queryFilter(),
                        in.conditionalOperator())) : new Condition.True();
        List<Path> projection = projection(in.projectionExpression(), in.hasAttributesToGet(), in.attributesToGet(), ec);
        Requests.allUsed(ec);

        KeySchema schema = table.keySchema();
        KeySchema readSchema = index == null ? schema : table.indexKeySchema(index);
        for (String name : Checks.attributes(filter)) {
            if (readSchema.isKey(name)) {
                throw DynamoDbErrors.validation("Filter Expression can only contain non-primary key attributes:"
                        + " Primary key attribute: " + name);
            }
        }
        AttributeValue hashValue = partitionValue(keyCondition, readSchema, keyExpression);
        boolean forward = !Boolean.FALSE.equals(in.scanIndexForward());
        List<Ordered> candidates = new ArrayList<>();
        if (index == null) {
            try (ItemStore.Cursor cursor = items.scanPartition(table, schema.encodePartition(hashValue))) {
                while (cursor.hasNext()) {
                    ItemStore.StoredItem s = cursor.next();
                    if (Evaluator.test(keyCondition, s.item())) {
                        candidates.add(new Ordered(s.key(), s.item()));
                    }
                }
            }
        } else {
            for (Ordered o : indexItems(table, index, hashValue)) {
                if (Evaluator.test(keyCondition, o.item())) {
                    candidates.add(o);
                }
            }
        }
        if (!forward) {
            Collections.reverse(candidates);
        }
        byte[] start = !in.hasExclusiveStartKey() ? null
                : index == null ? startKey(schema, in.exclusiveStartKey()) : indexStart(table, index, in.exclusiveStartKey());
        Page page = Page.read(after(candidates, start, !forward, null, null, schema),
                reading(table, index, in.limit(), filter, projection));
        boolean count = in.select() == Select.COUNT;
        return QueryResponse.builder()
                .items(count ? null : page.items())
                .count(page.items().size())
                .scannedCount(page.scannedCount())
                .lastEvaluatedKey(page.lastEvaluatedKey())
                .build();
    }

    private GlobalSecondaryIndexDescription index(Table table, String indexName, Boolean consistentRead) {
        if (indexName == null) {
            return null;
        }
        GlobalSecondaryIndexDescription index = table.index(indexName);
        if (index == null) {
            throw DynamoDbErrors.validation("The table does not have the specified index: " + indexName);
        }
        if (Boolean.TRUE.equals(consistentRead)) {
            throw DynamoDbErrors.validation("Consistent reads are not supported on global secondary indexes");
        }
        return index;
    }

    private static List<Path> projection(String expression, boolean hasAttributesToGet, List<String> attributesToGet,
                                         ExpressionContext ec) {
        if (expression != null) {
            return Requests.projection(expression, ec);
        }
        return hasAttributesToGet ? Requests.topLevel(attributesToGet) : null;
    }

    private static Page.Reading reading(Table table, GlobalSecondaryIndexDescription index, Integer limit,
                                        Condition filter, List<Path> projection) {
        KeySchema schema = table.keySchema();
        if (index == null) {
            return new Page.Reading(limit, filter, schema.names(), null, projection);
        }
        Set<String> keys = new LinkedHashSet<>(schema.names());
        keys.addAll(table.indexKeySchema(index).names());
        List<String> projected = null;
        ProjectionType type = index.projection().projectionType();
        if (type != ProjectionType.ALL) {
            Set<String> names = new LinkedHashSet<>(keys);
            if (type == ProjectionType.INCLUDE && index.projection().hasNonKeyAttributes()) {
                names.addAll(index.projection().nonKeyAttributes());
            }
            projected = List.copyOf(names);
        }
        return new Page.Reading(limit, filter, List.copyOf(keys), projected, projection);
    }

    private static byte[] startKey(KeySchema schema, Map<String, AttributeValue> start) {
        try {
            return Requests.key(schema, start);
        } catch (AwsException e) {
            throw DynamoDbErrors.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }

    /** An index item's order: its index key, then its table key. */
    private static byte[] indexOrder(KeySchema indexSchema, KeySchema tableSchema, Map<String, AttributeValue> item) {
        byte[] a = indexSchema.encode(item);
        byte[] b = tableSchema.encode(item);
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] indexStart(Table table, GlobalSecondaryIndexDescription index, Map<String, AttributeValue> start) {
        KeySchema ix = table.indexKeySchema(index);
        KeySchema schema = table.keySchema();
        Set<String> expected = new LinkedHashSet<>(schema.names());
        expected.addAll(ix.names());
        if (!start.keySet().equals(expected)) {
            throw DynamoDbErrors.validation("The provided starting key is invalid: The provided key element does not"
                    + " match the schema");
        }
        return indexOrder(ix, schema, start);
    }

    /** The items that have the index's key attributes (in the partition, when given), in index order. */
    private List<Ordered> indexItems(Table table, GlobalSecondaryIndexDescription index, AttributeValue partition) {
        KeySchema ix = table.indexKeySchema(index);
        KeySchema schema = table.keySchema();
        List<Ordered> out = new ArrayList<>();
        try (ItemStore.Cursor cursor = items.scan(table, null)) {
            while (cursor.hasNext()) {
                Map<String, AttributeValue> item = cursor.next().item();
                Map<String, AttributeValue> key = ix.keyOf(item);
                if (key == null || !ix.hashType().equals(AttributeValues.typeOf(key.get(ix.hashName())))
                        || (ix.hasRange() && !ix.rangeType().equals(AttributeValues.typeOf(key.get(ix.rangeName()))))) {
                    continue;
                }
                if (partition == null || AttributeValues.equal(partition, item.get(ix.hashName()))) {
                    out.add(new Ordered(indexOrder(ix, schema, item), item));
                }
            }
        }
        out.sort(Comparator.comparing(Ordered::sortKey, Arrays::compareUnsigned));
        return out;
    }

    /** The items after the exclusive start in reading order, restricted to one parallel-scan segment. */
    private static Iterator<Map<String, AttributeValue>> after(List<Ordered> ordered, byte[] start, boolean reverse,
                                                               Integer segment, Integer total, KeySchema schema) {
        return ordered.stream()
                .filter(o -> start == null || (reverse ? Arrays.compareUnsigned(o.sortKey(), start) < 0
                        : Arrays.compareUnsigned(o.sortKey(), start) > 0))
                .filter(o -> segment == null || segmentOf(schema.encode(o.item()), total) == segment)
                .map(Ordered::item)
                .iterator();
    }

    private static Iterator<Map<String, AttributeValue>> segmentOf(ItemStore.Cursor cursor, Integer segment, Integer total) {
        return new Iterator<>() {
            private ItemStore.StoredItem next = advance();

            private ItemStore.StoredItem advance() {
                while (cursor.hasNext()) {
                    ItemStore.StoredItem s = cursor.next();
                    if (segment == null || segmentOf(s.key(), total) == segment) {
                        return s;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Map<String, AttributeValue> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Map<String, AttributeValue> item = next.item();
                next = advance();
                return item;
            }
        };
    }

    /** The parallel-scan segment of an item: a stable hash of its primary key. */
    private static int segmentOf(byte[] key, int total) {
        return Math.floorMod(Arrays.hashCode(key), total);
    }

    /**
     * The partition a key condition selects: it must be an equality on the partition key, optionally AND
     * one comparison, BETWEEN or begins_with on the sort key.
     */
    private static AttributeValue partitionValue(Condition keyCondition, KeySchema schema, boolean expression) {
        String kind = expression ? "Invalid KeyConditionExpression: " : "";
        List<Condition> parts = new ArrayList<>();
        flatten(keyCondition, parts, kind);
        AttributeValue hash = null;
        boolean range = false;
        for (Condition c : parts) {
            String attribute = keyAttribute(c, kind);
            if (attribute.equals(schema.hashName()) && c instanceof Condition.Compare cmp
                    && cmp.comparator() == Condition.Comparator.EQ && hash == null) {
                hash = cmp.right() instanceof Operand.Value v ? v.value() : ((Operand.Value) cmp.left()).value();
            } else if (attribute.equals(schema.rangeName()) && !range
                    && !(c instanceof Condition.Compare cmp && cmp.comparator() == Condition.Comparator.NE)) {
                range = true;
            } else if (schema.isKey(attribute)) {
                throw DynamoDbErrors.validation("Query key condition not supported");
            } else {
                throw DynamoDbErrors.validation("Query condition missed key schema element: "
                        + (hash == null ? schema.hashName() : schema.rangeName()));
            }
        }
        if (hash == null) {
            throw DynamoDbErrors.validation("Query condition missed key schema element: " + schema.hashName());
        }
        if (!schema.hashType().equals(AttributeValues.typeOf(hash))) {
            throw DynamoDbErrors.invalidParameter("Condition parameter type does not match schema type");
        }
        return hash;
    }

    private static void flatten(Condition c, List<Condition> out, String kind) {
        if (c instanceof Condition.And a) {
            flatten(a.left(), out, kind);
            flatten(a.right(), out, kind);
        } else if (c instanceof Condition.Or || c instanceof Condition.Not) {
            throw DynamoDbErrors.validation(kind + "Invalid operator used in KeyConditionExpression: "
                    + (c instanceof Condition.Or ? "OR" : "NOT"));
        } else {
            out.add(c);
        }
    }

    /** The key attribute one part of a key condition restricts. */
    private static String keyAttribute(Condition c, String kind) {
        Operand subject = null;
        Operand other = null;
        if (c instanceof Condition.Compare cmp) {
            boolean leftIsPath = cmp.left() instanceof Operand.PathOperand;
            subject = leftIsPath ? cmp.left() : cmp.right();
            other = leftIsPath ? cmp.right() : cmp.left();
        } else if (c instanceof Condition.Between b) {
            subject = b.value();
            other = b.lower();
        } else if (c instanceof Condition.BeginsWith b) {
            subject = b.value();
            other = b.prefix();
        } else {
            throw DynamoDbErrors.validation(kind + "Invalid operator used in KeyConditionExpression: "
                    + c.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        }
        if (!(subject instanceof Operand.PathOperand p) || !p.path().isTopLevel() || !(other instanceof Operand.Value)) {
            throw DynamoDbErrors.validation("Query key condition not supported");
        }
        return p.path().topLevelName();
    }
}
