package io.lakelet.bench.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lakelet.bench.load.RequestTemplate;
import io.lakelet.core.protocol.JsonCodec;
import io.lakelet.core.protocol.JsonRpcService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The PutRecord request a Kinesis SDK client sends, in JSON or CBOR, with the headers it sends: a SigV4
 * {@code Authorization} (never verified, but parsed by the router as for every real client), the
 * {@code X-Amz-Target} and the content type that selects the codec.
 */
final class PutRecordRequests {
    static final String TARGET = BenchKinesisModule.TARGET_PREFIX + ".PutRecord";
    private static final String DATE = "20250101T000000Z";
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 "
            + "Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
            + "Signature=" + "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    private PutRecordRequests() {
    }

    /** A request whose body is {@code body} ({@code json} or {@code cbor}) with {@code dataBytes} of record data. */
    static RequestTemplate of(String body, int dataBytes) {
        boolean cbor = body.equals("cbor");
        String contentType = cbor ? JsonRpcService.CBOR_CONTENT_TYPE : JsonRpcService.JSON_CONTENT_TYPE;
        List<Map.Entry<String, String>> headers = List.of(
                Map.entry("content-type", contentType),
                Map.entry("x-amz-target", TARGET),
                Map.entry("x-amz-date", DATE),
                Map.entry("authorization", AUTHORIZATION),
                Map.entry("user-agent", "lakelet-bench"));
        return new RequestTemplate("/", headers, body(cbor ? JsonCodec.CBOR : JsonCodec.JSON, dataBytes));
    }

    private static byte[] body(JsonCodec codec, int dataBytes) {
        byte[] data = new byte[dataBytes];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The codec's own factory: base64 text for JSON, a byte string for CBOR, as the SDKs send.
        try (JsonGenerator g = codec.factory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("StreamName", "bench");
            g.writeFieldName("Data");
            g.writeBinary(data);
            g.writeStringField("PartitionKey", "partition-1");
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
