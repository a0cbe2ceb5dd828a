package io.lakelet.dynamodb.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.dynamodb.DynamoDbErrors;
import io.lakelet.dynamodb.expressions.Condition;
import io.lakelet.dynamodb.expressions.Evaluator;
import io.lakelet.dynamodb.expressions.ExpressionContext;
import io.lakelet.dynamodb.expressions.UpdateAction;
import io.lakelet.dynamodb.expressions.Updater;
import io.lakelet.dynamodb.model.ItemStore;
import io.lakelet.dynamodb.model.KeySchema;
import io.lakelet.dynamodb.model.Table;
import io.lakelet.dynamodb.model.TableStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * TransactWriteItems (used by the Kinesis Client Library when it migrates coordinator state into the
 * lease table): every condition is checked and every write applied under the locks of all the items
 * involved, in one atomic batch; one failed condition cancels the whole transaction with a reason per item.
 */
public final class Transactions {
    private final TableStore tables;
    private final ItemStore items;
    private final Clock clock;

    public Transactions(TableStore tables, ItemStore items, Clock clock) {
        this.tables = tables;
        this.items = items;
        this.clock = clock;
    }

    /** One planned write: its item, its condition, and how it changes the item. */
    private record Step(Table table, byte[] key, Condition condition, boolean returnOld, Kind kind,
                        Map<String, AttributeValue> item, List<UpdateAction> actions, Map<String, AttributeValue> keyMap) {
    }

    private enum Kind { CHECK, PUT, DELETE, UPDATE }

