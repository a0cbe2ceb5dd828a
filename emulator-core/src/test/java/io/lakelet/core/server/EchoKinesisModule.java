package io.lakelet.core.server;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.Validation;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceContext;
import io.lakelet.core.spi.ServiceDescriptor;
import io.lakelet.core.spi.ServiceModule;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A test double that speaks the Kinesis wire protocol with a few made-up behaviours, so the server, the
 * router and the awsJson/CBOR codec are tested with real SDK clients before any real service exists.
 * PutRecord echoes the data back as the sequence number; DescribeStreamSummary answers after a hop
 * through another thread (the async path); anything else Kinesis has is "not implemented".
 */
final class EchoKinesisModule implements ServiceModule {
    static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("kinesis", "Kinesis", Set.of("kinesis"),
            Set.of("Kinesis_20131202"), Protocol.AWS_JSON_1_1, "message");

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public HttpService start(ServiceContext context) {
        return JsonRpcService.builder(DESCRIPTOR)
                .knownOperationsOf(KinesisClient.class)
                .operation("PutRecord", PutRecordRequest.class, (ctx, in) -> {
                    Validation.check()
                            .notNull("streamName", in.streamName())
                            .notNull("partitionKey", in.partitionKey())
                            .length("partitionKey", in.partitionKey(), 1, 256)
                            .orThrow();
                    if (in.streamName().equals("missing")) {
                        throw AwsException.client("ResourceNotFoundException",
                                "Stream missing under account " + ctx.accountId() + " not found.");
                    }
                    return PutRecordResponse.builder()
                            .shardId("shardId-000000000000")
                            .sequenceNumber(new String(in.data().asByteArray(), StandardCharsets.UTF_8))
                            .build();
                })
                .asyncOperation("DescribeStreamSummary", DescribeStreamSummaryRequest.class, (ctx, in) ->
                        CompletableFuture.supplyAsync(() -> DescribeStreamSummaryResponse.builder()
                                .streamDescriptionSummary(StreamDescriptionSummary.builder()
                                        .streamName(in.streamName())
                                        .streamARN(ctx.arn("kinesis", "stream/" + in.streamName()))
                                        .streamStatus(StreamStatus.ACTIVE)
                                        .openShardCount(1)
                                        .streamCreationTimestamp(ctx.received())
                                        .build())
                                .build(), context.scheduler()))
                .decorateResponses((ctx, b) -> b.header("x-amz-id-2", "echo"))
                .build();
    }
}
