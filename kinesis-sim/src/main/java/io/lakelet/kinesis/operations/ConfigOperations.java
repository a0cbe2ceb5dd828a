package io.lakelet.kinesis.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.kinesis.model.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import software.amazon.awssdk.services.kinesis.model.DecreaseStreamRetentionPeriodRequest;
import software.amazon.awssdk.services.kinesis.model.DecreaseStreamRetentionPeriodResponse;
import software.amazon.awssdk.services.kinesis.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.kinesis.model.DeleteResourcePolicyResponse;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.DisableEnhancedMonitoringRequest;
import software.amazon.awssdk.services.kinesis.model.DisableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringRequest;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.GetResourcePolicyRequest;
import software.amazon.awssdk.services.kinesis.model.GetResourcePolicyResponse;
import software.amazon.awssdk.services.kinesis.model.IncreaseStreamRetentionPeriodRequest;
import software.amazon.awssdk.services.kinesis.model.IncreaseStreamRetentionPeriodResponse;
import software.amazon.awssdk.services.kinesis.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.kinesis.model.PutResourcePolicyResponse;
import software.amazon.awssdk.services.kinesis.model.StartStreamEncryptionRequest;
import software.amazon.awssdk.services.kinesis.model.StartStreamEncryptionResponse;
import software.amazon.awssdk.services.kinesis.model.StopStreamEncryptionRequest;
import software.amazon.awssdk.services.kinesis.model.StopStreamEncryptionResponse;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamModeRequest;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamModeResponse;

/** Stream settings: retention, encryption, enhanced monitoring, capacity mode, limits and resource policies. */
public final class ConfigOperations {
    static final int MIN_RETENTION = 24;
    static final int MAX_RETENTION = 8760;
    static final List<String> METRICS = List.of("IncomingBytes", "IncomingRecords", "OutgoingBytes",
            "OutgoingRecords", "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded",
            "IteratorAgeMilliseconds", "ALL");
    static final int ON_DEMAND_STREAM_LIMIT = 50;

    private final KinesisRuntime rt;

    public ConfigOperations(KinesisRuntime rt) {
        this.rt = rt;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("IncreaseStreamRetentionPeriod", IncreaseStreamRetentionPeriodRequest.class, (ctx, in) -> {
            retention(ctx, in.streamName(), in.streamARN(), in.retentionPeriodHours(), true);
            return IncreaseStreamRetentionPeriodResponse.builder().build();
        }).operation("DecreaseStreamRetentionPeriod", DecreaseStreamRetentionPeriodRequest.class, (ctx, in) -> {
            retention(ctx, in.streamName(), in.streamARN(), in.retentionPeriodHours(), false);
            return DecreaseStreamRetentionPeriodResponse.builder().build();
        }).operation("StartStreamEncryption", StartStreamEncryptionRequest.class, this::startEncryption)
                .operation("StopStreamEncryption", StopStreamEncryptionRequest.class, this::stopEncryption)
                .operation("EnableEnhancedMonitoring", EnableEnhancedMonitoringRequest.class, (ctx, in) -> {
                    Metrics m = monitoring(ctx, in.streamName(), in.streamARN(),
                            in.hasShardLevelMetrics() ? in.shardLevelMetricsAsStrings() : null, true);
                    return EnableEnhancedMonitoringResponse.builder().streamName(m.stream.name())
                            .streamARN(m.stream.arn()).currentShardLevelMetricsWithStrings(m.before)
                            .desiredShardLevelMetricsWithStrings(m.after).build();
                })
                .operation("DisableEnhancedMonitoring", DisableEnhancedMonitoringRequest.class, (ctx, in) -> {
                    Metrics m = monitoring(ctx, in.streamName(), in.streamARN(),
                            in.hasShardLevelMetrics() ? in.shardLevelMetricsAsStrings() : null, false);
                    return DisableEnhancedMonitoringResponse.builder().streamName(m.stream.name())
                            .streamARN(m.stream.arn()).currentShardLevelMetricsWithStrings(m.before)
                            .desiredShardLevelMetricsWithStrings(m.after).build();
                })
                .operation("DescribeLimits", DescribeLimitsRequest.class, this::limits)
                .operation("UpdateStreamMode", UpdateStreamModeRequest.class, this::updateMode)
                .operation("PutResourcePolicy", PutResourcePolicyRequest.class, (ctx, in) -> {
                    Validation.check().notNull("resourceARN", in.resourceARN()).notNull("policy", in.policy())
                            .length("policy", in.policy(), 1, 20480).orThrow();
                    policy(ctx, in.resourceARN(), in.policy());
                    return PutResourcePolicyResponse.builder().build();
                })
                .operation("GetResourcePolicy", GetResourcePolicyRequest.class, (ctx, in) -> {
                    Validation.check().notNull("resourceARN", in.resourceARN()).orThrow();
                    Stream s = rt.find(ctx, null, in.resourceARN());
                    synchronized (s) {
                        return GetResourcePolicyResponse.builder().policy(s.policy() == null ? "{}" : s.policy()).build();
                    }
                })
                .operation("DeleteResourcePolicy", DeleteResourcePolicyRequest.class, (ctx, in) -> {
                    Validation.check().notNull("resourceARN", in.resourceARN()).orThrow();
                    policy(ctx, in.resourceARN(), null);
                    return DeleteResourcePolicyResponse.builder().build();
                });
    }

