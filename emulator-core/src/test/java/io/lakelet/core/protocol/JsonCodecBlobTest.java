package io.lakelet.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.protocol.shape.Shape;
import io.lakelet.core.protocol.shape.ShapeKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * JSON blobs read from a body in memory (decoded in place when they are plain base64) must come out
 * exactly as the streaming reader, which leaves all base64 to Jackson, reads them: the same bytes, or the
 * same error with the same message.
 */
class JsonCodecBlobTest {
    private static final Shape RECORD = new MapStruct(List.of(
            MapStruct.member("Data", Shape.of(ShapeKind.BLOB)),
            MapStruct.member("PartitionKey", Shape.of(ShapeKind.STRING))));
    private static final Shape INPUT = new MapStruct(List.of(
            MapStruct.member("StreamName", Shape.of(ShapeKind.STRING)),
            MapStruct.member("Data", Shape.of(ShapeKind.BLOB)),
            MapStruct.member("Records", new Shape.Collection(ShapeKind.LIST, RECORD, false)),
            MapStruct.member("Blobs", new Shape.Collection(ShapeKind.MAP, Shape.of(ShapeKind.BLOB), false))));

    /** Blob values as they appear between the quotes of a JSON string (raw control characters included). */
    private static final List<String> TRICKY_VALUES = List.of(
            "", "QQ==", "QUI=", "QUJD", "QR==", "QUJ=", "/+/+", "AAAA", "////",
            "QQ", "QUI", "Q", "Q===", "QQ=", "QQ==QQ==", "QUI=QUJD", "=QQ=", "====", "=", "==",
            "QU JD", " QUJD", "QUJD ", "QUJD  QUJD", "QU\\nJD", "QUJD\\n", "\\nQUJD", "\\u0051UJD", "Q\\/==",
            "\\u0020QUJD", "QUJ\\u003d", "QQ\\u003d\\u003d", "QUJD\\\"", "QUJD\nQUJD", "QUJD\tQUJD", "\nQUJD",
            "QUJD\n", "QU\nJD", "-_-_", "QUJD!", "QUJDé", "QUJD\\x", "QQ==\\u0020", "QQ== ", "QUJD====",
            "\\\\QUJD", "QUJD/", "QUJD/+", "QUJD/+/");

    @Test
    void tricky_blobs_read_from_bytes_as_from_a_stream() {
        for (String value : TRICKY_VALUES) {
            assertSameOutcome("{\"Data\":\"" + value + "\"}");
            assertSameOutcome("{\"StreamName\":\"s\",\"Records\":[{\"Data\":\"" + value + "\",\"PartitionKey\":\"k\"},"
                    + "{\"PartitionKey\":\"k2\",\"Data\" : \"QUJD\"}]}");
            assertSameOutcome("{\"Blobs\":{\"a\":\"" + value + "\",\"b\":\"QQ==\"}}");
        }
    }

    @Test
    void random_data_of_every_length_reads_the_same() {
        Random random = new Random(7);
        for (int n = 0; n < 200; n++) {
            byte[] data = new byte[n];
            random.nextBytes(data);
            String json = "{\"Data\":\"" + Base64.getEncoder().encodeToString(data) + "\"}";
            assertSameOutcome(json);
            assertThat((byte[]) fromBytes(json.getBytes(StandardCharsets.UTF_8)).get("Data")).isEqualTo(data);
        }
    }

    @Test
    void malformed_documents_and_other_tokens_fail_the_same_way() {
        List<String> docs = List.of(
                "{\"Data\":\"QUJD", "{\"Data\":\"QUJD\"", "{\"Data\":\"QQ==", "{\"Data\":\"QUJD\"}}", "{\"Data\":12}",
                "{\"Data\":null}", "{\"Data\":{}}", "{\"Data\":[\"QUJD\"]}", "{\"Data\":true}", "{\"Data\":\"QUJD\",}",
                "{\"Data\":\"QUJD\" \"x\":1}", "{\"Data\":\"QUJD\",\"Data\":\"QQ==\"}", "", "  ", "[]",
                " \r\n{ \"Data\"\t:\r\n\"QUJD\" } ", "{\"Data\":\"QUJD\"}x", "{\"Data\":'QUJD'}", "{\"Data\":\"QUJD\"\u0000}");
        for (String doc : docs) {
            assertSameOutcome(doc);
        }
    }

