package io.lakelet.dynamodb.operations;

import io.lakelet.core.http.RequestContext;
import io.lakelet.dynamodb.DynamoDbErrors;
import io.lakelet.dynamodb.expressions.Condition;
import io.lakelet.dynamodb.expressions.Documents;
import io.lakelet.dynamodb.expressions.Evaluator;
import io.lakelet.dynamodb.expressions.ExpressionContext;
import io.lakelet.dynamodb.expressions.Legacy;
import io.lakelet.dynamodb.expressions.Path;
import io.lakelet.dynamodb.expressions.UpdateAction;
import io.lakelet.dynamodb.expressions.Updater;
import io.lakelet.dynamodb.model.ItemStore;
import io.lakelet.dynamodb.model.KeySchema;
import io.lakelet.dynamodb.model.Table;
import io.lakelet.dynamodb.model.TableStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * GetItem, PutItem, UpdateItem and DeleteItem. Each write reads the item, tests its condition and writes
 * under the item's lock, so a condition holds at the moment of the write; a failed condition changes
 * nothing.
 */
public final class ItemOperations {
    private final TableStore tables;
    private final ItemStore items;
    private final Clock clock;

    public ItemOperations(TableStore tables, ItemStore items, Clock clock) {
        this.tables = tables;
        this.items = items;
        this.clock = clock;
    }

    public GetItemResponse getItem(RequestContext ctx, GetItemRequest in) {
        Table table = Requests.activeTable(tables, ctx, clock, in.tableName());
        boolean projection = in.projectionExpression() != null;
        Requests.notMixed(Requests.present("AttributesToGet", in.hasAttributesToGet()),
                Requests.present("ProjectionExpression", projection));
        ExpressionContext ec = Requests.expressionContext(in.hasExpressionAttributeNames(), in.expressionAttributeNames(),
                false, null, projection);
        List<Path> paths = projection ? Requests.projection(in.projectionExpression(), ec)
                : in.hasAttributesToGet() ? Requests.topLevel(in.attributesToGet()) : null;
        Requests.allUsed(ec);
        byte[] key = Requests.key(table.keySchema(), in.key());
        Map<String, AttributeValue> item = items.get(table, key);
        if (item == null) {
            return GetItemResponse.builder().build();
        }
        return GetItemResponse.builder().item(paths == null ? item : Documents.project(item, paths)).build();
    }

    public PutItemResponse putItem(RequestContext ctx, PutItemRequest in) {
        Table table = Requests.activeTable(tables, ctx, clock, in.tableName());
        ReturnValue rv = in.returnValues() == null ? ReturnValue.NONE : in.returnValues();
        if (rv != ReturnValue.NONE && rv != ReturnValue.ALL_OLD) {
            throw Requests.returnValuesInvalid();
        }
        Condition condition = writeCondition(in.conditionExpression(), in.hasExpected(), in.expected(),
                in.conditionalOperatorAsString() != null, in.conditionalOperator(), in.hasExpressionAttributeNames(),
                in.expressionAttributeNames(), in.hasExpressionAttributeValues(), in.expressionAttributeValues());
        if (in.item() == null || !in.hasItem()) {
            throw DynamoDbErrors.validation("1 validation error detected: Value null at 'item' failed to satisfy"
                    + " constraint: Member must not be null");
        }
        Requests.values(in.item());
        Map<String, AttributeValue> item = Requests.normalize(in.item());
        byte[] key = Requests.itemKey(table, item);
        boolean returnOnFailure = in.returnValuesOnConditionCheckFailure() == ReturnValuesOnConditionCheckFailure.ALL_OLD;
        Map<String, AttributeValue> old = items.locked(table, List.of(key), () -> {
            Map<String, AttributeValue> before = items.get(table, key);
            check(condition, before, returnOnFailure);
            items.write(List.of(new ItemStore.Write(table, key, item)));
            return before;
        });
        return PutItemResponse.builder().attributes(rv == ReturnValue.ALL_OLD ? old : null).build();
    }

    public DeleteItemResponse deleteItem(RequestContext ctx, DeleteItemRequest in) {
        Table table = Requests.activeTable(tables, ctx, clock, in.tableName());
        ReturnValue rv = in.returnValues() == null ? ReturnValue.NONE : in.returnValues();
        if (rv != ReturnValue.NONE && rv != ReturnValue.ALL_OLD) {
            throw Requests.returnValuesInvalid();
        }
        Condition condition = writeCondition(in.conditionExpression(), in.hasExpected(), in.expected(),
                in.conditionalOperatorAsString() != null, in.conditionalOperator(), in.hasExpressionAttributeNames(),
                in.expressionAttributeNames(), in.hasExpressionAttributeValues(), in.expressionAttributeValues());
        byte[] key = Requests.key(table.keySchema(), in.key());
        boolean returnOnFailure = in.returnValuesOnConditionCheckFailure() == ReturnValuesOnConditionCheckFailure.ALL_OLD;
        Map<String, AttributeValue> old = items.locked(table, List.of(key), () -> {
            Map<String, AttributeValue> before = items.get(table, key);
            check(condition, before, returnOnFailure);
            if (before != null) {
                items.write(List.of(new ItemStore.Write(table, key, null)));
            }
            return before;
        });
        return DeleteItemResponse.builder().attributes(rv == ReturnValue.ALL_OLD ? old : null).build();
    }

