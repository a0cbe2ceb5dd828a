package io.lakelet.core.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.CommonErrors;
import io.lakelet.core.protocol.shape.Location;
import io.lakelet.core.protocol.shape.Member;
import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.protocol.shape.ShapeKind;
import io.lakelet.core.protocol.shape.Shaped;
import io.lakelet.core.protocol.shape.TimestampFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes AWS JSON documents (awsJson1_1 bodies, restJson1 payloads) and their CBOR twin
 * (Kinesis {@code application/x-amz-cbor-1.1}), driven by {@link Shape}s. The two encodings differ only
 * in blobs (base64 text in JSON, byte strings in CBOR) and default timestamps (epoch seconds with a
 * fraction in JSON, epoch milliseconds in CBOR); Jackson's streaming API covers both.
 *
 * <p>Every malformed input becomes a {@code SerializationException}; nothing here throws anything else
 * for bad client bytes.
 */
public final class JsonCodec {
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(100)
            .maxStringLength(64 * 1024 * 1024)
            .build();

    /** Reads and writes document values as Jackson trees, on either encoding's parser and generator. */
    private static final ObjectMapper TREES = new ObjectMapper();

    /** The JSON encoding. */
    public static final JsonCodec JSON = new JsonCodec(new InPlaceJsonFactory((JsonFactoryBuilder) JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(LIMITS)), false);

    /** The CBOR encoding used by Kinesis. */
    public static final JsonCodec CBOR = new JsonCodec(CBORFactory.builder()
            .streamReadConstraints(LIMITS)
            .build(), true);

    /**
     * The CBOR of Smithy's rpcv2Cbor protocol: as {@link #CBOR}, but timestamps are epoch seconds under
     * tag 1 (a fraction as a double), as that protocol specifies.
     */
    public static final JsonCodec RPC_V2_CBOR = new JsonCodec(CBORFactory.builder()
            .streamReadConstraints(LIMITS)
            .build(), true, TimestampFormat.EPOCH_SECONDS);

    private final JsonFactory factory;
    private final boolean cbor;
    private final TimestampFormat defaultTimestamps;

    private JsonCodec(JsonFactory factory, boolean cbor) {
        this(factory, cbor, cbor ? TimestampFormat.EPOCH_MILLIS : TimestampFormat.EPOCH_SECONDS);
    }

    private JsonCodec(JsonFactory factory, boolean cbor, TimestampFormat defaultTimestamps) {
        this.factory = factory;
        this.cbor = cbor;
        this.defaultTimestamps = defaultTimestamps;
    }

    public boolean isCbor() {
        return cbor;
    }

    public JsonFactory factory() {
        return factory;
    }

    /**
     * Reads a structure's payload members from {@code in}. An empty body is an empty structure, as AWS
     * JSON services treat it. {@code into} receives the members; other locations are left to the caller.
     */
    public void readStructure(InputStream in, Shape shape, Shape.StructBuilder into) {
        try (JsonParser p = factory.createParser(in)) {
            readStructure(p, null, shape, into);
        } catch (JsonProcessingException e) {
            throw CommonErrors.serialization(cleanMessage(e));
        } catch (IOException e) {
            throw CommonErrors.serialization("The request body could not be read: " + e.getMessage());
        }
    }

    /**
     * Reads a structure's payload members from {@code length} bytes of {@code body} at {@code offset}, as
     * {@link #readStructure(InputStream, Shape, Shape.StructBuilder)} does from a stream, and with the same
     * results; a body in memory lets JSON blobs be decoded straight from its bytes.
     */
    public void readStructure(byte[] body, int offset, int length, Shape shape, Shape.StructBuilder into) {
        try (JsonParser p = factory.createParser(body, offset, length)) {
            readStructure(p, cbor ? null : new Raw(body, offset, offset + length), shape, into);
        } catch (JsonProcessingException e) {
            throw CommonErrors.serialization(cleanMessage(e));
        } catch (IOException e) {
            throw CommonErrors.serialization("The request body could not be read: " + e.getMessage());
        }
    }

