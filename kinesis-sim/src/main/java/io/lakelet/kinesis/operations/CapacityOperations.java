package io.lakelet.kinesis.operations;

import io.lakelet.core.error.Validation;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.kinesis.model.AccountSettings;
import io.lakelet.kinesis.model.Stream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.DescribeAccountSettingsRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeAccountSettingsResponse;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutput;
import software.amazon.awssdk.services.kinesis.model.UpdateAccountSettingsRequest;
import software.amazon.awssdk.services.kinesis.model.UpdateAccountSettingsResponse;
import software.amazon.awssdk.services.kinesis.model.UpdateMaxRecordSizeRequest;
import software.amazon.awssdk.services.kinesis.model.UpdateMaxRecordSizeResponse;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamWarmThroughputRequest;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamWarmThroughputResponse;
import software.amazon.awssdk.services.kinesis.model.WarmThroughputObject;

/**
 * Capacity settings: the maximum record size of a stream (1 to 10 MiB), warm throughput of on-demand
 * streams, and the account's minimum throughput billing commitment (which, once on, runs at least a day).
 */
public final class CapacityOperations {
    static final Duration MINIMUM_COMMITMENT = Duration.ofHours(24);

    private final KinesisRuntime rt;
    private final AccountSettings accounts;

    public CapacityOperations(KinesisRuntime rt, AccountSettings accounts) {
        this.rt = rt;
        this.accounts = accounts;
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("UpdateMaxRecordSize", UpdateMaxRecordSizeRequest.class, this::maxRecordSize)
                .operation("UpdateStreamWarmThroughput", UpdateStreamWarmThroughputRequest.class, this::warmThroughput)
                .operation("DescribeAccountSettings", DescribeAccountSettingsRequest.class, (ctx, in) ->
                        DescribeAccountSettingsResponse.builder()
                                .minimumThroughputBillingCommitment(output(accounts.commitment(ctx.accountId(),
                                        ctx.region()))).build())
                .operation("UpdateAccountSettings", UpdateAccountSettingsRequest.class, this::updateAccount);
    }

    UpdateMaxRecordSizeResponse maxRecordSize(RequestContext ctx, UpdateMaxRecordSizeRequest in) {
        Validation.check().notNull("streamARN", in.streamARN())
                .notNull("maxRecordSizeInKiB", in.maxRecordSizeInKiB())
                .range("maxRecordSizeInKiB", in.maxRecordSizeInKiB(), 1024, 10240)
                .orThrow();
        Stream s = rt.find(ctx, null, in.streamARN());
        synchronized (s) {
            rt.requireActive(s);
            s.maxRecordSizeKiB(in.maxRecordSizeInKiB());
            rt.catalog().save(s);
        }
        return UpdateMaxRecordSizeResponse.builder().build();
    }

    UpdateStreamWarmThroughputResponse warmThroughput(RequestContext ctx, UpdateStreamWarmThroughputRequest in) {
        Validation v = Validation.check().notNull("warmThroughputMiBps", in.warmThroughputMiBps())
                .range("warmThroughputMiBps", in.warmThroughputMiBps(), 0, Integer.MAX_VALUE);
        KinesisRuntime.validateStream(v, in.streamName(), in.streamARN()).orThrow();
        Stream s = rt.find(ctx, in.streamName(), in.streamARN());
        synchronized (s) {
            rt.requireActive(s);
            if (!"ON_DEMAND".equals(s.mode())) {
                throw KinesisErrors.invalidArgument("Warm throughput can only be set on streams in ON_DEMAND mode.");
            }
            s.warmThroughputMiBps(in.warmThroughputMiBps());
            rt.catalog().save(s);
            return UpdateStreamWarmThroughputResponse.builder()
                    .streamName(s.name())
                    .streamARN(s.arn())
                    .warmThroughput(WarmThroughputObject.builder().targetMiBps(in.warmThroughputMiBps())
                            .currentMiBps(in.warmThroughputMiBps()).build())
                    .build();
        }
    }

    UpdateAccountSettingsResponse updateAccount(RequestContext ctx, UpdateAccountSettingsRequest in) {
        String status = in.minimumThroughputBillingCommitment() == null ? null
                : in.minimumThroughputBillingCommitment().statusAsString();
        Validation.check().notNull("minimumThroughputBillingCommitment", in.minimumThroughputBillingCommitment())
                .notNull("minimumThroughputBillingCommitment.status",
                        in.minimumThroughputBillingCommitment() == null ? "" : status)
                .oneOf("minimumThroughputBillingCommitment.status", status, List.of("ENABLED", "DISABLED"))
                .orThrow();
        long now = rt.clock().millis();
        synchronized (accounts) {
            AccountSettings.Commitment c = accounts.commitment(ctx.accountId(), ctx.region());
            AccountSettings.Commitment next;
            if ("ENABLED".equals(status)) {
                next = c.enabled() && c.endedMillis() < 0 ? c
                        : new AccountSettings.Commitment(true, now, -1, now + MINIMUM_COMMITMENT.toMillis());
            } else {
                next = !c.enabled() ? c
                        : new AccountSettings.Commitment(true, c.startedMillis(), Math.max(now, c.earliestEndMillis()),
                        c.earliestEndMillis());
            }
            accounts.store(ctx.accountId(), ctx.region(), next);
            return UpdateAccountSettingsResponse.builder().minimumThroughputBillingCommitment(output(next)).build();
        }
    }

    /** The commitment as AWS reports it; an ended one stays ENABLED until its earliest allowed end. */
    private MinimumThroughputBillingCommitmentOutput output(AccountSettings.Commitment c) {
        long now = rt.clock().millis();
        String status;
        if (!c.enabled() || (c.endedMillis() >= 0 && c.endedMillis() <= now)) {
            status = "DISABLED";
        } else if (c.endedMillis() >= 0) {
            status = "ENABLED_UNTIL_EARLIEST_ALLOWED_END";
        } else {
            status = "ENABLED";
        }
        return MinimumThroughputBillingCommitmentOutput.builder()
                .status(status)
                .startedAt(c.startedMillis() < 0 ? null : Instant.ofEpochMilli(c.startedMillis()))
                .endedAt(c.endedMillis() < 0 ? null : Instant.ofEpochMilli(c.endedMillis()))
                .earliestAllowedEndAt(c.earliestEndMillis() < 0 ? null : Instant.ofEpochMilli(c.earliestEndMillis()))
                .build();
    }
}
