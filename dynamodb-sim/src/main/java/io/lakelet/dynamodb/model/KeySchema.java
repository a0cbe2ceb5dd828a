package io.lakelet.dynamodb.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * The primary key of a table or an index: a partition (hash) attribute and an optional sort (range)
 * attribute, each with its scalar type. It encodes key values into bytes whose unsigned order is
 * DynamoDB's order of the sort key within a partition: strings and binaries by bytes, numbers by value.
 *
 * @param hashName partition key attribute
 * @param hashType S, N or B
 * @param rangeName sort key attribute, or null
 * @param rangeType S, N or B, or null
 */
public record KeySchema(String hashName, String hashType, String rangeName, String rangeType) {

    public static KeySchema of(List<KeySchemaElement> elements, List<AttributeDefinition> definitions) {
        Map<String, String> types = new LinkedHashMap<>();
        definitions.forEach(d -> types.put(d.attributeName(), d.attributeTypeAsString()));
        String hash = null;
        String range = null;
        for (KeySchemaElement e : elements) {
            if (e.keyType() == KeyType.HASH) {
                hash = e.attributeName();
            } else {
                range = e.attributeName();
            }
        }
        return new KeySchema(hash, types.get(hash), range, range == null ? null : types.get(range));
    }

    public boolean hasRange() {
        return rangeName != null;
    }

    public List<String> names() {
        return rangeName == null ? List.of(hashName) : List.of(hashName, rangeName);
    }

    /** Whether {@code name} is one of this key's attributes. */
    public boolean isKey(String name) {
        return name.equals(hashName) || name.equals(rangeName);
    }

    /** The key attributes of an item; null when the item lacks one (a sparse index skips such items). */
    public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String n : names()) {
            AttributeValue v = item.get(n);
            if (v == null) {
                return null;
            }
            key.put(n, v);
        }
        return key;
    }

    /** The bytes of a key: the encoded partition value, then the encoded sort value. */
    public byte[] encode(Map<String, AttributeValue> key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        encodeValue(out, key.get(hashName), hashType);
        if (rangeName != null) {
            encodeValue(out, key.get(rangeName), rangeType);
        }
        return out.toByteArray();
    }

    /** The bytes that every key of one partition starts with. */
    public byte[] encodePartition(AttributeValue hashValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        encodeValue(out, hashValue, hashType);
        return out.toByteArray();
    }

    private static void encodeValue(ByteArrayOutputStream out, AttributeValue v, String type) {
        switch (type) {
            case "N" -> encodeNumber(out, AttributeValues.number(v.n()));
            case "B" -> encodeBytes(out, v.b().asByteArrayUnsafe());
            default -> encodeBytes(out, v.s().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Bytes with 0x00 escaped as 0x00 0xFF and a 0x00 0x01 terminator: order-preserving and prefix-free. */
    private static void encodeBytes(ByteArrayOutputStream out, byte[] bytes) {
        for (byte b : bytes) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        out.write(0);
        out.write(1);
    }

    /**
     * A number as sign class (negative, zero, positive), decimal exponent and digits, each part arranged so
     * that byte order is numeric order; negative numbers have exponent and digits inverted.
     */
    private static void encodeNumber(ByteArrayOutputStream out, java.math.BigDecimal d) {
        if (d.signum() == 0) {
            out.write(0x01);
            return;
        }
        java.math.BigDecimal abs = d.abs().stripTrailingZeros();
        String digits = abs.unscaledValue().toString();
        int exponent = digits.length() - abs.scale() + 1000;
        boolean negative = d.signum() < 0;
        out.write(negative ? 0x00 : 0x02);
        int e = negative ? ~exponent & 0xFFFF : exponent;
        out.write((e >>> 8) & 0xFF);
        out.write(e & 0xFF);
        for (int i = 0; i < digits.length(); i++) {
            int c = digits.charAt(i);
            out.write(negative ? 0xFF - c : c);
        }
        out.write(negative ? 0xFF : 0x00);
    }
}
