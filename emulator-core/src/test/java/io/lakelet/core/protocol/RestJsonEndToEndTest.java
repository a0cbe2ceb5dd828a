package io.lakelet.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kafka.KafkaAsyncClient;
import software.amazon.awssdk.services.kafka.KafkaClient;
import software.amazon.awssdk.services.kafka.model.BadRequestException;
import software.amazon.awssdk.services.kafka.model.Cluster;
import software.amazon.awssdk.services.kafka.model.ClusterState;
import software.amazon.awssdk.services.kafka.model.ClusterType;
import software.amazon.awssdk.services.kafka.model.CreateClusterV2Response;
import software.amazon.awssdk.services.kafka.model.KafkaException;
import software.amazon.awssdk.services.kafka.model.ListClustersV2Response;
import software.amazon.awssdk.services.kafka.model.NotFoundException;

/**
 * {@link RestJsonService} in the running server, driven by real AWS SDK for Java v2 Kafka (MSK) clients
 * (sync over HTTP/1.1, async over h2c) and by raw HTTP for what an SDK cannot send.
 */
class RestJsonEndToEndTest {
    private static TestServer server;
    private static KafkaClient kafka;
    private static KafkaAsyncClient async;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.config(Map.of()), Clock.systemUTC(), List.of(new EchoKafkaModule()));
        kafka = KafkaClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        async = KafkaAsyncClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS)
                .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2).build()).build();
    }

    @AfterAll
    static void stop() {
        kafka.close();
        async.close();
        server.close();
    }

    @Test
    void aClusterRoundTripsThroughBodyPathLabelsAndTimestamps() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CreateClusterV2Response created = kafka.createClusterV2(b -> b.clusterName("orders")
                .serverless(s -> s.vpcConfigs(v -> v.subnetIds("subnet-1")))
                .tags(Map.of("team", "data")));
        assertThat(created.clusterArn()).startsWith("arn:aws:kafka:us-east-1:000000000000:cluster/orders/");
        assertThat(created.state()).isEqualTo(ClusterState.CREATING);
        assertThat(created.sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId")).isPresent();

        // The ARN holds ':' and '/', so the SDK percent-encodes it into one path segment.
        Cluster described = async.describeClusterV2(b -> b.clusterArn(created.clusterArn())).get().clusterInfo();
        assertThat(described.clusterName()).isEqualTo("orders");
        assertThat(described.clusterType()).isEqualTo(ClusterType.SERVERLESS);
        assertThat(described.tags()).containsEntry("team", "data");
        assertThat(described.creationTime()).as("an ISO-8601 timestamp keeps its milliseconds")
                .isBetween(before, Instant.now());

        assertThat(kafka.getBootstrapBrokers(b -> b.clusterArn(created.clusterArn())).bootstrapBrokerString())
                .isEqualTo("127.0.0.1:9092");
        assertThat(kafka.tagResource(b -> b.resourceArn(created.clusterArn()).tags(Map.of("env", "test")))
                .sdkHttpResponse().statusCode()).as("MSK answers TagResource with 204").isEqualTo(204);
        assertThat(kafka.listTagsForResource(b -> b.resourceArn(created.clusterArn())).tags())
                .containsEntry("team", "data").containsEntry("env", "test");
    }

    @Test
    void queryParametersFilterAndPage() {
        for (String name : List.of("q-alpha", "q-beta", "q-gamma")) {
            kafka.createClusterV2(b -> b.clusterName(name).provisioned(p -> p.numberOfBrokerNodes(3)));
        }
        ListClustersV2Response page = kafka.listClustersV2(b -> b.clusterNameFilter("q-").maxResults(2)
                .clusterTypeFilter("PROVISIONED"));
        assertThat(page.clusterInfoList()).extracting(Cluster::clusterName).containsExactly("q-alpha", "q-beta");
        assertThat(page.nextToken()).isEqualTo("q-gamma");
        assertThat(kafka.listClustersV2(b -> b.clusterNameFilter("q-").clusterTypeFilter("SERVERLESS"))
                .clusterInfoList()).isEmpty();
    }

    @Test
    void serviceErrorsReachTheSdkAsTypedExceptionsWithTheirFields() throws Exception {
        assertThatThrownBy(() -> kafka.getBootstrapBrokers(b -> b.clusterArn("arn:aws:kafka:us-east-1:0:cluster/x/y")))
                .isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(((KafkaException) e).statusCode()).isEqualTo(404))
                .hasMessageContaining("The requested cluster arn:aws:kafka:us-east-1:0:cluster/x/y was not found.");
        assertThatThrownBy(() -> kafka.createClusterV2(b -> b.clusterName("")))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e).invalidParameter()).isEqualTo("clusterName"));
        assertThatThrownBy(() -> async.describeClusterV2(b -> b.clusterArn("arn:missing")).get())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(NotFoundException.class);
    }

    @Test
    void anOperationLakeletLacksIsRefusedAsNotImplemented() {
        assertThatThrownBy(() -> kafka.listNodes(b -> b.clusterArn("arn:aws:kafka:us-east-1:0:cluster/x/y")))
                .isInstanceOf(KafkaException.class)
                .satisfies(e -> assertThat(((KafkaException) e).statusCode()).isEqualTo(501))
                .satisfies(e -> assertThat(((KafkaException) e).awsErrorDetails().errorCode())
                        .isEqualTo("NotImplementedException"))
                .hasMessageContaining("ListNodes");
    }

    @Test
    void malformedJsonIsBadRequestException() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v2/clusters", "{\"clusterName\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("BadRequestException");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(ConformanceCases.parseJson(r.body()).path("message").asText()).isNotEmpty();

        HttpResponse<String> wrongType = send("POST", "/api/v2/clusters", "{\"clusterName\": 5}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.headers().firstValue("x-amzn-ErrorType")).hasValue("BadRequestException");
        assertThat(wrongType.body()).contains("clusterName");

        HttpResponse<String> badQuery = send("GET", "/api/v2/clusters?maxResults=many", null);
        assertThat(badQuery.statusCode()).isEqualTo(400);
        assertThat(badQuery.body()).contains("maxResults");
    }

    @Test
    void anUnknownRouteIs404UnknownOperation() throws Exception {
        HttpResponse<String> r = send("GET", "/v1/frobnicate", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).contains("GET /v1/frobnicate");
        HttpResponse<String> wrongMethod = send("DELETE", "/api/v2/clusters", null);
        assertThat(wrongMethod.statusCode()).isEqualTo(404);
    }

    @Test
    void aNoContentAnswerCarriesNoBodySoTheConnectionStaysUsable() throws Exception {
        String arn = kafka.createClusterV2(b -> b.clusterName("nc").provisioned(p -> p.numberOfBrokerNodes(1)))
                .clusterArn();
        String path = "/v1/tags/" + java.net.URLEncoder.encode(arn, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> tagged = send("POST", path, "{\"tags\": {\"k\": \"v\"}}");
        assertThat(tagged.statusCode()).isEqualTo(204);
        assertThat(tagged.body()).isEmpty();
        assertThat(send("GET", path, null).body()).contains("\"k\":\"v\"");
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(server.endpoint().resolve(path))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/kafka/aws4_request,"
                        + " SignedHeaders=host, Signature=abc")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(req, HttpResponse.BodyHandlers.ofString());
    }
}