    public UpdateItemResponse updateItem(RequestContext ctx, UpdateItemRequest in) {
        Table table = Requests.activeTable(tables, ctx, clock, in.tableName());
        ReturnValue rv = in.returnValues() == null ? ReturnValue.NONE : in.returnValues();
        if (rv == ReturnValue.UNKNOWN_TO_SDK_VERSION) {
            throw Requests.returnValuesInvalid();
        }
        boolean updateExpression = in.updateExpression() != null;
        boolean conditionExpression = in.conditionExpression() != null;
        Requests.notMixed(Requests.present("AttributeUpdates", in.hasAttributeUpdates(), "Expected", in.hasExpected()),
                Requests.present("UpdateExpression", updateExpression, "ConditionExpression", conditionExpression));
        ExpressionContext ec = Requests.expressionContext(in.hasExpressionAttributeNames(), in.expressionAttributeNames(),
                in.hasExpressionAttributeValues(), in.expressionAttributeValues(), updateExpression || conditionExpression);
        List<UpdateAction> actions = updateExpression ? Requests.update(in.updateExpression(), ec)
                : in.hasAttributeUpdates() ? Requests.parse("AttributeUpdates",
                        () -> Legacy.attributeUpdates(in.attributeUpdates())) : List.of();
        Condition condition = conditionExpression ? Requests.condition("ConditionExpression", in.conditionExpression(), ec)
                : in.hasExpected() ? Requests.parse("Expected", () -> Legacy.expected(in.expected(), in.conditionalOperator()))
                : new Condition.True();
        Requests.allUsed(ec);
        if (in.hasAttributeUpdates()) {
            in.attributeUpdates().values().forEach(u -> {
                if (u.value() != null) {
                    Requests.values(Map.of("value", u.value()));
                }
            });
        }
        KeySchema schema = table.keySchema();
        for (UpdateAction a : actions) {
            if (schema.isKey(a.path().topLevelName())) {
                throw DynamoDbErrors.invalidParameter("Cannot update attribute " + a.path().topLevelName()
                        + ". This attribute is part of the key");
            }
        }
        byte[] key = Requests.key(schema, in.key());
        boolean returnOnFailure = in.returnValuesOnConditionCheckFailure() == ReturnValuesOnConditionCheckFailure.ALL_OLD;
        Change change = items.locked(table, List.of(key), () -> {
            Map<String, AttributeValue> before = items.get(table, key);
            check(condition, before, returnOnFailure);
            Map<String, AttributeValue> base = before != null ? before : new LinkedHashMap<>(in.key());
            Map<String, AttributeValue> after = Requests.normalize(Requests.evaluate(() -> Updater.apply(actions, base)));
            Requests.itemKey(table, after);
            items.write(List.of(new ItemStore.Write(table, key, after)));
            return new Change(before, after);
        });
        List<Path> updated = actions.stream().map(UpdateAction::path).toList();
        Map<String, AttributeValue> attributes = switch (rv) {
            case ALL_OLD -> change.before();
            case ALL_NEW -> change.after();
            case UPDATED_OLD -> change.before() == null ? null : Documents.project(change.before(), updated);
            case UPDATED_NEW -> Documents.project(change.after(), updated);
            default -> null;
        };
        return UpdateItemResponse.builder()
                .attributes(attributes == null || attributes.isEmpty() ? null : attributes)
                .build();
    }

    /** An item before and after an update (before is null when the update created it). */
    private record Change(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
    }

    /** The condition of a PutItem or DeleteItem, from ConditionExpression or the legacy Expected. */
    private static Condition writeCondition(String expression, boolean hasExpected,
                                            Map<String, ExpectedAttributeValue> expected, boolean hasOperator,
                                            ConditionalOperator operator, boolean hasNames, Map<String, String> names, boolean hasValues,
                                            Map<String, AttributeValue> values) {
        boolean usesExpression = expression != null;
        Requests.notMixed(Requests.present("Expected", hasExpected, "ConditionalOperator", hasOperator),
                Requests.present("ConditionExpression", usesExpression));
        ExpressionContext ec = Requests.expressionContext(hasNames, names, hasValues, values, usesExpression);
        Condition c = usesExpression ? Requests.condition("ConditionExpression", expression, ec)
                : hasExpected ? Requests.parse("Expected", () -> Legacy.expected(expected, operator))
                : new Condition.True();
        Requests.allUsed(ec);
        if (hasExpected) {
            expected.values().forEach(e -> {
                if (e.value() != null) {
                    Requests.values(Map.of("value", e.value()));
                }
            });
        }
        return c;
    }

    /** Throws ConditionalCheckFailedException, with the old item when asked for, if the condition fails. */
    static void check(Condition condition, Map<String, AttributeValue> before, boolean returnOldOnFailure) {
        if (!Evaluator.test(condition, before)) {
            throw DynamoDbErrors.conditionalCheckFailed(returnOldOnFailure ? before : null);
        }
    }
}
