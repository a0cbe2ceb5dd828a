package io.lakelet.core.protocol;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceContext;
import io.lakelet.core.spi.ServiceDescriptor;
import io.lakelet.core.spi.ServiceModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.kafka.KafkaClient;
import software.amazon.awssdk.services.kafka.model.Cluster;
import software.amazon.awssdk.services.kafka.model.ClusterState;
import software.amazon.awssdk.services.kafka.model.ClusterType;
import software.amazon.awssdk.services.kafka.model.CreateClusterV2Request;
import software.amazon.awssdk.services.kafka.model.CreateClusterV2Response;
import software.amazon.awssdk.services.kafka.model.DescribeClusterV2Request;
import software.amazon.awssdk.services.kafka.model.DescribeClusterV2Response;
import software.amazon.awssdk.services.kafka.model.GetBootstrapBrokersRequest;
import software.amazon.awssdk.services.kafka.model.GetBootstrapBrokersResponse;
import software.amazon.awssdk.services.kafka.model.ListClustersV2Request;
import software.amazon.awssdk.services.kafka.model.ListClustersV2Response;
import software.amazon.awssdk.services.kafka.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.kafka.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.kafka.model.TagResourceRequest;
import software.amazon.awssdk.services.kafka.model.TagResourceResponse;

/**
 * A test double that speaks the MSK (Kafka) restJson1 protocol with a small in-memory cluster table, so
 * {@link RestJsonService} is tested with real SDK clients before the MSK module exists: path labels
 * holding ARNs, query parameters, JSON bodies with ISO-8601 timestamps and maps, typed errors with extra
 * fields. DescribeClusterV2 answers from another thread (the async path); the rest of MSK is "not
 * implemented".
 */
final class EchoKafkaModule implements ServiceModule {
    static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("kafka", "Kafka", Set.of("kafka"), Set.of(),
            Protocol.REST_JSON_1, "message");

    private final Map<String, Cluster> clusters = new ConcurrentHashMap<>();

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public HttpService start(ServiceContext context) {
        return RestJsonService.builder(DESCRIPTOR)
                .knownOperationsOf(KafkaClient.class)
                .malformedRequestCode("BadRequestException")
                .successStatus("TagResource", 204)
                .operation("CreateClusterV2", CreateClusterV2Request.class, (ctx, in) -> {
                    if (in.clusterName() == null || in.clusterName().isEmpty()) {
                        throw AwsException.client("BadRequestException", "clusterName is required.")
                                .withField("invalidParameter", "clusterName");
                    }
                    ClusterType type = in.serverless() != null ? ClusterType.SERVERLESS : ClusterType.PROVISIONED;
                    String arn = ctx.arn("kafka", "cluster/" + in.clusterName() + "/" + UUID.randomUUID());
                    clusters.put(arn, Cluster.builder().clusterArn(arn).clusterName(in.clusterName())
                            .clusterType(type).state(ClusterState.ACTIVE).creationTime(ctx.received())
                            .currentVersion("K1").tags(in.tags()).build());
                    return CreateClusterV2Response.builder().clusterArn(arn).clusterName(in.clusterName())
                            .clusterType(type).state(ClusterState.CREATING).build();
                })
                .asyncOperation("DescribeClusterV2", DescribeClusterV2Request.class, (ctx, in) ->
                        CompletableFuture.supplyAsync(() -> DescribeClusterV2Response.builder()
                                .clusterInfo(cluster(in.clusterArn())).build(), context.scheduler()))
                .operation("ListClustersV2", ListClustersV2Request.class, (ctx, in) -> {
                    List<Cluster> matching = new ArrayList<>();
                    for (Cluster c : clusters.values()) {
                        if ((in.clusterNameFilter() == null || c.clusterName().startsWith(in.clusterNameFilter()))
                                && (in.clusterTypeFilter() == null
                                || c.clusterTypeAsString().equals(in.clusterTypeFilter()))) {
                            matching.add(c);
                        }
                    }
                    matching.sort((a, b) -> a.clusterName().compareTo(b.clusterName()));
                    int max = in.maxResults() == null ? 100 : in.maxResults();
                    return ListClustersV2Response.builder()
                            .clusterInfoList(matching.subList(0, Math.min(max, matching.size())))
                            .nextToken(matching.size() > max ? matching.get(max).clusterName() : null)
                            .build();
                })
                .operation("GetBootstrapBrokers", GetBootstrapBrokersRequest.class, (ctx, in) -> {
                    cluster(in.clusterArn());
                    return GetBootstrapBrokersResponse.builder().bootstrapBrokerString("127.0.0.1:9092").build();
                })
                .operation("TagResource", TagResourceRequest.class, (ctx, in) -> {
                    Cluster c = cluster(in.resourceArn());
                    Map<String, String> tags = new LinkedHashMap<>(c.tags());
                    tags.putAll(in.tags());
                    clusters.put(c.clusterArn(), c.toBuilder().tags(tags).build());
                    return TagResourceResponse.builder().build();
                })
                .operation("ListTagsForResource", ListTagsForResourceRequest.class, (ctx, in) ->
                        ListTagsForResourceResponse.builder().tags(cluster(in.resourceArn()).tags()).build())
                .build();
    }

    private Cluster cluster(String arn) {
        Cluster c = clusters.get(arn);
        if (c == null) {
            throw new AwsException("NotFoundException", 404, "The requested cluster " + arn + " was not found.");
        }
        return c;
    }
}
