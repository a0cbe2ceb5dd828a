package io.lakelet.dynamodb.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.dynamodb.DynamoDbErrors;
import io.lakelet.dynamodb.expressions.Checks;
import io.lakelet.dynamodb.expressions.Condition;
import io.lakelet.dynamodb.expressions.ExpressionContext;
import io.lakelet.dynamodb.expressions.ExpressionException;
import io.lakelet.dynamodb.expressions.Legacy;
import io.lakelet.dynamodb.expressions.Parser;
import io.lakelet.dynamodb.expressions.Path;
import io.lakelet.dynamodb.expressions.UpdateAction;
import io.lakelet.dynamodb.model.AttributeValues;
import io.lakelet.dynamodb.model.KeySchema;
import io.lakelet.dynamodb.model.Table;
import io.lakelet.dynamodb.model.TableStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Checks and look-ups that every DynamoDB operation shares. */
final class Requests {
    static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final long MAX_ITEM_BYTES = 400 * 1024;

    private Requests() {
    }

    /** The table name of a request, which may also be given as the table's ARN. */
    static String tableName(String member, String nameOrArn) {
        Validation.check().notNull(member, nameOrArn).orThrow();
        String name = nameOrArn;
        int at = nameOrArn.indexOf(":table/");
        if (nameOrArn.startsWith("arn:") && at > 0) {
            name = nameOrArn.substring(at + ":table/".length());
        }
        Validation.check().length(member, name, 3, 255).pattern(member, name, TABLE_NAME).orThrow();
        return name;
    }

    /** The table, in any status; unknown tables are "Requested resource not found: Table: x not found". */
    static Table describedTable(TableStore tables, RequestContext ctx, String member, String nameOrArn) {
        String name = tableName(member, nameOrArn);
        Table t = tables.get(ctx.accountId(), ctx.region(), name);
        if (t == null) {
            throw DynamoDbErrors.tableNotFound(name);
        }
        return t;
    }

    /** A table that can serve data requests: a table still being created is not found yet. */
    static Table activeTable(TableStore tables, RequestContext ctx, Clock clock, String nameOrArn) {
        String name = tableName("tableName", nameOrArn);
        Table t = tables.get(ctx.accountId(), ctx.region(), name);
        if (t == null || t.status().now(clock) == TableStatus.CREATING) {
            throw DynamoDbErrors.resourceNotFound();
        }
        return t;
    }

    /** The bytes of a Key parameter, which must hold exactly the key attributes with their types. */
    static byte[] key(KeySchema schema, Map<String, AttributeValue> key) {
        Validation.check().notNull("key", key).orThrow();
        values(key);
        boolean ok = key.size() == schema.names().size();
        for (String n : schema.names()) {
            AttributeValue v = key.get(n);
            ok &= v != null && typeMatches(v, n.equals(schema.hashName()) ? schema.hashType() : schema.rangeType());
        }
        if (!ok) {
            throw DynamoDbErrors.validation("The provided key element does not match the schema");
        }
        emptyKeyValues(schema, key);
        return schema.encode(key);
    }

    /** Checks the key attributes of an item being written (table and index keys); returns the key bytes. */
    static byte[] itemKey(Table table, Map<String, AttributeValue> item) {
        KeySchema schema = table.keySchema();
        for (String n : schema.names()) {
            AttributeValue v = item.get(n);
            if (v == null) {
                throw DynamoDbErrors.invalidParameter("Missing the key " + n + " in the item");
            }
            String expected = n.equals(schema.hashName()) ? schema.hashType() : schema.rangeType();
            if (!typeMatches(v, expected)) {
                throw DynamoDbErrors.invalidParameter("Type mismatch for key " + n + " expected: " + expected
                        + " actual: " + AttributeValues.typeOf(v));
            }
        }
        emptyKeyValues(schema, item);
        table.description().globalSecondaryIndexes().forEach(g -> {
            KeySchema ks = table.indexKeySchema(g);
            for (String n : ks.names()) {
                AttributeValue v = item.get(n);
                String expected = n.equals(ks.hashName()) ? ks.hashType() : ks.rangeType();
                if (v != null && !typeMatches(v, expected)) {
                    throw DynamoDbErrors.invalidParameter("Type mismatch for Index Key " + n + " Expected: "
                            + expected + " Actual: " + AttributeValues.typeOf(v) + " IndexName: " + g.indexName());
                }
            }
        });
        if (AttributeValues.itemSize(item) > MAX_ITEM_BYTES) {
            throw DynamoDbErrors.validation("Item size has exceeded the maximum allowed size");
        }
        return schema.encode(item);
    }

