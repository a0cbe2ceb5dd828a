package io.lakelet.bench.kinesis;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelet.core.protocol.JsonCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The control-plane and read requests of the benchmark, one at a time, through the JDK's HTTP/1.1 client:
 * CreateStream, DescribeStreamSummary, ListShards, GetShardIterator and GetRecords. Every answer other than
 * 200 fails with its body, so a bad request shows at once.
 */
final class KinesisApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI uri;
    private final String body;
    private final JsonCodec codec;
    private final ObjectMapper trees;

    /** A client of the server at {@code target} that sends and reads {@code body} (json or cbor). */
    KinesisApi(InetSocketAddress target, String body) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.uri = URI.create("http://" + target.getHostString() + ":" + target.getPort() + "/");
        this.body = body;
        this.codec = KinesisRequests.codec(body);
        this.trees = new ObjectMapper(codec.factory());
    }

    /** Sends one request and returns the raw body of its 200 answer. */
    byte[] send(String operation, KinesisRequests.Members members) throws IOException, InterruptedException {
        return send(operation, KinesisRequests.write(codec, members));
    }

    /** Sends one request with a body already encoded in this client's encoding. */
    byte[] send(String operation, byte[] request) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request));
        for (Map.Entry<String, String> h : KinesisRequests.headers(operation, body)) {
            if (!h.getKey().equals("host")) {
                b.header(h.getKey(), h.getValue());
            }
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            String text = codec.isCbor() ? trees.readTree(r.body()).toString()
                    : new String(r.body(), StandardCharsets.UTF_8);
            throw new IOException(operation + ": HTTP " + r.statusCode() + " " + text);
        }
        return r.body();
    }

    JsonNode call(String operation, KinesisRequests.Members members) throws IOException, InterruptedException {
        return call(operation, KinesisRequests.write(codec, members));
    }

    JsonNode call(String operation, byte[] request) throws IOException, InterruptedException {
        byte[] answer = send(operation, request);
        try {
            return answer.length == 0 ? trees.createObjectNode() : trees.readTree(answer);
        } catch (IOException e) {
            throw new IOException(operation + ": the 200 answer of " + answer.length + " bytes does not decode as "
                    + body + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** Creates a provisioned stream and waits (at most {@code wait}) until it is ACTIVE. */
    void createStream(String stream, int shards, Duration wait) throws IOException, InterruptedException {
        call("CreateStream", g -> {
            g.writeStringField("StreamName", stream);
            g.writeNumberField("ShardCount", shards);
        });
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            JsonNode d = call("DescribeStreamSummary", g -> g.writeStringField("StreamName", stream));
            String status = d.path("StreamDescriptionSummary").path("StreamStatus").asText();
            if (status.equals("ACTIVE")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("stream " + stream + " still " + status + " after " + wait.toMillis() + " ms");
            }
            Thread.sleep(20);
        }
    }

    List<String> shardIds(String stream) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (JsonNode s : call("ListShards", g -> g.writeStringField("StreamName", stream)).path("Shards")) {
            ids.add(s.path("ShardId").asText());
        }
        return ids;
    }

    String trimHorizonIterator(String stream, String shardId) throws IOException, InterruptedException {
        return call("GetShardIterator", g -> {
            g.writeStringField("StreamName", stream);
            g.writeStringField("ShardId", shardId);
            g.writeStringField("ShardIteratorType", "TRIM_HORIZON");
        }).path("ShardIterator").asText();
    }

    /** What one GetRecords answered: its record count and data bytes, the next iterator (null at a closed end) and the lag. */
    record Page(int records, long dataBytes, String nextIterator, long millisBehindLatest) {
    }

    /** One GetRecords, its answer read by a streaming parser (counts only, no tree of 10 MiB). */
    Page getRecords(String iterator, int limit) throws IOException, InterruptedException {
        byte[] answer = send("GetRecords", g -> {
            g.writeStringField("ShardIterator", iterator);
            g.writeNumberField("Limit", limit);
        });
        int records = 0;
        long dataBytes = 0;
        String next = null;
        long behind = -1;
        try (JsonParser p = codec.factory().createParser(answer)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("GetRecords answered something other than an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "Records" -> {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            records++;
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String member = p.currentName();
                                p.nextToken();
                                if (member.equals("Data")) {
                                    dataBytes += dataLength(p);
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                    }
                    case "NextShardIterator" -> next = value == JsonToken.VALUE_NULL ? null : p.getText();
                    case "MillisBehindLatest" -> behind = p.getLongValue();
                    default -> p.skipChildren();
                }
            }
        }
        return new Page(records, dataBytes, next, behind);
    }

    /**
     * The decoded length of a blob: in CBOR the byte string's length; in JSON computed from the base64
     * text without decoding it (decoding 13 MiB of base64 per call made the client, not the server, the
     * bottleneck of a JSON drain).
     */
    private long dataLength(JsonParser p) throws IOException {
        if (codec.isCbor()) {
            return p.getBinaryValue().length;
        }
        char[] text = p.getTextCharacters();
        int start = p.getTextOffset();
        int length = p.getTextLength();
        int padding = 0;
        for (int i = start + length - 1; i >= start && text[i] == '='; i--) {
            padding++;
        }
        return length / 4L * 3 - padding;
    }
}
