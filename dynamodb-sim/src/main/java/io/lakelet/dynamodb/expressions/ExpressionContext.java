package io.lakelet.dynamodb.expressions;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request, shared by all of its
 * expressions, recording which placeholders were used so that unused ones are refused as DynamoDB does.
 */
public final class ExpressionContext {
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();

    public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names == null ? Map.of() : names;
        this.values = values == null ? Map.of() : values;
    }

    String name(String placeholder) {
        String n = names.get(placeholder);
        if (n == null) {
            throw new ExpressionException("An expression attribute name used in the document path is not defined;"
                    + " attribute name: " + placeholder);
        }
        usedNames.add(placeholder);
        return n;
    }

    AttributeValue value(String placeholder) {
        AttributeValue v = values.get(placeholder);
        if (v == null) {
            throw new ExpressionException("An expression attribute value used in expression is not defined;"
                    + " attribute value: " + placeholder);
        }
        usedValues.add(placeholder);
        return v;
    }

    /** The message of the ValidationException for placeholders no expression used, or null when all were. */
    public String unusedMessage() {
        Set<String> unusedNames = new TreeSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            return "Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}";
        }
        Set<String> unusedValues = new TreeSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            return "Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}";
        }
        return null;
    }
}
