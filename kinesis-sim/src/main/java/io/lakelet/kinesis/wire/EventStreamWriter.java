package io.lakelet.kinesis.wire;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.ResponseStream;
import io.lakelet.core.protocol.ByteSink;
import io.lakelet.core.protocol.JsonCodec;
import io.lakelet.core.protocol.shape.SdkShapes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Writes AWS event-stream messages (prelude, typed headers, payload, CRCs) on a streamed response, with
 * payloads in the request's encoding: CBOR for CBOR requests, JSON otherwise.
 */
public final class EventStreamWriter {
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private final ResponseStream out;
    private final JsonCodec codec;
    private final String payloadType;

    public EventStreamWriter(ResponseStream out, JsonCodec codec) {
        this.out = out;
        this.codec = codec;
        this.payloadType = codec.isCbor() ? "application/x-amz-cbor-1.1" : "application/json";
    }

    /** The {@code initial-response} event: the operation's (empty) output. */
    public boolean initialResponse() {
        byte[] empty = codec.isCbor() ? new byte[] {(byte) 0xA0} : new byte[] {'{', '}'};
        return write(headers("event", ":event-type", "initial-response"), empty);
    }

    /** An event of the given type carrying {@code event} as its payload. */
    public boolean event(String eventType, SdkPojo event) {
        ByteSink sink = new ByteSink();
        codec.writeStructure(sink, event, SdkShapes.of(event.getClass()));
        return write(headers("event", ":event-type", eventType), Arrays.copyOf(sink.buffer(), sink.size()));
    }

    /** An exception message that ends the stream, as AWS sends errors that happen after the response began. */
    public boolean exception(AwsException e) {
        ByteSink sink = new ByteSink();
        codec.writeError(sink, e.code(), "message", e.getMessage(), e.fields());
        return write(headers("exception", ":exception-type", e.code()), Arrays.copyOf(sink.buffer(), sink.size()));
    }

    /** Ends the response after the last message. */
    public void finish() {
        out.end();
    }

    private Map<String, HeaderValue> headers(String messageType, String typeHeader, String type) {
        Map<String, HeaderValue> h = new LinkedHashMap<>();
        h.put(":message-type", HeaderValue.fromString(messageType));
        h.put(typeHeader, HeaderValue.fromString(type));
        h.put(":content-type", HeaderValue.fromString(payloadType));
        return h;
    }

    private boolean write(Map<String, HeaderValue> headers, byte[] payload) {
        return out.write(new Message(headers, payload).toByteBuffer());
    }
}
