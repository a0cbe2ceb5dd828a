package io.lakelet.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelet.core.protocol.shape.Member;
import io.lakelet.core.protocol.shape.Shape;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.TopDownIndex;
import software.amazon.smithy.model.loader.ModelAssembler;
import software.amazon.smithy.model.node.ArrayNode;
import software.amazon.smithy.model.node.Node;
import software.amazon.smithy.model.node.NumberNode;
import software.amazon.smithy.model.node.ObjectNode;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.ShapeId;

/**
 * The cases of {@code smithy-aws-protocol-tests}: the model loaded once, the {@code smithy.test#http*Tests}
 * traits of a service's operations (and their errors) read as nodes, case parameters turned into codec
 * values, and values and JSON documents compared by meaning rather than by text.
 */
final class ConformanceCases {
    static final Model MODEL = Model.assembler()
            .discoverModels(ConformanceCases.class.getClassLoader())
            .putProperty(ModelAssembler.ALLOW_UNKNOWN_TRAITS, true)
            .assemble()
            .getResult()
            .orElseThrow(() -> new IllegalStateException("the protocol test models did not assemble"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConformanceCases() {
    }

    /** One test case: the shape that owns it (operation or error structure) and its node. */
    record Case(ShapeId owner, boolean error, ObjectNode node) {
        String id() {
            return node.expectStringMember("id").getValue();
        }

        String string(String member) {
            return node.getStringMember(member).map(n -> n.getValue()).orElse(null);
        }

        /** Whether the case is for servers: {@code appliesTo} absent or {@code "server"}. */
        boolean appliesToServer() {
            String applies = string("appliesTo");
            return applies == null || applies.equals("server");
        }
    }

    static List<OperationShape> operations(String serviceId) {
        ServiceShape service = MODEL.expectShape(ShapeId.from(serviceId), ServiceShape.class);
        return new ArrayList<>(TopDownIndex.of(MODEL).getContainedOperations(service));
    }

    /** Every case of {@code trait} ("httpRequestTests", ...) on the operations of a service and their errors. */
    static List<Case> cases(String serviceId, String trait, String protocol) {
        List<Case> out = new ArrayList<>();
        for (OperationShape op : operations(serviceId)) {
            add(out, op.getId(), false, trait, protocol);
            if (trait.equals("httpResponseTests")) {
                for (ShapeId error : op.getErrors()) {
                    if (out.stream().noneMatch(c -> c.owner().equals(error))) {
                        add(out, error, true, trait, protocol);
                    }
                }
            }
        }
        return out;
    }

    private static void add(List<Case> out, ShapeId owner, boolean error, String trait, String protocol) {
        Optional<software.amazon.smithy.model.traits.Trait> t = MODEL.expectShape(owner)
                .findTrait(ShapeId.from("smithy.test#" + trait));
        if (t.isEmpty()) {
            return;
        }
        for (Node n : t.get().toNode().expectArrayNode().getElements()) {
            ObjectNode o = n.expectObjectNode();
            if (o.expectStringMember("protocol").getValue().equals(protocol)) {
                out.add(new Case(owner, error, o));
            }
        }
    }

    /** The codec value a case parameter stands for (timestamps are epoch seconds, blobs UTF-8 text). */
    static Object value(Node node, Shape shape) {
        if (node == null || node.isNullNode()) {
            return null;
        }
        switch (shape.kind()) {
            case STRUCTURE -> {
                Map<String, Object> out = new LinkedHashMap<>();
                ObjectNode o = node.expectObjectNode();
                for (Member m : shape.members()) {
                    o.getMember(m.name()).ifPresent(v -> {
                        if (!v.isNullNode()) {
                            out.put(m.name(), value(v, m.shape()));
                        }
                    });
                }
                return out;
            }
            case LIST -> {
                List<Object> out = new ArrayList<>();
                for (Node e : ((ArrayNode) node).getElements()) {
                    out.add(value(e, shape.element()));
                }
                return out;
            }
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                node.expectObjectNode().getMembers().forEach((k, v) -> out.put(k.getValue(), value(v, shape.element())));
                return out;
            }
            case STRING -> {
                return node.expectStringNode().getValue();
            }
            case BOOLEAN -> {
                return node.expectBooleanNode().getValue();
            }
            case BYTE -> {
                return number(node).byteValue();
            }
            case SHORT -> {
                return number(node).shortValue();
            }
            case INTEGER -> {
                return number(node).intValue();
            }
            case LONG -> {
                return number(node).longValue();
            }
            case BIG_INTEGER -> {
                return new BigInteger(number(node).toString());
            }
            case BIG_DECIMAL -> {
                return new BigDecimal(number(node).toString());
            }
            case FLOAT, DOUBLE -> {
                double d = node.isStringNode() ? switch (node.expectStringNode().getValue()) {
                    case "NaN" -> Double.NaN;
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> throw new IllegalArgumentException(node.toString());
                } : number(node).doubleValue();
                return shape.kind() == io.lakelet.core.protocol.shape.ShapeKind.FLOAT ? (Object) (float) d : (Object) d;
            }
            case TIMESTAMP -> {
                return Timestamps.fromEpochSeconds(new BigDecimal(number(node).toString()));
            }
            case BLOB -> {
                return node.expectStringNode().getValue().getBytes(StandardCharsets.UTF_8);
            }
            case DOCUMENT -> {
                return toJson(node);
            }
            default -> throw new IllegalStateException(shape.kind().toString());
        }
    }

    private static Number number(Node node) {
        return ((NumberNode) node).getValue();
    }

    /** A form of a codec value in which equal meanings are equal objects (numbers, bytes, NaN). */
    static Object canonical(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, e) -> out.put(k.toString(), canonical(e)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(e -> out.add(canonical(e)));
            return out;
        }
        if (v instanceof byte[] b) {
            return "bytes:" + Base64.getEncoder().encodeToString(b);
        }
        if (v instanceof Float || v instanceof Double) {
            double d = ((Number) v).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? Double.toString(d)
                    : new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Instant || v instanceof String || v instanceof Boolean || v == null) {
            return v;
        }
        if (v instanceof JsonNode j) {
            return canonicalJson(j);
        }
        return v;
    }

    static JsonNode toJson(Node node) {
        try {
            return JSON.readTree(Node.printJson(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parseJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    /** A JSON document in a form where {@code 1}, {@code 1.0} and {@code 1E0} are equal. */
    static Object canonicalJson(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> out = new TreeMap<>();
            n.fields().forEachRemaining(e -> out.put(e.getKey(), canonicalJson(e.getValue())));
            return out;
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(e -> out.add(canonicalJson(e)));
            return out;
        }
        if (n.isNumber()) {
            return n.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (n.isNull()) {
            return "null";
        }
        return n.isTextual() ? n.textValue() : n.toString();
    }
}