    private static void emptyKeyValues(KeySchema schema, Map<String, AttributeValue> item) {
        for (String n : schema.names()) {
            AttributeValue v = item.get(n);
            if ((v.s() != null && v.s().isEmpty()) || (v.b() != null && v.b().asByteArrayUnsafe().length == 0)) {
                throw DynamoDbErrors.validation("One or more parameter values are not valid. The AttributeValue for a"
                        + " key attribute cannot contain an empty " + (v.s() != null ? "string" : "binary")
                        + " value. Key: " + n);
            }
        }
    }

    private static boolean typeMatches(AttributeValue v, String type) {
        return type.equals(AttributeValues.typeOf(v));
    }

    /** Checks the values of a request as DynamoDB does: one data type each, valid numbers, non-empty sets. */
    static void values(Map<String, AttributeValue> values) {
        if (values != null) {
            values.values().forEach(Requests::value);
        }
    }

    private static void value(AttributeValue v) {
        int types = AttributeValues.typesSet(v);
        if (types == 0) {
            throw DynamoDbErrors.validation("Supplied AttributeValue is empty, must contain exactly one of the"
                    + " supported datatypes");
        }
        if (types > 1) {
            throw DynamoDbErrors.validation("Supplied AttributeValue has more than one datatypes set, must contain"
                    + " exactly one of the supported datatypes");
        }
        String type = AttributeValues.typeOf(v);
        switch (type) {
            case "N" -> number(v.n());
            case "NS" -> {
                nonEmptySet(v.ns(), "number");
                v.ns().forEach(Requests::number);
                if (v.ns().stream().map(n -> AttributeValues.number(n).stripTrailingZeros()).distinct().count()
                        < v.ns().size()) {
                    throw DynamoDbErrors.invalidParameter("Input collection " + v.ns() + " contains duplicates.");
                }
            }
            case "SS" -> {
                nonEmptySet(v.ss(), "string");
                if (new HashSet<>(v.ss()).size() < v.ss().size()) {
                    throw DynamoDbErrors.invalidParameter("Input collection " + v.ss() + " contains duplicates.");
                }
            }
            case "BS" -> nonEmptySet(v.bs(), "binary");
            case "L" -> v.l().forEach(Requests::value);
            case "M" -> v.m().values().forEach(Requests::value);
            default -> {
            }
        }
    }

    private static void nonEmptySet(List<?> set, String kind) {
        if (set.isEmpty()) {
            throw DynamoDbErrors.invalidParameter("An " + kind + " set  may not be empty");
        }
    }

    private static void number(String n) {
        String problem = AttributeValues.numberProblem(n);
        if (problem != null) {
            throw DynamoDbErrors.validation(problem);
        }
    }

    /** The item in the form DynamoDB stores it: numbers without exponent or trailing zeros. */
    static Map<String, AttributeValue> normalize(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((k, v) -> out.put(k, normalize(v)));
        return out;
    }