    public TransactWriteItemsResponse transactWriteItems(RequestContext ctx, TransactWriteItemsRequest in) {
        Validation.check().notNull("transactItems", in.hasTransactItems() ? in.transactItems() : null)
                .size("transactItems", in.transactItems(), 1, 100).orThrow();
        List<Step> steps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TransactWriteItem t : in.transactItems()) {
            Step s = plan(ctx, t);
            if (!seen.add(s.table().name() + '/' + HexFormat.of().formatHex(s.key()))) {
                throw DynamoDbErrors.validation("Transaction request cannot include multiple operations on one item");
            }
            steps.add(s);
        }
        List<ItemStore.Write> refs = steps.stream().map(s -> new ItemStore.Write(s.table(), s.key(), null)).toList();
        items.locked(refs, () -> {
            List<Map<String, AttributeValue>> before = new ArrayList<>();
            List<CancellationReason> reasons = new ArrayList<>();
            boolean failed = false;
            for (Step s : steps) {
                Map<String, AttributeValue> old = items.get(s.table(), s.key());
                before.add(old);
                if (Evaluator.test(s.condition(), old)) {
                    reasons.add(CancellationReason.builder().code("None").build());
                } else {
                    failed = true;
                    reasons.add(CancellationReason.builder().code("ConditionalCheckFailed")
                            .message("The conditional request failed").item(s.returnOld() ? old : null).build());
                }
            }
            if (failed) {
                throw DynamoDbErrors.transactionCanceled(reasons);
            }
            List<ItemStore.Write> writes = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                switch (s.kind()) {
                    case PUT -> writes.add(new ItemStore.Write(s.table(), s.key(), s.item()));
                    case DELETE -> writes.add(new ItemStore.Write(s.table(), s.key(), null));
                    case UPDATE -> {
                        Map<String, AttributeValue> base = before.get(i) != null ? before.get(i)
                                : new LinkedHashMap<>(s.keyMap());
                        Map<String, AttributeValue> after = Requests.normalize(
                                Requests.evaluate(() -> Updater.apply(s.actions(), base)));
                        Requests.itemKey(s.table(), after);
                        writes.add(new ItemStore.Write(s.table(), s.key(), after));
                    }
                    default -> {
                    }
                }
            }
            items.write(writes);
            return null;
        });
        return TransactWriteItemsResponse.builder().build();
    }

    private Step plan(RequestContext ctx, TransactWriteItem t) {
        int given = (t.conditionCheck() != null ? 1 : 0) + (t.put() != null ? 1 : 0) + (t.delete() != null ? 1 : 0)
                + (t.update() != null ? 1 : 0);
        if (given != 1) {
            throw DynamoDbErrors.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        if (t.put() != null) {
            var p = t.put();
            Table table = Requests.activeTable(tables, ctx, clock, p.tableName());
            ExpressionContext ec = context(p.hasExpressionAttributeNames(), p.expressionAttributeNames(),
                    p.hasExpressionAttributeValues(), p.expressionAttributeValues(), p.conditionExpression() != null);
            Condition c = condition(p.conditionExpression(), ec);
            Requests.values(p.item());
            Map<String, AttributeValue> item = Requests.normalize(p.item());
            return new Step(table, Requests.itemKey(table, item), c, allOld(p.returnValuesOnConditionCheckFailure()),
                    Kind.PUT, item, null, null);
        }
        if (t.delete() != null) {
            var d = t.delete();
            Table table = Requests.activeTable(tables, ctx, clock, d.tableName());
            ExpressionContext ec = context(d.hasExpressionAttributeNames(), d.expressionAttributeNames(),
                    d.hasExpressionAttributeValues(), d.expressionAttributeValues(), d.conditionExpression() != null);
            Condition c = condition(d.conditionExpression(), ec);
            return new Step(table, Requests.key(table.keySchema(), d.key()), c,
                    allOld(d.returnValuesOnConditionCheckFailure()), Kind.DELETE, null, null, null);
        }
        if (t.conditionCheck() != null) {
            var k = t.conditionCheck();
            Table table = Requests.activeTable(tables, ctx, clock, k.tableName());
            ExpressionContext ec = context(k.hasExpressionAttributeNames(), k.expressionAttributeNames(),
                    k.hasExpressionAttributeValues(), k.expressionAttributeValues(), true);
            Validation.check().notNull("conditionExpression", k.conditionExpression()).orThrow();
            Condition c = condition(k.conditionExpression(), ec);
            return new Step(table, Requests.key(table.keySchema(), k.key()), c,
                    allOld(k.returnValuesOnConditionCheckFailure()), Kind.CHECK, null, null, null);
        }
        var u = t.update();
        Table table = Requests.activeTable(tables, ctx, clock, u.tableName());
        Validation.check().notNull("updateExpression", u.updateExpression()).orThrow();
        ExpressionContext ec = context(u.hasExpressionAttributeNames(), u.expressionAttributeNames(),
                u.hasExpressionAttributeValues(), u.expressionAttributeValues(), true);
        List<UpdateAction> actions = Requests.update(u.updateExpression(), ec);
        Condition c = condition(u.conditionExpression(), ec);
        Requests.allUsed(ec);
        KeySchema schema = table.keySchema();
        for (UpdateAction a : actions) {
            if (schema.isKey(a.path().topLevelName())) {
                throw DynamoDbErrors.invalidParameter("Cannot update attribute " + a.path().topLevelName()
                        + ". This attribute is part of the key");
            }
        }
        return new Step(table, Requests.key(schema, u.key()), c, allOld(u.returnValuesOnConditionCheckFailure()),
                Kind.UPDATE, null, actions, u.key());
    }

    private static ExpressionContext context(boolean hasNames, Map<String, String> names, boolean hasValues,
                                             Map<String, AttributeValue> values, boolean usesExpressions) {
        return Requests.expressionContext(hasNames, names, hasValues, values, usesExpressions);
    }

    private static Condition condition(String expression, ExpressionContext ec) {
        Condition c = expression == null ? new Condition.True()
                : Requests.condition("ConditionExpression", expression, ec);
        Requests.allUsed(ec);
        return c;
    }

    private static boolean allOld(ReturnValuesOnConditionCheckFailure r) {
        return r == ReturnValuesOnConditionCheckFailure.ALL_OLD;
    }
}
