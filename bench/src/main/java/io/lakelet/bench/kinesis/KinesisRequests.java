package io.lakelet.bench.kinesis;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lakelet.bench.load.RequestTemplate;
import io.lakelet.core.protocol.JsonCodec;
import io.lakelet.core.protocol.JsonRpcService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The Kinesis requests of the benchmark, in JSON or CBOR, with the headers an SDK sends: a SigV4
 * {@code Authorization} (parsed for its credential scope, never verified), {@code X-Amz-Target} and the
 * content type that selects the codec. PutRecord and PutRecords become fixed {@link RequestTemplate}s for
 * the load generator; each record of a PutRecords body has its own random partition key, so one body
 * spreads over every shard, and every resend gets new sequence numbers.
 */
final class KinesisRequests {
    static final String TARGET_PREFIX = "Kinesis_20131202.";
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 "
            + "Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
            + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    private KinesisRequests() {
    }

    static JsonCodec codec(String body) {
        return switch (body) {
            case "json" -> JsonCodec.JSON;
            case "cbor" -> JsonCodec.CBOR;
            default -> throw new IllegalArgumentException("a body is json or cbor, not '" + body + "'");
        };
    }

    /** The headers of {@code operation} with the content type of {@code body}. */
    static List<Map.Entry<String, String>> headers(String operation, String body) {
        String contentType = codec(body).isCbor() ? JsonRpcService.CBOR_CONTENT_TYPE : JsonRpcService.JSON_CONTENT_TYPE;
        return List.of(
                Map.entry("content-type", contentType),
                Map.entry("x-amz-target", TARGET_PREFIX + operation),
                Map.entry("x-amz-date", "20250101T000000Z"),
                Map.entry("authorization", AUTHORIZATION),
                Map.entry("user-agent", "lakelet-bench"));
    }

    /** PutRecords of {@code records} records of {@code dataBytes} each, random partition keys. */
    static RequestTemplate putRecords(String stream, String body, int records, int dataBytes) {
        Random random = new Random(records);
        byte[] data = data(dataBytes);
        return new RequestTemplate("/", headers("PutRecords", body), write(codec(body), g -> {
            g.writeStringField("StreamName", stream);
            g.writeArrayFieldStart("Records");
            for (int i = 0; i < records; i++) {
                g.writeStartObject();
                g.writeFieldName("Data");
                g.writeBinary(data);
                g.writeStringField("PartitionKey", "pk-" + Long.toHexString(random.nextLong()));
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
    }

    /** PutRecord of one record of {@code dataBytes}. */
    static RequestTemplate putRecord(String stream, String body, int dataBytes) {
        byte[] data = data(dataBytes);
        return new RequestTemplate("/", headers("PutRecord", body), write(codec(body), g -> {
            g.writeStringField("StreamName", stream);
            g.writeFieldName("Data");
            g.writeBinary(data);
            g.writeStringField("PartitionKey", "pk-single");
        }));
    }

    /** Writes the members of one structure with {@code members}. */
    interface Members {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] write(JsonCodec codec, Members members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The codec's own factory: base64 text for JSON, a byte string for CBOR, as the SDKs send.
        try (JsonGenerator g = codec.factory().createGenerator(out)) {
            g.writeStartObject();
            members.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Incompressible record data, the same for every run. */
    private static byte[] data(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
