package io.lakelet.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kafka.model.Cluster;
import software.amazon.awssdk.services.kafka.model.CreateClusterV2Request;
import software.amazon.awssdk.services.kafka.model.CreateClusterV2Response;
import software.amazon.awssdk.services.kafka.model.GetBootstrapBrokersRequest;
import software.amazon.awssdk.services.kafka.model.GetBootstrapBrokersResponse;
import software.amazon.awssdk.services.kafka.model.ListClustersV2Request;
import software.amazon.awssdk.services.kafka.model.ListClustersV2Response;
import software.amazon.awssdk.services.kafka.model.TagResourceRequest;
import software.amazon.awssdk.services.kafka.model.TagResourceResponse;

/** The route table read from the SDK's marshallers, URI template matching, and header lists. */
class RestJsonServiceTest {

    @Test
    void routesComeFromTheSdkMarshallersOfThePinnedVersion() {
        RestJsonService service = RestJsonService.builder(new ServiceDescriptor("kafka", "Kafka", Set.of("kafka"),
                        Set.of(), Protocol.REST_JSON_1, "message"))
                .operation("GetBootstrapBrokers", GetBootstrapBrokersRequest.class,
                        (ctx, in) -> GetBootstrapBrokersResponse.builder().build())
                .operation("CreateClusterV2", CreateClusterV2Request.class,
                        (ctx, in) -> CreateClusterV2Response.builder().build())
                .operation("ListClustersV2", ListClustersV2Request.class,
                        (ctx, in) -> ListClustersV2Response.builder().build())
                .operation("TagResource", TagResourceRequest.class, (ctx, in) -> TagResourceResponse.builder().build())
                .build();
        Map<String, String> table = new java.util.TreeMap<>();
        service.routes().forEach((name, route) -> table.put(name, route.toString()));
        assertThat(table).containsExactlyInAnyOrderEntriesOf(Map.of(
                "GetBootstrapBrokers", "GET /v1/clusters/{clusterArn}/bootstrap-brokers",
                "CreateClusterV2", "POST /api/v2/clusters",
                "ListClustersV2", "GET /api/v2/clusters",
                "TagResource", "POST /v1/tags/{resourceArn}"));
    }

    @Test
    void aRequestClassWithoutRestRouteIsRefusedAtRegistration() {
        RestJsonService.Builder b = RestJsonService.builder(new ServiceDescriptor("kafka", "Kafka",
                Set.of("kafka"), Set.of(), Protocol.REST_JSON_1, "message"));
        assertThatThrownBy(() -> b.operation("Cluster", Cluster.class, (ctx, in) -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no REST route");
    }

    @Test
    void labelsArePercentDecodedAndGreedyLabelsSpanSegments() {
        RestRoute plain = RestRoute.of("GET", "/v1/clusters/{clusterArn}/bootstrap-brokers");
        assertThat(plain.match(get("/v1/clusters/arn%3Aaws%3Akafka%3A%3A1%3Acluster%2Fa%2Fb/bootstrap-brokers")))
                .containsExactly(Map.entry("clusterArn", "arn:aws:kafka::1:cluster/a/b"));
        assertThat(plain.match(get("/v1/clusters/a/b/bootstrap-brokers"))).as("a plain label is one segment").isNull();
        assertThat(plain.match(get("/v1/clusters//bootstrap-brokers"))).as("a label is never empty").isNull();

        RestRoute greedy = RestRoute.of("GET", "/objects/{bucket}/{key+}/meta");
        assertThat(greedy.match(get("/objects/b/dir/sub/file%20name.txt/meta")))
                .containsExactly(Map.entry("bucket", "b"), Map.entry("key", "dir/sub/file name.txt"));
        assertThat(greedy.match(get("/objects/b/meta"))).isNull();
    }

    @Test
    void literalQueryPartsOfATemplateMustBePresentAndMakeARouteMoreSpecific() {
        RestRoute withQuery = RestRoute.of("POST", "/jobs?type=batch");
        assertThat(withQuery.match(post("/jobs?type=batch&x=1"))).isEmpty();
        assertThat(withQuery.match(post("/jobs?type=stream"))).isNull();
        assertThat(withQuery.match(post("/jobs"))).isNull();

        List<RestRoute> routes = new ArrayList<>(List.of(RestRoute.of("GET", "/{a}/{b+}"),
                RestRoute.of("GET", "/jobs/{id}"), RestRoute.of("GET", "/jobs/latest"),
                RestRoute.of("GET", "/jobs/latest?flag")));
        routes.sort(RestRoute.SPECIFIC_FIRST);
        assertThat(routes).extracting(RestRoute::template)
                .containsExactly("/jobs/latest?flag", "/jobs/latest", "/jobs/{id}", "/{a}/{b+}");
        assertThat(routes.get(3).match(get("/jobs/latest"))).as("the greedy route matches too, but comes last")
                .containsExactly(Map.entry("a", "jobs"), Map.entry("b", "latest"));
    }

    @Test
    void noContentAndNotModifiedAnswersCarryNoBody() {
        io.lakelet.core.protocol.shape.Shape shape =
                io.lakelet.core.protocol.shape.SdkShapes.of(TagResourceResponse.class);
        TagResourceResponse empty = TagResourceResponse.builder().build();
        assertThat(RestJsonBinding.writeOutput(empty, shape, 200).build().bodyLength()).isEqualTo(2);
        assertThat(RestJsonBinding.writeOutput(empty, shape, 204).build().bodyLength()).isZero();
        assertThat(RestJsonBinding.writeOutput(empty, shape, 304).build().header("Content-Type")).isNull();
    }

    @Test
    void headerListsSplitOnCommasOutsideQuotesAndEveryOtherCommaOfHttpDates() {
        assertThat(HeaderLists.split("a, \"b,c\", \"say \\\"hi\\\"\",d", false))
                .containsExactly("a", "b,c", "say \"hi\"", "d");
        assertThat(HeaderLists.split("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT", true))
                .containsExactly("Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT");
        assertThat(HeaderLists.quoteIfNeeded("b,c")).isEqualTo("\"b,c\"");
        assertThat(HeaderLists.quoteIfNeeded("plain")).isEqualTo("plain");
    }

    private static io.lakelet.core.http.Request get(String uri) {
        return new InMemoryExchange("GET", uri, Map.of(), new byte[0]).request();
    }

    private static io.lakelet.core.http.Request post(String uri) {
        return new InMemoryExchange("POST", uri, Map.of(), new byte[0]).request();
    }
}
