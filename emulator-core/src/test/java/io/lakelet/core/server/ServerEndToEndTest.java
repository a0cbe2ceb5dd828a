package io.lakelet.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/** The server, router and awsJson/CBOR codec, driven by real AWS SDK for Java v2 clients and raw HTTP. */
class ServerEndToEndTest {
    private static TestServer server;
    private static KinesisClient cbor;
    private static KinesisAsyncClient async;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.config(Map.of()), Clock.systemUTC(), List.of(new EchoKinesisModule()));
        cbor = KinesisClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        async = KinesisAsyncClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS)
                .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2).build()).build();
    }

    @AfterAll
    static void stop() {
        cbor.close();
        async.close();
        server.close();
    }

    @Test
    void syncCborClientRoundTripsBlobsAndStrings() {
        PutRecordResponse r = cbor.putRecord(b -> b.streamName("s").partitionKey("pk")
                .data(SdkBytes.fromUtf8String("12345")));
        assertThat(r.shardId()).isEqualTo("shardId-000000000000");
        assertThat(r.sequenceNumber()).isEqualTo("12345");
        assertThat(r.sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId")).isPresent();
        assertThat(r.sdkHttpResponse().firstMatchingHeader("x-amz-id-2")).hasValue("echo");
    }

    @Test
    void syncJsonClientRoundTrips() {
        String previous = System.getProperty("aws.cborEnabled");
        System.setProperty("aws.cborEnabled", "false");
        try (KinesisClient json = KinesisClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
            PutRecordResponse r = json.putRecord(b -> b.streamName("s").partitionKey("pk")
                    .data(SdkBytes.fromUtf8String("json")));
            assertThat(r.sequenceNumber()).isEqualTo("json");
            assertThatThrownBy(() -> json.putRecord(b -> b.streamName("missing").partitionKey("k")
                    .data(SdkBytes.fromUtf8String("x"))))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("Stream missing under account 000000000000 not found.");
        } finally {
            if (previous == null) {
                System.clearProperty("aws.cborEnabled");
            } else {
                System.setProperty("aws.cborEnabled", previous);
            }
        }
    }

    @Test
    void asyncClientOverH2cPriorKnowledgeGetsTimestampsAndAsyncAnswers() throws Exception {
        java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        StreamDescriptionSummary s = async.describeStreamSummary(b -> b.streamName("abc")).get()
                .streamDescriptionSummary();
        java.time.Instant after = java.time.Instant.now();
        assertThat(s.streamName()).isEqualTo("abc");
        assertThat(s.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/abc");
        assertThat(s.streamCreationTimestamp()).as("a CBOR timestamp keeps its milliseconds").isBetween(before, after);
        assertThat(s.openShardCount()).isEqualTo(1);
    }

    @Test
    void serviceErrorsReachTheSdkAsTypedExceptions() {
        assertThatThrownBy(() -> cbor.putRecord(b -> b.streamName("missing").partitionKey("k")
                .data(SdkBytes.fromUtf8String("x"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(((KinesisException) e).statusCode()).isEqualTo(400))
                .hasMessageContaining("Stream missing under account 000000000000 not found.");
    }

    @Test
    void validationErrorsUseAwsWording() {
        assertThatThrownBy(() -> cbor.putRecord(b -> b.streamName("s").partitionKey("")
                .data(SdkBytes.fromUtf8String("x"))))
                .isInstanceOf(KinesisException.class)
                .satisfies(e -> assertThat(((KinesisException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageContaining("1 validation error detected: Value '' at 'partitionKey' failed to satisfy"
                        + " constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void anOperationLakeletLacksIsRefusedAsNotImplemented() {
        assertThatThrownBy(() -> cbor.listStreams())
                .isInstanceOf(SdkServiceException.class)
                .satisfies(e -> assertThat(((SdkServiceException) e).statusCode()).isEqualTo(501))
                .hasMessageContaining("ListStreams");
    }

    @Test
    void anUnknownOperationIsUnknownOperationException() throws Exception {
        HttpResponse<String> r = post("/", "Kinesis_20131202.Frobnicate", "application/x-amz-json-1.1", "{}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
        assertThat(r.body()).contains("\"__type\":\"UnknownOperationException\"");
    }

    @Test
    void malformedJsonIsSerializationException() throws Exception {
        HttpResponse<String> r = post("/", "Kinesis_20131202.PutRecord", "application/x-amz-json-1.1",
                "{\"StreamName\": \"s\", ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"__type\":\"SerializationException\"");
        HttpResponse<String> wrongType = post("/", "Kinesis_20131202.PutRecord", "application/x-amz-json-1.1",
                "{\"StreamName\": 5, \"PartitionKey\": \"k\", \"Data\": \"AA==\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("SerializationException").contains("StreamName");
        HttpResponse<String> badBase64 = post("/", "Kinesis_20131202.PutRecord", "application/x-amz-json-1.1",
                "{\"StreamName\": \"s\", \"PartitionKey\": \"k\", \"Data\": \"%%%\"}");
        assertThat(badBase64.statusCode()).isEqualTo(400);
        assertThat(badBase64.body()).contains("SerializationException");
    }

    @Test
    void malformedCborIsSerializationException() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("X-Amz-Target", "Kinesis_20131202.PutRecord")
                .header("Content-Type", "application/x-amz-cbor-1.1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xBF, 0x61}))
                .build();
        HttpResponse<byte[]> r = http1().send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-cbor-1.1");
    }

    @Test
    void healthReportsServicesOverHttp1AndH2cUpgrade() throws Exception {
        for (HttpClient client : List.of(http1(), HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build())) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.endpoint().resolve("/_lakelet/health"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"kinesis\" : \"running\"");
        }
        HttpResponse<String> upgraded = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()
                .send(HttpRequest.newBuilder(server.endpoint().resolve("/_lakelet/health")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void resetAnswersOnBothPaths() throws Exception {
        for (String path : List.of("/_lakelet/reset", "/moto-api/reset")) {
            HttpResponse<String> r = http1().send(HttpRequest.newBuilder(server.endpoint().resolve(path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"reset\" : true");
        }
        HttpResponse<String> get = http1().send(HttpRequest.newBuilder(server.endpoint().resolve("/_lakelet/reset"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void aRequestSignedForAServiceThatIsNotRunningIsRefusedClearly() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request,"
                        + " SignedHeaders=host, Signature=abc")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        HttpResponse<String> r = http1().send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).contains("dynamodb");
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws Exception {
        HttpClient client = http1();
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> r = post("/", "Kinesis_20131202.PutRecord", "application/x-amz-json-1.1",
                    "{\"StreamName\":\"s\",\"PartitionKey\":\"k\",\"Data\":\"" + java.util.Base64.getEncoder()
                            .encodeToString(("n" + i).getBytes(StandardCharsets.UTF_8)) + "\"}", client);
            assertThat(r.body()).contains("\"SequenceNumber\":\"n" + i + "\"");
        }
    }

    private static HttpClient http1() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static HttpResponse<String> post(String path, String target, String contentType, String body) throws Exception {
        return post(path, target, contentType, body, http1());
    }

    private static HttpResponse<String> post(String path, String target, String contentType, String body,
                                             HttpClient client) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .header("X-Amz-Target", target)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }
}