    private static AttributeValue normalize(AttributeValue v) {
        if (v.n() != null) {
            return AttributeValue.fromN(AttributeValues.canonical(AttributeValues.number(v.n())));
        }
        if (v.hasNs()) {
            return AttributeValue.fromNs(v.ns().stream()
                    .map(n -> AttributeValues.canonical(AttributeValues.number(n))).toList());
        }
        if (v.hasL()) {
            return AttributeValue.fromL(v.l().stream().map(Requests::normalize).toList());
        }
        if (v.hasM()) {
            return AttributeValue.fromM(normalize(v.m()));
        }
        return v;
    }

    /**
     * The expression attribute names and values of a request, after DynamoDB's checks: not empty when
     * given, and given only when the request uses expressions.
     */
    static ExpressionContext expressionContext(boolean hasNames, Map<String, String> names, boolean hasValues,
                                               Map<String, AttributeValue> values, boolean usesExpressions) {
        if (hasNames && names.isEmpty()) {
            throw DynamoDbErrors.validation("ExpressionAttributeNames must not be empty");
        }
        if (hasValues && values.isEmpty()) {
            throw DynamoDbErrors.validation("ExpressionAttributeValues must not be empty");
        }
        if (!usesExpressions && hasNames) {
            throw DynamoDbErrors.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (!usesExpressions && hasValues) {
            throw DynamoDbErrors.validation("ExpressionAttributeValues can only be specified when using expressions");
        }
        if (hasValues) {
            values(values);
        }
        return new ExpressionContext(hasNames ? names : null, hasValues ? values : null);
    }

    /** Refuses a request that mixes expression parameters with the legacy ones. */
    static void notMixed(List<String> legacyUsed, List<String> expressionsUsed) {
        if (!legacyUsed.isEmpty() && !expressionsUsed.isEmpty()) {
            throw DynamoDbErrors.validation("Can not use both expression and non-expression parameters in the same"
                    + " request: Non-expression parameters: {" + String.join(", ", legacyUsed)
                    + "} Expression parameters: {" + String.join(", ", expressionsUsed) + "}");
        }
    }

    static List<String> present(Object... nameValuePairs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            Object v = nameValuePairs[i + 1];
            boolean given = v instanceof Boolean b ? b : v != null;
            if (given) {
                out.add((String) nameValuePairs[i]);
            }
        }
        return out;
    }

    static Condition condition(String kind, String expression, ExpressionContext ctx) {
        return parse(kind, () -> {
            Condition c = Parser.condition(expression, ctx);
            Checks.condition(c);
            return c;
        });
    }

    static List<UpdateAction> update(String expression, ExpressionContext ctx) {
        return parse("UpdateExpression", () -> {
            List<UpdateAction> actions = Parser.update(expression, ctx);
            Checks.update(actions);
            return actions;
        });
    }

    static List<Path> projection(String expression, ExpressionContext ctx) {
        return parse("ProjectionExpression", () -> Parser.projection(expression, ctx));
    }

    /** Runs a parse, rewording its errors as DynamoDB's ValidationException for that expression. */
    static <T> T parse(String kind, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ExpressionException e) {
            throw DynamoDbErrors.validation("Invalid " + kind + ": " + e.getMessage());
        } catch (Legacy.InvalidParameter e) {
            throw DynamoDbErrors.invalidParameter(e.getMessage());
        }
    }

    /** Refuses placeholders that no expression of the request used. */
    static void allUsed(ExpressionContext ctx) {
        String unused = ctx.unusedMessage();
        if (unused != null) {
            throw DynamoDbErrors.validation(unused);
        }
    }

    /** Evaluation errors of an update (a missing operand, a wrong type) as DynamoDB reports them. */
    static <T> T evaluate(Supplier<T> body) {
        try {
            return body.get();
        } catch (ExpressionException e) {
            String m = e.getMessage();
            throw DynamoDbErrors.validation(m.startsWith("The document path") ? m : "Invalid UpdateExpression: " + m);
        }
    }

    static AwsException returnValuesInvalid() {
        return DynamoDbErrors.validation("Return values set to invalid value");
    }

    static List<Path> topLevel(List<String> names) {
        return names.stream().map(Path::of).toList();
    }
}
