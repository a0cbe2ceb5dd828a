package io.lakelet.core.protocol.shape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.document.Document;

/** Document values between the codecs' Jackson trees and the SDK's {@link Document}. */
final class SdkDocuments {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private SdkDocuments() {
    }

    static Document fromTree(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Document.fromNull();
        }
        if (node.isTextual()) {
            return Document.fromString(node.textValue());
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.booleanValue());
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? Document.fromNumber(node.bigIntegerValue())
                    : Document.fromNumber(node.decimalValue());
        }
        if (node.isArray()) {
            List<Document> list = new ArrayList<>(node.size());
            node.forEach(e -> list.add(fromTree(e)));
            return Document.fromList(list);
        }
        if (node.isObject()) {
            Map<String, Document> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), fromTree(e.getValue())));
            return Document.fromMap(map);
        }
        return Document.fromString(node.asText());
    }

    static JsonNode toTree(Document d) {
        if (d == null || d.isNull()) {
            return NODES.nullNode();
        }
        if (d.isString()) {
            return NODES.textNode(d.asString());
        }
        if (d.isBoolean()) {
            return NODES.booleanNode(d.asBoolean());
        }
        if (d.isNumber()) {
            return NODES.numberNode(d.asNumber().bigDecimalValue());
        }
        if (d.isList()) {
            ArrayNode array = NODES.arrayNode();
            d.asList().forEach(e -> array.add(toTree(e)));
            return array;
        }
        ObjectNode object = NODES.objectNode();
        d.asMap().forEach((k, v) -> object.set(k, toTree(v)));
        return object;
    }
}
