package io.lakelet.athena.api;

import io.lakelet.athena.AthenaErrors;
import io.lakelet.athena.AthenaStore;
import io.lakelet.athena.Scope;
import io.lakelet.core.error.Validation;
import io.lakelet.core.protocol.JsonRpcService;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.athena.model.CreateWorkGroupRequest;
import software.amazon.awssdk.services.athena.model.CreateWorkGroupResponse;
import software.amazon.awssdk.services.athena.model.DeleteWorkGroupRequest;
import software.amazon.awssdk.services.athena.model.DeleteWorkGroupResponse;
import software.amazon.awssdk.services.athena.model.EngineVersion;
import software.amazon.awssdk.services.athena.model.GetWorkGroupRequest;
import software.amazon.awssdk.services.athena.model.GetWorkGroupResponse;
import software.amazon.awssdk.services.athena.model.ListWorkGroupsRequest;
import software.amazon.awssdk.services.athena.model.ListWorkGroupsResponse;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.ResultConfigurationUpdates;
import software.amazon.awssdk.services.athena.model.UpdateWorkGroupRequest;
import software.amazon.awssdk.services.athena.model.UpdateWorkGroupResponse;
import software.amazon.awssdk.services.athena.model.WorkGroup;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;
import software.amazon.awssdk.services.athena.model.WorkGroupConfigurationUpdates;
import software.amazon.awssdk.services.athena.model.WorkGroupState;
import software.amazon.awssdk.services.athena.model.WorkGroupSummary;

/**
 * Work groups: the {@code primary} group every account has, and groups users create. A group's result
 * location, its enforcement flag and its per-query scan cutoff are applied to every query run in it; a
 * disabled group refuses new queries.
 */
