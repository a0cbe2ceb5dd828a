package io.lakelet.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What CLI and boto3 see on the wire: awsJson 1.1 bodies, base64 data, error shape and headers, reset. */
class WireTest {
    private static KinesisServer k;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        k = KinesisServer.start();
    }

    @AfterAll
    static void stop() {
        k.close();
    }

    private static HttpResponse<String> call(String operation, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(k.server.endpoint().resolve("/"))
                .header("X-Amz-Target", "Kinesis_20131202." + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jsonClientsGetBase64DataAndEpochSecondTimestamps() throws Exception {
        String stream = k.stream(1);
        String data = Base64.getEncoder().encodeToString("hello".getBytes());

        HttpResponse<String> put = call("PutRecord", "{\"StreamName\":\"" + stream + "\",\"PartitionKey\":\"k\","
                + "\"Data\":\"" + data + "\"}");
        String iterator = call("GetShardIterator", "{\"StreamName\":\"" + stream + "\",\"ShardId\":"
                + "\"shardId-000000000000\",\"ShardIteratorType\":\"TRIM_HORIZON\"}").body()
                .replaceAll(".*\"ShardIterator\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> get = call("GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.headers().firstValue("x-amz-id-2")).isPresent();
        assertThat(put.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(put.body()).contains("\"ShardId\":\"shardId-000000000000\"").contains("\"SequenceNumber\":\"49");
        assertThat(get.body()).contains("\"Data\":\"" + data + "\"")
                .containsPattern("\"ApproximateArrivalTimestamp\":\\d{10}(\\.\\d+)?[,}]");
    }

    @Test
    void errorsCarryTypeMessageAndHeaders() throws Exception {
        HttpResponse<String> r = call("DescribeStream", "{\"StreamName\":\"absent\"}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(r.headers().firstValue("x-amz-id-2")).isPresent();
        assertThat(r.body()).isEqualTo("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Stream absent under"
                + " account 000000000000 not found.\"}");
    }

    @Test
    void resetForgetsEveryStream() throws Exception {
        String stream = k.stream(1);

        HttpResponse<String> reset = HTTP.send(HttpRequest.newBuilder(k.server.endpoint().resolve("/_lakelet/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(k.cbor.listStreams().streamNames()).doesNotContain(stream);
        k.cbor.createStream(b -> b.streamName(stream).shardCount(1));
        k.awaitActive(stream);
    }
}
