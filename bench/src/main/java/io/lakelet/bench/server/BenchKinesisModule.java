package io.lakelet.bench.server;

import io.lakelet.core.error.Validation;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceContext;
import io.lakelet.core.spi.ServiceDescriptor;
import io.lakelet.core.spi.ServiceModule;
import java.util.Set;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/**
 * A module that speaks the Kinesis wire protocol (awsJson1_1 and CBOR) with a PutRecord that validates
 * its input as the real one does and stores nothing, so a benchmark through it measures the server core:
 * HTTP, routing, the hand-off to a worker, decoding the typed request and encoding the typed response.
 * It is handed to the server directly, never found by {@code ServiceLoader}.
 */
public final class BenchKinesisModule implements ServiceModule {
    static final String TARGET_PREFIX = "Kinesis_20131202";
    static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("kinesis", "Kinesis", Set.of("kinesis"),
            Set.of(TARGET_PREFIX), Protocol.AWS_JSON_1_1, "message");
    static final String SHARD_ID = "shardId-000000000000";
    static final String SEQUENCE_NUMBER = "49655790219546436329637891234567890123456789012345678";

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
                            .length("streamName", in.streamName(), 1, 128)
                            .notNull("partitionKey", in.partitionKey())
                            .length("partitionKey", in.partitionKey(), 1, 256)
                            .notNull("data", in.data())
                            .orThrow();
                    return PutRecordResponse.builder()
                            .shardId(SHARD_ID)
                            .sequenceNumber(SEQUENCE_NUMBER)
                            .build();
                })
                .build();
    }
}