public final class WorkGroups {
    public static final String PRIMARY = "primary";
    public static final String ENGINE_V3 = "Athena engine version 3";
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]{1,128}");
    private static final long MIN_CUTOFF = 10_000_000L;

    private final AthenaStore store;
    private final Tags tags;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();

    public WorkGroups(AthenaStore store, Tags tags, Clock clock) {
        this.store = store;
        this.tags = tags;
        this.clock = clock;
    }

    /** The group, or empty; {@code primary} always exists. */
    public Optional<WorkGroup> find(Scope scope, String name) {
        Optional<WorkGroup> stored = AthenaStore.get(store.workGroups(), AthenaStore.key(scope, name), WorkGroup.class);
        if (stored.isEmpty() && PRIMARY.equals(name)) {
            return Optional.of(primary());
        }
        return stored;
    }

    /** The group, or Athena's error for an unknown one. */
    public WorkGroup require(Scope scope, String name) {
        return find(scope, name).orElseThrow(() -> AthenaErrors.workGroupNotFound(name));
    }

    private static WorkGroup primary() {
        return WorkGroup.builder().name(PRIMARY).state(WorkGroupState.ENABLED)
                .configuration(WorkGroupConfiguration.builder().enforceWorkGroupConfiguration(false)
                        .publishCloudWatchMetricsEnabled(false).requesterPaysEnabled(false)
                        .engineVersion(engine(null)).build())
                .creationTime(java.time.Instant.EPOCH).build();
    }

    private static WorkGroupConfiguration.Builder defaults(WorkGroupConfiguration given) {
        WorkGroupConfiguration.Builder b = given == null ? WorkGroupConfiguration.builder() : given.toBuilder();
        WorkGroupConfiguration c = b.build();
        if (c.enforceWorkGroupConfiguration() == null) {
            b.enforceWorkGroupConfiguration(true);
        }
        if (c.publishCloudWatchMetricsEnabled() == null) {
            b.publishCloudWatchMetricsEnabled(true);
        }
        if (c.requesterPaysEnabled() == null) {
            b.requesterPaysEnabled(false);
        }
        b.engineVersion(engine(c.engineVersion()));
        return b;
    }

    private static EngineVersion engine(EngineVersion requested) {
        String selected = requested == null || requested.selectedEngineVersion() == null
                ? "AUTO" : requested.selectedEngineVersion();
        if (!selected.equals("AUTO") && !selected.equals(ENGINE_V3)) {
            throw AthenaErrors.invalidRequest("Invalid engine version: " + selected
                    + ". Lakelet runs SQL with Athena engine version 3 (AUTO or '" + ENGINE_V3 + "').");
        }
        return EngineVersion.builder().selectedEngineVersion(selected).effectiveEngineVersion(ENGINE_V3).build();
    }

    private static void checkConfiguration(Validation v, Long cutoff, String outputLocation) {
        if (cutoff != null) {
            v.range("configuration.bytesScannedCutoffPerQuery", cutoff, MIN_CUTOFF, Long.MAX_VALUE);
        }
        if (outputLocation != null && !outputLocation.startsWith("s3://")) {
            v.constraint("configuration.resultConfiguration.outputLocation", outputLocation, false,
                    "Member must be an S3 URI");
        }
    }

    public void register(JsonRpcService.Builder b) {
        b.operation("CreateWorkGroup", CreateWorkGroupRequest.class, (ctx, in) -> {
            Validation v = AthenaErrors.check().notNull("name", in.name()).pattern("name", in.name(), NAME)
                    .length("description", in.description(), 0, 1024);
            WorkGroupConfiguration c = in.configuration();
            checkConfiguration(v, c == null ? null : c.bytesScannedCutoffPerQuery(),
                    c == null || c.resultConfiguration() == null ? null : c.resultConfiguration().outputLocation());
            v.orThrow();
            Scope scope = Scope.of(ctx);
            WorkGroup group = WorkGroup.builder().name(in.name()).state(WorkGroupState.ENABLED)
                    .description(in.description()).configuration(defaults(c).build())
                    .creationTime(clock.instant()).build();
            locked(() -> {
                if (find(scope, in.name()).isPresent()) {
                    throw AthenaErrors.invalidRequest("WorkGroup is already created");
                }
                AthenaStore.put(store.workGroups(), AthenaStore.key(scope, in.name()), group);
                tags.set(scope.arn("workgroup/" + in.name()), in.hasTags() ? in.tags() : List.of());
            });
            return CreateWorkGroupResponse.builder().build();
        });
        b.operation("GetWorkGroup", GetWorkGroupRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("workGroup", in.workGroup()).pattern("workGroup", in.workGroup(), NAME).orThrow();
            return GetWorkGroupResponse.builder().workGroup(require(Scope.of(ctx), in.workGroup())).build();
        });
        b.operation("ListWorkGroups", ListWorkGroupsRequest.class, (ctx, in) -> {
            int max = in.maxResults() == null ? 50 : in.maxResults();
            AthenaErrors.check().range("maxResults", in.maxResults(), 1, 50).orThrow();
            Scope scope = Scope.of(ctx);
            List<WorkGroup> all = Stream.concat(
                    find(scope, PRIMARY).stream(),
                    AthenaStore.list(store.workGroups(), AthenaStore.key(scope), WorkGroup.class).stream()
                            .filter(g -> !g.name().equals(PRIMARY)))
                    .sorted(Comparator.comparing(WorkGroup::name)).toList();
            Paging.Page<WorkGroup> page = Paging.page(all, WorkGroup::name, in.nextToken(), max);
            return ListWorkGroupsResponse.builder().nextToken(page.nextToken())
                    .workGroups(page.items().stream().map(g -> WorkGroupSummary.builder().name(g.name())
                            .state(g.state()).description(g.description()).creationTime(g.creationTime())
                            .engineVersion(g.configuration().engineVersion()).build()).toList())
                    .build();
        });
        b.operation("UpdateWorkGroup", UpdateWorkGroupRequest.class, (ctx, in) -> {
            Validation v = AthenaErrors.check().notNull("workGroup", in.workGroup())
                    .pattern("workGroup", in.workGroup(), NAME).length("description", in.description(), 0, 1024);
            WorkGroupConfigurationUpdates u = in.configurationUpdates();
            checkConfiguration(v, u == null ? null : u.bytesScannedCutoffPerQuery(),
                    u == null || u.resultConfigurationUpdates() == null ? null : u.resultConfigurationUpdates().outputLocation());
            v.orThrow();
            Scope scope = Scope.of(ctx);
            locked(() -> {
                WorkGroup current = require(scope, in.workGroup());
                WorkGroup.Builder next = current.toBuilder();
                if (in.description() != null) {
                    next.description(in.description());
                }
                if (in.state() != null) {
                    next.state(in.state());
                }
                if (u != null) {
                    next.configuration(apply(current.configuration(), u));
                }
                AthenaStore.put(store.workGroups(), AthenaStore.key(scope, in.workGroup()), next.build());
            });
            return UpdateWorkGroupResponse.builder().build();
        });
        b.operation("DeleteWorkGroup", DeleteWorkGroupRequest.class, (ctx, in) -> {
            AthenaErrors.check().notNull("workGroup", in.workGroup()).pattern("workGroup", in.workGroup(), NAME).orThrow();
            Scope scope = Scope.of(ctx);
            if (PRIMARY.equals(in.workGroup())) {
                throw AthenaErrors.invalidRequest("Cannot delete primary workgroup");
            }
            locked(() -> {
                require(scope, in.workGroup());
                store.deleteWorkGroup(scope, in.workGroup(), Boolean.TRUE.equals(in.recursiveDeleteOption()));
                tags.set(scope.arn("workgroup/" + in.workGroup()), List.of());
            });
            return DeleteWorkGroupResponse.builder().build();
        });
    }

    private static WorkGroupConfiguration apply(WorkGroupConfiguration c, WorkGroupConfigurationUpdates u) {
        WorkGroupConfiguration.Builder b = c.toBuilder();
        if (u.enforceWorkGroupConfiguration() != null) {
            b.enforceWorkGroupConfiguration(u.enforceWorkGroupConfiguration());
        }
        if (u.publishCloudWatchMetricsEnabled() != null) {
            b.publishCloudWatchMetricsEnabled(u.publishCloudWatchMetricsEnabled());
        }
        if (u.requesterPaysEnabled() != null) {
            b.requesterPaysEnabled(u.requesterPaysEnabled());
        }
        if (Boolean.TRUE.equals(u.removeBytesScannedCutoffPerQuery())) {
            b.bytesScannedCutoffPerQuery((Long) null);
        } else if (u.bytesScannedCutoffPerQuery() != null) {
            b.bytesScannedCutoffPerQuery(u.bytesScannedCutoffPerQuery());
        }
        if (u.engineVersion() != null) {
            b.engineVersion(engine(u.engineVersion()));
        }
        if (u.executionRole() != null) {
            b.executionRole(u.executionRole());
        }
        if (u.additionalConfiguration() != null) {
            b.additionalConfiguration(u.additionalConfiguration());
        }
        ResultConfigurationUpdates r = u.resultConfigurationUpdates();
        if (r != null) {
            ResultConfiguration.Builder rc = c.resultConfiguration() == null
                    ? ResultConfiguration.builder() : c.resultConfiguration().toBuilder();
            if (Boolean.TRUE.equals(r.removeOutputLocation())) {
                rc.outputLocation(null);
            } else if (r.outputLocation() != null) {
                rc.outputLocation(r.outputLocation());
            }
            if (Boolean.TRUE.equals(r.removeEncryptionConfiguration())) {
                rc.encryptionConfiguration((software.amazon.awssdk.services.athena.model.EncryptionConfiguration) null);
            } else if (r.encryptionConfiguration() != null) {
                rc.encryptionConfiguration(r.encryptionConfiguration());
            }
            if (Boolean.TRUE.equals(r.removeExpectedBucketOwner())) {
                rc.expectedBucketOwner(null);
            } else if (r.expectedBucketOwner() != null) {
                rc.expectedBucketOwner(r.expectedBucketOwner());
            }
            if (Boolean.TRUE.equals(r.removeAclConfiguration())) {
                rc.aclConfiguration((software.amazon.awssdk.services.athena.model.AclConfiguration) null);
            } else if (r.aclConfiguration() != null) {
                rc.aclConfiguration(r.aclConfiguration());
            }
            b.resultConfiguration(rc.build());
        }
        return b.build();
    }

    private void locked(Runnable work) {
        writeLock.lock();
        try {
            work.run();
        } finally {
            writeLock.unlock();
        }
    }
}