    private void retention(RequestContext ctx, String name, String arn, Integer hours, boolean increase) {
        Validation.check().notNull("retentionPeriodHours", hours).orThrow();
        Stream s = rt.find(ctx, name, arn);
        synchronized (s) {
            if (hours < MIN_RETENTION) {
                throw KinesisErrors.invalidArgument("Minimum allowed retention period is " + MIN_RETENTION
                        + " hours. Requested retention period (" + hours + " hours) is too short.");
            }
            if (hours > MAX_RETENTION) {
                throw KinesisErrors.invalidArgument("Maximum allowed retention period is " + MAX_RETENTION
                        + " hours. Requested retention period (" + hours + " hours) is too long.");
            }
            rt.requireActive(s);
            if (increase && hours < s.retentionHours()) {
                throw KinesisErrors.invalidArgument("Requested retention period (" + hours + " hours) for stream "
                        + s.name() + " can not be shorter than existing retention period (" + s.retentionHours()
                        + " hours). Use DecreaseRetentionPeriod API.");
            }
            if (!increase && hours > s.retentionHours()) {
                throw KinesisErrors.invalidArgument("Requested retention period (" + hours + " hours) for stream "
                        + s.name() + " can not be longer than existing retention period (" + s.retentionHours()
                        + " hours). Use IncreaseRetentionPeriod API.");
            }
            s.retentionHours(hours);
            rt.catalog().save(s);
        }
    }

    StartStreamEncryptionResponse startEncryption(RequestContext ctx, StartStreamEncryptionRequest in) {
        String type = in.encryptionTypeAsString();
        Validation v = Validation.check().notNull("encryptionType", type).oneOf("encryptionType", type,
                List.of("NONE", "KMS")).notNull("keyId", in.keyId()).length("keyId", in.keyId(), 1, 2048);
        KinesisRuntime.validateStream(v, in.streamName(), in.streamARN()).orThrow();
        if (!"KMS".equals(type)) {
            throw KinesisErrors.invalidArgument("Encryption type " + type + " is not supported by StartStreamEncryption.");
        }
        changeSettled(ctx, in.streamName(), in.streamARN(), s -> s.encryption("KMS", in.keyId()));
        return StartStreamEncryptionResponse.builder().build();
    }

    StopStreamEncryptionResponse stopEncryption(RequestContext ctx, StopStreamEncryptionRequest in) {
        String type = in.encryptionTypeAsString();
        Validation v = Validation.check().notNull("encryptionType", type).oneOf("encryptionType", type,
                List.of("NONE", "KMS")).notNull("keyId", in.keyId()).length("keyId", in.keyId(), 1, 2048);
        KinesisRuntime.validateStream(v, in.streamName(), in.streamARN()).orThrow();
        changeSettled(ctx, in.streamName(), in.streamARN(), s -> s.encryption("NONE", null));
        return StopStreamEncryptionResponse.builder().build();
    }

    UpdateStreamModeResponse updateMode(RequestContext ctx, UpdateStreamModeRequest in) {
        String mode = in.streamModeDetails() == null ? null : in.streamModeDetails().streamModeAsString();
        Validation.check().notNull("streamARN", in.streamARN()).notNull("streamModeDetails", in.streamModeDetails())
                .notNull("streamModeDetails.streamMode", in.streamModeDetails() == null ? "" : mode)
                .oneOf("streamModeDetails.streamMode", mode, StreamOperations.MODES).orThrow();
        changeSettled(ctx, null, in.streamARN(), s -> s.mode(mode));
        return UpdateStreamModeResponse.builder().build();
    }

    /** Applies a change to an ACTIVE stream, which is UPDATING for the state delay, as AWS does. */
    private void changeSettled(RequestContext ctx, String name, String arn, Consumer<Stream> change) {
        Stream s = rt.find(ctx, name, arn);
        synchronized (s) {
            rt.requireActive(s);
            change.accept(s);
            s.transition(Stream.UPDATING, Stream.ACTIVE, rt.clock(), rt.stateDelay());
            rt.catalog().save(s);
        }
    }

    private record Metrics(Stream stream, List<String> before, List<String> after) {
    }

    private Metrics monitoring(RequestContext ctx, String name, String arn, List<String> metrics, boolean enable) {
        Validation v = Validation.check().notNull("shardLevelMetrics", metrics).size("shardLevelMetrics", metrics, 1, 7);
        if (metrics != null) {
            for (int i = 0; i < metrics.size(); i++) {
                v.oneOf("shardLevelMetrics." + (i + 1) + ".member", metrics.get(i), METRICS);
            }
        }
        KinesisRuntime.validateStream(v, name, arn).orThrow();
        Stream s = rt.find(ctx, name, arn);
        synchronized (s) {
            rt.requireActive(s);
            List<String> before = List.copyOf(s.shardLevelMetrics());
            TreeSet<String> named = new TreeSet<>(metrics.contains("ALL") ? METRICS.subList(0, 7) : metrics);
            if (enable) {
                s.shardLevelMetrics().addAll(named);
            } else {
                s.shardLevelMetrics().removeAll(named);
            }
            rt.catalog().save(s);
            return new Metrics(s, before, new ArrayList<>(s.shardLevelMetrics()));
        }
    }

    DescribeLimitsResponse limits(RequestContext ctx, DescribeLimitsRequest in) {
        List<Stream> streams = rt.catalog().list(ctx.accountId(), ctx.region());
        int onDemand = 0;
        for (Stream s : streams) {
            synchronized (s) {
                onDemand += "ON_DEMAND".equals(s.mode()) ? 1 : 0;
            }
        }
        return DescribeLimitsResponse.builder()
                .shardLimit(rt.shardLimit())
                .openShardCount(rt.openShards(ctx.accountId(), ctx.region()))
                .onDemandStreamCount(onDemand)
                .onDemandStreamCountLimit(ON_DEMAND_STREAM_LIMIT)
                .build();
    }

    private void policy(RequestContext ctx, String resourceArn, String policy) {
        Stream s = rt.find(ctx, null, resourceArn);
        synchronized (s) {
            s.policy(policy);
            rt.catalog().save(s);
        }
    }
}
