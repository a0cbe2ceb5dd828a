package io.lakelet.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.AcquireLockOptions;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBLockClient;
import com.amazonaws.services.dynamodbv2.LockItem;
import io.lakelet.core.config.LakeletConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.kinesis.common.DdbTableConfig;
import software.amazon.kinesis.coordinator.CoordinatorState;
import software.amazon.kinesis.coordinator.delegate.LeaseTableCoordinatorStateDAODelegate;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseRefresher;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;
import software.amazon.kinesis.leases.dynamodb.TableCreatorCallback;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;
import software.amazon.kinesis.worker.metricstats.WorkerMetricStats;
import software.amazon.kinesis.worker.metricstats.delegate.LeaseTableWorkerMetricStatsDAODelegate;

/**
 * The judge of this module: the Kinesis Client Library 3.x's own lease refresher, coordinator-state DAO,
 * leader lock client and worker-metrics DAO (enhanced client), run against Lakelet alone.
 */
class KinesisClientLibraryTest {
    private static final String TABLE = "kcl-app";
    private static DynamoDbTestServer server;
    private static DynamoDBLeaseRefresher refresher;

    @BeforeAll
    static void start() throws Exception {
        server = DynamoDbTestServer.start(Map.of(LakeletConfig.Keys.STATE_DELAY_MS, "200"));
        DdbTableConfig config = new DdbTableConfig().billingMode(BillingMode.PAY_PER_REQUEST);
        refresher = new DynamoDBLeaseRefresher(TABLE, server.async, new DynamoDBLeaseSerializer(), true,
                TableCreatorCallback.NOOP_TABLE_CREATOR_CALLBACK, Duration.ofSeconds(10), config, true, true,
                List.of(Tag.builder().key("app").value("kcl").build()));

        // as the Scheduler does at start: table, PITR, then the lease-owner index
        assertThat(refresher.createLeaseTableIfNotExists()).isTrue();
        assertThat(refresher.waitUntilLeaseTableExists(1, 30)).isTrue();
        refresher.createLeaseOwnerToLeaseKeyIndexIfNotExists();
        assertThat(refresher.waitUntilLeaseOwnerToLeaseKeyIndexExists(1, 30)).isTrue();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Lease lease(String key) {
        Lease lease = new Lease();
        lease.leaseKey(key);
        lease.checkpoint(ExtendedSequenceNumber.TRIM_HORIZON);
        lease.ownerSwitchesSinceCheckpoint(0L);
        return lease;
    }

    @Test
    void theLeaseTableIsCreatedAsKclAsksAndOnlyOnce() throws Exception {
        var table = server.sync.describeTable(b -> b.tableName(TABLE)).table();
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.deletionProtectionEnabled()).isTrue();
        assertThat(table.globalSecondaryIndexes()).extracting(g -> g.indexName())
                .containsExactly("LeaseOwnerToLeaseKeyIndex");
        assertThat(server.sync.describeContinuousBackups(b -> b.tableName(TABLE)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
        assertThat(refresher.createLeaseTableIfNotExists()).isTrue();
        assertThat(refresher.leaseTableExists()).isTrue();
        assertThat(refresher.getLeaseTableIdentifier()).isNotEmpty();
    }

    @Test
    void leasesAreCreatedTakenRenewedAssignedEvictedAndDeletedWithKclsConditions() throws Exception {
        // given a new lease, which can be created once
        Lease lease = lease("shardId-000000000001");
        assertThat(refresher.createLeaseIfNotExists(lease)).isTrue();
        assertThat(refresher.createLeaseIfNotExists(lease)).isFalse();

        // when a worker takes and renews it
        assertThat(refresher.takeLease(lease, "worker-a")).isTrue();
        assertThat(refresher.renewLease(lease)).isTrue();
        Lease stored = refresher.getLease(lease.leaseKey());
        assertThat(stored.leaseOwner()).isEqualTo("worker-a");
        assertThat(stored.leaseCounter()).isEqualTo(2L);

        // then a renewal with a stale counter fails
        Lease stale = stored.copy();
        stale.leaseCounter(0L);
        assertThat(refresher.renewLease(stale)).isFalse();
        assertThat(refresher.getLease(lease.leaseKey()).leaseCounter()).isEqualTo(2L);

        // and the owner index finds it
        assertThat(refresher.listLeaseKeysForWorker("worker-a")).containsExactly(lease.leaseKey());

        // when the lease is handed off, assigned and evicted
        assertThat(refresher.initiateGracefulLeaseHandoff(lease, "worker-b")).isTrue();
        assertThat(refresher.getLease(lease.leaseKey()).checkpointOwner()).isEqualTo("worker-a");
        Lease current = refresher.getLease(lease.leaseKey());
        assertThat(refresher.assignLease(current, "worker-c")).isTrue();
        assertThat(refresher.getLease(lease.leaseKey()).leaseOwner()).isEqualTo("worker-c");
        assertThat(refresher.getLease(lease.leaseKey()).checkpointOwner()).isNull();
        Lease assigned = refresher.getLease(lease.leaseKey());
        assertThat(refresher.evictLease(assigned)).isTrue();
        assertThat(refresher.getLease(lease.leaseKey()).leaseOwner()).isNull();

        // and updated (checkpoint) and finally deleted
        Lease evicted = refresher.getLease(lease.leaseKey());
        evicted.checkpoint(new ExtendedSequenceNumber("49590338271490256608559692538361571095921575989136588898"));
        assertThat(refresher.updateLease(evicted)).isTrue();
        assertThat(refresher.getCheckpoint(lease.leaseKey()).sequenceNumber())
                .isEqualTo("49590338271490256608559692538361571095921575989136588898");
        refresher.deleteLease(evicted);
        assertThat(refresher.getLease(lease.leaseKey())).isNull();
    }

    @Test
    void leasesAreListedSeriallyAndInParallelSegments() throws Exception {
        for (int i = 100; i < 130; i++) {
            refresher.createLeaseIfNotExists(lease(String.format("shardId-%012d", i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            var parallel = refresher.listLeasesParallely(pool, 4);
            assertThat(parallel.getKey()).extracting(Lease::leaseKey).contains("shardId-000000000100", "shardId-000000000129");
            assertThat(parallel.getValue()).isEmpty();
            assertThat(refresher.listLeases()).hasSameSizeAs(parallel.getKey());
            assertThat(refresher.isLeaseTableEmpty()).isFalse();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void coordinatorStateLivesInTheLeaseTable() throws Exception {
        LeaseTableCoordinatorStateDAODelegate dao = new LeaseTableCoordinatorStateDAODelegate(server.async, TABLE);
        CoordinatorState state = CoordinatorState.builder().key("CustomState")
                .attributes(Map.of("value", AttributeValue.fromS("one"))).build();
        assertThat(dao.createCoordinatorStateIfNotExists(state)).isTrue();
        assertThat(dao.createCoordinatorStateIfNotExists(state)).isFalse();

        CoordinatorState changed = CoordinatorState.builder().key("CustomState")
                .attributes(Map.of("value", AttributeValue.fromS("two"))).build();
        assertThat(dao.updateCoordinatorStateWithExpectation(changed, Map.of("value",
                ExpectedAttributeValue.builder().value(AttributeValue.fromS("one")).build()))).isTrue();
        assertThat(dao.updateCoordinatorStateWithExpectation(changed, Map.of("value",
                ExpectedAttributeValue.builder().value(AttributeValue.fromS("one")).build()))).isFalse();
        assertThat(dao.getCoordinatorState("CustomState").getAttributes())
                .containsEntry("value", AttributeValue.fromS("two"));
        assertThat(dao.listCoordinatorState()).extracting(CoordinatorState::getKey).contains("CustomState");
        assertThat(dao.deleteCoordinatorState("CustomState")).isTrue();
        assertThat(dao.getCoordinatorState("CustomState")).isNull();
    }

    @Test
    void theLeaderLockIsExclusiveUntilReleased() throws Exception {
        LeaseTableCoordinatorStateDAODelegate dao = new LeaseTableCoordinatorStateDAODelegate(server.async, TABLE);
        // given a leader whose heartbeats (25 per lease period) keep its 5-second lease alive
        try (AmazonDynamoDBLockClient first = new AmazonDynamoDBLockClient(dao.getDDBLockClientOptionsBuilder()
                .withTimeUnit(TimeUnit.MILLISECONDS).withLeaseDuration(5_000L).withHeartbeatPeriod(200L)
                .withCreateHeartbeatBackgroundThread(true).withOwnerName("worker-a").build());
             AmazonDynamoDBLockClient second = new AmazonDynamoDBLockClient(dao.getDDBLockClientOptionsBuilder()
                     .withTimeUnit(TimeUnit.MILLISECONDS).withLeaseDuration(5_000L).withHeartbeatPeriod(200L)
                     .withCreateHeartbeatBackgroundThread(false).withOwnerName("worker-b").build())) {
            Optional<LockItem> lock = first.tryAcquireLock(AcquireLockOptions.builder("Leader").build());
            assertThat(lock).isPresent();
            first.sendHeartbeat(lock.get());
            // then another worker waiting a whole lease period does not get it
            assertThat(second.tryAcquireLock(AcquireLockOptions.builder("Leader").build())).isEmpty();
            // and gets it once it is released
            assertThat(first.releaseLock(lock.get())).isTrue();
            Optional<LockItem> taken = second.tryAcquireLock(AcquireLockOptions.builder("Leader").build());
            assertThat(taken).isPresent();
            assertThat(taken.get().getOwnerName()).isEqualTo("worker-b");
        }
    }

    @Test
    void workerMetricsAreUpsertedScannedByEntityTypeAndDeletedConditionally() throws Exception {
        LeaseTableWorkerMetricStatsDAODelegate dao = new LeaseTableWorkerMetricStatsDAODelegate(server.async, TABLE, 30_000L);
        long now = System.currentTimeMillis() / 1000;
        WorkerMetricStats stats = WorkerMetricStats.builder().workerId("worker-m").lastUpdateTime(now)
                .metricStats(Map.of("CPU", List.of(10.5, 20.0))).operatingRange(Map.of("CPU", List.of(80L)))
                .build();
        dao.updateMetrics(stats);
        dao.updateMetrics(WorkerMetricStats.builder().workerId("worker-m").lastUpdateTime(now + 1)
                .metricStats(Map.of("CPU", List.of(30.0))).build());

        List<WorkerMetricStats> all = dao.getAllWorkerMetricStats();
        assertThat(all).singleElement().satisfies(w -> {
            assertThat(w.getWorkerId()).isEqualTo("worker-m");
            assertThat(w.getLastUpdateTime()).isEqualTo(now + 1);
            assertThat(w.getMetricStats()).containsEntry("CPU", List.of(30.0));
            assertThat(w.getOperatingRange()).containsEntry("CPU", List.of(80L));
        });

        assertThat(dao.deleteMetrics(stats)).isFalse();
        assertThat(dao.deleteMetrics(all.get(0))).isTrue();
        assertThat(dao.getAllWorkerMetricStats()).isEmpty();
    }
}