    private void readStructure(JsonParser p, Raw raw, Shape shape, Shape.StructBuilder into) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw CommonErrors.serialization("Start of structure or map expected, found " + describe(t) + ".");
        }
        readMembers(p, raw, shape, into);
        if (p.nextToken() != null) {
            throw CommonErrors.serialization("Unexpected content after the end of the document.");
        }
    }

    /** The raw bytes of a JSON document being parsed, {@code [start, end)} of {@code bytes}. */
    private record Raw(byte[] bytes, int start, int end) {
    }

    /** Reads a whole value of {@code shape} (a structure, or the document of an explicit payload). */
    public Object read(InputStream in, Shape shape) {
        try (JsonParser p = factory.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return shape.kind() == ShapeKind.STRUCTURE ? shape.newStruct().build() : null;
            }
            Object v = readValue(p, null, shape, null);
            if (p.nextToken() != null) {
                throw CommonErrors.serialization("Unexpected content after the end of the document.");
            }
            return v;
        } catch (JsonProcessingException e) {
            throw CommonErrors.serialization(cleanMessage(e));
        } catch (IOException e) {
            throw CommonErrors.serialization("The request body could not be read: " + e.getMessage());
        }
    }

    private void readMembers(JsonParser p, Raw raw, Shape shape, Shape.StructBuilder into) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            Member m = shape.payloadMember(name);
            if (m == null) {
                p.skipChildren();
                continue;
            }
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            into.set(m, readValue(p, raw, m.shape(), m));
        }
        if (t != JsonToken.END_OBJECT) {
            throw CommonErrors.serialization("Unexpected " + describe(t) + " in a structure.");
        }
    }

    private Object readValue(JsonParser p, Raw raw, Shape shape, Member member) throws IOException {
        JsonToken t = p.currentToken();
        switch (shape.kind()) {
            case STRUCTURE -> {
                expect(p, t, JsonToken.START_OBJECT, member);
                Shape.StructBuilder b = shape.newStruct();
                readMembers(p, raw, shape, b);
                return b.build();
            }
            case LIST -> {
                expect(p, t, JsonToken.START_ARRAY, member);
                List<Object> list = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == JsonToken.VALUE_NULL) {
                        if (!shape.sparse()) {
                            throw CommonErrors.serialization("Null entries are not allowed in the list"
                                    + (member == null ? "" : " " + member.wireName()) + ".");
                        }
                        list.add(null);
                        continue;
                    }
                    list.add(readValue(p, raw, shape.element(), null));
                }
                return list;
            }
            case MAP -> {
                expect(p, t, JsonToken.START_OBJECT, member);
                Map<String, Object> map = new LinkedHashMap<>();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    if (p.nextToken() == JsonToken.VALUE_NULL) {
                        if (!shape.sparse()) {
                            throw CommonErrors.serialization("Null values are not allowed in the map"
                                    + (member == null ? "" : " " + member.wireName()) + ".");
                        }
                        map.put(key, null);
                        continue;
                    }
                    map.put(key, readValue(p, raw, shape.element(), null));
                }
                return map;
            }
            case STRING -> {
                expect(p, t, JsonToken.VALUE_STRING, member);
                return p.getText();
            }
            case BOOLEAN -> {
                if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                    throw mismatch(t, "a boolean", member);
                }
                return t == JsonToken.VALUE_TRUE;
            }
            case BYTE, SHORT, INTEGER, LONG, BIG_INTEGER -> {
                expect(p, t, JsonToken.VALUE_NUMBER_INT, member);
                return integral(p, shape.kind(), member);
            }
            case FLOAT, DOUBLE -> {
                double d;
                if (t == JsonToken.VALUE_STRING) {
                    d = switch (p.getText()) {
                        case "NaN" -> Double.NaN;
                        case "Infinity" -> Double.POSITIVE_INFINITY;
                        case "-Infinity" -> Double.NEGATIVE_INFINITY;
                        default -> throw mismatch(t, "a number", member);
                    };
                } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    d = p.getDoubleValue();
                } else {
                    throw mismatch(t, "a number", member);
                }
                return shape.kind() == ShapeKind.FLOAT ? (Object) (float) d : (Object) d;
            }
            case BIG_DECIMAL -> {
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw mismatch(t, "a number", member);
                }
                return p.getDecimalValue();
            }
            case TIMESTAMP -> {
                return readTimestamp(p, t, member);
            }
            case BLOB -> {
                if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_EMBEDDED_OBJECT) {
                    throw mismatch(t, cbor ? "a byte string" : "a base64 string", member);
                }
                if (raw != null && t == JsonToken.VALUE_STRING) {
                    byte[] fast = decodeInPlace(p, raw);
                    if (fast != null) {
                        return fast;
                    }
                }
                try {
                    return p.getBinaryValue();
                } catch (JsonProcessingException e) {
                    throw CommonErrors.serialization("Base64 encoded value expected"
                            + (member == null ? "" : " for " + member.wireName()) + ".");
                }
            }
            case DOCUMENT -> {
                return TREES.readTree(p);
            }
            default -> throw new IllegalStateException("unknown kind " + shape.kind());
        }
    }

    /**
     * The blob of the current (not yet read) string token, decoded from the raw bytes when it is plain
     * base64; null to leave it to Jackson. The parser then steps over the string (or skips it as an unread
     * token, scanning it again, when it is not our {@link InPlaceJsonFactory}'s).
     */
    private static byte[] decodeInPlace(JsonParser p, Raw raw) {
        long at = p.currentTokenLocation().getByteOffset();
        if (at < 0 || at >= raw.end() - raw.start()) {
            return null;
        }
        int quote = raw.start() + (int) at;
        if (raw.bytes()[quote] != '"') {
            return null;
        }
        int close = Base64Strings.indexOfQuote(raw.bytes(), quote + 1, raw.end());
        byte[] blob = close >= raw.end() ? null : Base64Strings.decode(raw.bytes(), quote + 1, close);
        if (blob != null) {
            InPlaceJsonFactory.skipCurrentString(p, close + 1);
        }
        return blob;
    }

    private Object integral(JsonParser p, ShapeKind kind, Member member) throws IOException {
        BigInteger v = p.getBigIntegerValue();
        long min;
        long max;
        switch (kind) {
            case BYTE -> {
                min = Byte.MIN_VALUE;
                max = Byte.MAX_VALUE;
            }
            case SHORT -> {
                min = Short.MIN_VALUE;
                max = Short.MAX_VALUE;
            }
            case INTEGER -> {
                min = Integer.MIN_VALUE;
                max = Integer.MAX_VALUE;
            }
            case LONG -> {
                min = Long.MIN_VALUE;
                max = Long.MAX_VALUE;
            }
            default -> {
                return v;
            }
        }
        if (v.bitLength() > 63 || v.longValue() < min || v.longValue() > max) {
            throw CommonErrors.serialization("Number " + v + " is out of range"
                    + (member == null ? "" : " for " + member.wireName()) + ".");
        }
        long l = v.longValue();
        return switch (kind) {
            case BYTE -> (byte) l;
            case SHORT -> (short) l;
            case INTEGER -> (int) l;
            default -> l;
        };
    }

    private Instant readTimestamp(JsonParser p, JsonToken t, Member member) throws IOException {
        TimestampFormat format = member != null && member.timestampFormat() != null
                ? member.timestampFormat() : defaultTimestampFormat();
        boolean epoch = format == TimestampFormat.EPOCH_SECONDS || format == TimestampFormat.EPOCH_MILLIS;
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            if (!epoch) {
                throw mismatch(t, "a " + format.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                        + " timestamp string", member);
            }
            if (cbor && format != TimestampFormat.EPOCH_SECONDS || format == TimestampFormat.EPOCH_MILLIS) {
                return Instant.ofEpochMilli(p.getLongValue());
            }
            BigDecimal seconds = p.getDecimalValue();
            return Timestamps.fromEpochSeconds(seconds);
        }
        if (t == JsonToken.VALUE_STRING) {
            if (epoch && !cbor) {
                // JSON protocols send epoch timestamps as numbers; a string (even of digits) is malformed.
                throw mismatch(t, "an epoch-seconds number", member);
            }
            try {
                return Timestamps.parse(p.getText(), epoch ? TimestampFormat.DATE_TIME : format);
            } catch (IllegalArgumentException e) {
                throw CommonErrors.serialization("Invalid timestamp '" + p.getText() + "'"
                        + (member == null ? "" : " for " + member.wireName()) + ".");
            }
        }
        throw mismatch(t, "a timestamp", member);
    }

    private TimestampFormat defaultTimestampFormat() {
        return defaultTimestamps;
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, Member member) {
        if (actual != expected) {
            throw mismatch(actual, switch (expected) {
                case START_OBJECT -> "a structure or map";
                case START_ARRAY -> "a list";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT -> "an integer";
                default -> expected.toString();
            }, member);
        }
    }

    private static AwsException mismatch(JsonToken actual, String expected, Member member) {
        return CommonErrors.serialization("Expected " + expected
                + (member == null ? "" : " for " + member.wireName()) + " but found " + describe(actual) + ".");
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the document";
        }
        return switch (t) {
            case START_OBJECT -> "a structure";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case VALUE_EMBEDDED_OBJECT -> "binary data";
            default -> t.toString();
        };
    }

    private static String cleanMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        return m == null ? "The request body is not valid." : m.split("\n")[0];
    }

    // Writing.

    /** Writes the payload members of a structure as one document. */
    public void writeStructure(OutputStream out, Object struct, Shape shape) {
        try (JsonGenerator g = factory.createGenerator(out)) {
            writeMembers(g, struct, shape);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a whole value of {@code shape}. */
    public void write(OutputStream out, Object value, Shape shape) {
        try (JsonGenerator g = factory.createGenerator(out)) {
            writeValue(g, value, shape, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes an error document: {@code __type}, the message under {@code messageKey}, and extra fields
     * (a {@link Shaped} field is written by its shape, anything else as plain JSON).
     */
    public void writeError(OutputStream out, String type, String messageKey, String message,
                           Map<String, Object> fields) {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            if (type != null) {
                g.writeStringField("__type", type);
            }
            if (message != null) {
                g.writeStringField(messageKey, message);
            }
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                g.writeFieldName(f.getKey());
                if (f.getValue() instanceof Shaped shaped) {
                    writeValue(g, shaped.value(), shaped.shape(), null);
                } else {
                    TREES.writeValue(g, f.getValue());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeMembers(JsonGenerator g, Object struct, Shape shape) throws IOException {
        g.writeStartObject();
        for (Member m : shape.members()) {
            if (m.location() != Location.PAYLOAD) {
                continue;
            }
            Object v = shape.get(struct, m);
            if (v != null) {
                g.writeFieldName(m.wireName());
                writeValue(g, v, m.shape(), m);
            }
        }
        g.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private void writeValue(JsonGenerator g, Object v, Shape shape, Member member) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (shape.kind()) {
            case STRUCTURE -> writeMembers(g, v, shape);
            case LIST -> {
                List<Object> list = (List<Object>) v;
                g.writeStartArray(list, list.size());
                for (Object e : list) {
                    writeValue(g, e, shape.element(), null);
                }
                g.writeEndArray();
            }
            case MAP -> {
                Map<String, Object> map = (Map<String, Object>) v;
                g.writeStartObject(map, map.size());
                for (Map.Entry<String, Object> e : map.entrySet()) {
                    g.writeFieldName(e.getKey());
                    writeValue(g, e.getValue(), shape.element(), null);
                }
                g.writeEndObject();
            }
            case STRING -> g.writeString(v.toString());
            case BOOLEAN -> g.writeBoolean((Boolean) v);
            case BYTE, SHORT, INTEGER -> g.writeNumber(((Number) v).intValue());
            case LONG -> g.writeNumber(((Number) v).longValue());
            case BIG_INTEGER -> g.writeNumber((BigInteger) v);
            case BIG_DECIMAL -> g.writeNumber((BigDecimal) v);
            case FLOAT, DOUBLE -> {
                double d = ((Number) v).doubleValue();
                if (Double.isNaN(d)) {
                    g.writeString("NaN");
                } else if (Double.isInfinite(d)) {
                    g.writeString(d > 0 ? "Infinity" : "-Infinity");
                } else if (shape.kind() == ShapeKind.FLOAT) {
                    g.writeNumber(((Number) v).floatValue());
                } else {
                    g.writeNumber(d);
                }
            }
            case TIMESTAMP -> writeTimestamp(g, (Instant) v, member);
            case BLOB -> {
                byte[] bytes = (byte[]) v;
                g.writeBinary(bytes, 0, bytes.length);
            }
            case DOCUMENT -> TREES.writeTree(g, (JsonNode) v);
            default -> throw new IllegalStateException("unknown kind " + shape.kind());
        }
    }

    private void writeTimestamp(JsonGenerator g, Instant t, Member member) throws IOException {
        TimestampFormat format = member != null && member.timestampFormat() != null
                ? member.timestampFormat() : defaultTimestampFormat();
        switch (format) {
            case EPOCH_MILLIS -> {
                if (g instanceof CBORGenerator cborGenerator) {
                    // Tag 1 (epoch-based date/time) as AWS and the SDK write it; the value is milliseconds.
                    cborGenerator.writeTag(1);
                }
                g.writeNumber(t.toEpochMilli());
            }
            case EPOCH_SECONDS -> {
                if (this == RPC_V2_CBOR && g instanceof CBORGenerator cborGenerator) {
                    // rpcv2Cbor: tag 1 over whole seconds or a double, never a decimal fraction (tag 4).
                    cborGenerator.writeTag(1);
                    if (t.getNano() == 0) {
                        g.writeNumber(t.getEpochSecond());
                    } else {
                        g.writeNumber(t.toEpochMilli() / 1000.0);
                    }
                } else {
                    g.writeNumber(Timestamps.toEpochSeconds(t));
                }
            }
            case DATE_TIME, HTTP_DATE -> g.writeString(Timestamps.format(t, format));
            default -> throw new IllegalStateException();
        }
    }
}