    @Test
    void other_encodings_and_byte_order_marks_read_the_same() {
        String doc = "{\"StreamName\":\"\",\"Data\":\"QUJD\",\"Records\":[{\"Data\":\"\",\"PartitionKey\":\"QQ==\"},"
                + "{\"Data\":\"QQ==\"}]}";
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, doc.getBytes(StandardCharsets.UTF_8)));
        bodies.add(doc.getBytes(StandardCharsets.UTF_16BE));
        bodies.add(doc.getBytes(StandardCharsets.UTF_16LE));
        bodies.add(doc.getBytes(StandardCharsets.UTF_16));
        bodies.add(doc.getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
        for (byte[] body : bodies) {
            assertSameOutcome(body);
            Map<String, Object> read = fromBytes(body);
            assertThat((byte[]) read.get("Data")).isEqualTo("ABC".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void a_body_inside_a_larger_array_is_read_from_its_offset() {
        byte[] doc = "{\"Data\":\"QUJD\",\"Records\":[{\"Data\":\"QQ==\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] padded = concat(concat("\"QQ==\"".getBytes(StandardCharsets.US_ASCII), doc),
                "\"QUI=\"".getBytes(StandardCharsets.US_ASCII));
        Shape.StructBuilder b = INPUT.newStruct();
        JsonCodec.JSON.readStructure(padded, 6, doc.length, INPUT, b);
        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) b.build();
        assertThat((byte[]) read.get("Data")).isEqualTo("ABC".getBytes(StandardCharsets.US_ASCII));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) read.get("Records")).get(0);
        assertThat((byte[]) first.get("Data")).isEqualTo("A".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void cbor_reads_the_same_from_bytes_and_from_a_stream() throws Exception {
        ByteSink sink = new ByteSink();
        try (var g = JsonCodec.CBOR.factory().createGenerator(sink)) {
            g.writeStartObject();
            g.writeFieldName("Data");
            g.writeBinary(new byte[] {1, 2, 3});
            g.writeEndObject();
        }
        byte[] body = sink.toByteArray();
        Shape.StructBuilder b = INPUT.newStruct();
        JsonCodec.CBOR.readStructure(body, 0, body.length, INPUT, b);
        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) b.build();
        assertThat((byte[]) read.get("Data")).isEqualTo(new byte[] {1, 2, 3});
    }

    @Test
    void plain_base64_is_decoded_in_place_and_anything_else_left_to_jackson() {
        byte[] plain = "x\"QUJD/+8=\"".getBytes(StandardCharsets.US_ASCII);
        assertThat(Base64Strings.decodeQuoted(plain, 1, plain.length)).isEqualTo(Base64.getDecoder().decode("QUJD/+8="));
        for (String other : List.of("\"QU JD\"", "\"QUJD\\n\"", "\"QQ\"", "\"QUJD", "\"QQ=\"", "\"Q===\"", "\"-_-_\"")) {
            byte[] raw = other.getBytes(StandardCharsets.US_ASCII);
            assertThat(Base64Strings.decodeQuoted(raw, 0, raw.length)).as(other).isNull();
        }
    }

    private static void assertSameOutcome(String json) {
        assertSameOutcome(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertSameOutcome(byte[] body) {
        String label = new String(body, StandardCharsets.UTF_8);
        Object expected = outcome(() -> fromStream(body));
        Object actual = outcome(() -> fromBytes(body));
        assertThat(actual).as(label).usingRecursiveComparison().isEqualTo(expected);
    }

    /** The values read (byte arrays as lists, to compare by content) or the error's code and message. */
    private static Object outcome(java.util.function.Supplier<Map<String, Object>> read) {
        try {
            return comparable(read.get());
        } catch (AwsException e) {
            return List.of(e.code(), e.status(), String.valueOf(e.getMessage()));
        }
    }

    private static Object comparable(Object v) {
        if (v instanceof byte[] bytes) {
            return "bytes:" + Arrays.toString(bytes);
        }
        if (v instanceof List<?> list) {
            return list.stream().map(JsonCodecBlobTest::comparable).toList();
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, x) -> out.put(k, comparable(x)));
            return out;
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fromStream(byte[] body) {
        Shape.StructBuilder b = INPUT.newStruct();
        JsonCodec.JSON.readStructure(new ByteArrayInputStream(body), INPUT, b);
        return (Map<String, Object>) b.build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fromBytes(byte[] body) {
        Shape.StructBuilder b = INPUT.newStruct();
        JsonCodec.JSON.readStructure(body, 0, body.length, INPUT, b);
        return (Map<String, Object>) b.build();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
