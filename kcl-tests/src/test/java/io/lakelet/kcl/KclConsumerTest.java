package io.lakelet.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.cloudwatch.CloudWatchModule;
import io.lakelet.core.testing.TestServer;
import io.lakelet.dynamodb.DynamoDbModule;
import io.lakelet.kinesis.KinesisModule;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * The KCL acceptance test: a real Kinesis Client Library 3.x Scheduler, with its lease table,
 * coordinator state and worker metrics in Lakelet's DynamoDB and its records from Lakelet's Kinesis, consumes
 * a 4-shard stream through a split and a merge and loses nothing, repeats nothing, and keeps shard order.
 */
class KclConsumerTest {
    private static final String STREAM = "kcl-orders";
    private static final String APPLICATION = "kcl-orders-app";
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private TestServer server;
    private KinesisClient kinesis;
    private KinesisAsyncClient kinesisAsync;
    private DynamoDbAsyncClient dynamo;
    private CloudWatchAsyncClient cloudWatch;
    private Scheduler scheduler;
    private Thread schedulerThread;

    /** Every record KCL handed to a processor, in the order it was handed over. */
    private final Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    /** Shards whose processor was told the shard ended (and checkpointed it). */
    private final Set<String> endedShards = ConcurrentHashMap.newKeySet();
    private final AtomicLong deliveryOrder = new AtomicLong();

    /** What one put returned: the shard and sequence number Kinesis gave the record. */
    private record Put(String partitionKey, String payload, String shardId, String sequenceNumber) {
    }

    /** What one processor received; {@code order} is the position among all deliveries. */
    private record Delivery(long order, String shardId, String partitionKey, String payload, String sequenceNumber) {
    }

    @BeforeEach
    void start() {
        server = TestServer.start(TestServer.config(Map.of()), Clock.systemUTC(),
                List.of(new KinesisModule(), new DynamoDbModule(), new CloudWatchModule()));
        kinesis = KinesisClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        // as KinesisClientUtil.createKinesisAsyncClient does: HTTP/2 (here h2c with prior knowledge)
        kinesisAsync = KinesisAsyncClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS)
                .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2).maxConcurrency(100).build())
                .build();
        dynamo = DynamoDbAsyncClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(NettyNioAsyncHttpClient.create()).build();
        cloudWatch = CloudWatchAsyncClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
                .credentialsProvider(TestServer.CREDENTIALS).httpClient(NettyNioAsyncHttpClient.create()).build();
    }

    @AfterEach
    void stop() throws Exception {
        if (scheduler != null && !scheduler.shutdownComplete()) {
            scheduler.shutdown();
        }
        if (schedulerThread != null) {
            schedulerThread.join(TimeUnit.SECONDS.toMillis(30));
        }
        kinesisAsync.close();
        dynamo.close();
        cloudWatch.close();
        kinesis.close();
        server.close();
    }

    @Test
    void aKclApplicationConsumesAFourShardStreamThroughASplitAndAMergeLosingAndRepeatingNothing() throws Exception {
        // given a 4-shard stream and a KCL application reading it from the start
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(4));
        awaitActive();
        scheduler = scheduler();
        schedulerThread = new Thread(scheduler, "kcl-scheduler");
        schedulerThread.setDaemon(true);
        schedulerThread.start();

        // when records are put on the four original shards
        List<Put> puts = new ArrayList<>(put("before", 400));
        await("the records put before resharding are processed", () -> processedAll(puts));
        assertThat(shardsOf(puts)).containsExactlyInAnyOrder(shard(0), shard(1), shard(2), shard(3));

        // and shard 0 is split in the middle of its hash range, and more records are put
        Shard first = kinesis.listShards(b -> b.streamName(STREAM)).shards().get(0);
        BigInteger start = new BigInteger(first.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(first.hashKeyRange().endingHashKey());
        kinesis.splitShard(b -> b.streamName(STREAM).shardToSplit(shard(0))
                .newStartingHashKey(start.add(end).add(BigInteger.ONE).shiftRight(1).toString()));
        awaitActive();
        puts.addAll(put("split", 300));

        // and the upper child of the split is merged with its neighbour, shard 1, and more records are put
        kinesis.mergeShards(b -> b.streamName(STREAM).shardToMerge(shard(5)).adjacentShardToMerge(shard(1)));
        awaitActive();
        puts.addAll(put("merged", 300));

        // then every record put is processed
        await("every record put is processed", () -> processedAll(puts));
        assertThat(shardsOf(puts)).as("the puts landed on the children of the split and of the merge")
                .contains(shard(4), shard(5), shard(6));

        // and the application shuts down gracefully
        assertThat(scheduler.startGracefulShutdown().get(60, TimeUnit.SECONDS))
                .as("graceful shutdown completed").isTrue();
        schedulerThread.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(schedulerThread.isAlive()).isFalse();

        List<Delivery> delivered = List.copyOf(deliveries);
        assertEveryRecordDeliveredOnceFromItsShard(puts, delivered);
        assertShardOrderKept(delivered);
        assertParentsFinishedBeforeChildren(delivered);
        assertThat(endedShards).as("KCL reached SHARD_END on the closed parents and checkpointed it")
                .contains(shard(0), shard(1), shard(5));

        // and KCL's metrics reached CloudWatch, where a dashboard or an alarm would read them
        List<String> metrics = cloudWatch.listMetrics(b -> b.namespace(APPLICATION)).get(30, TimeUnit.SECONDS)
                .metrics().stream().map(m -> m.metricName()).distinct().toList();
        assertThat(metrics).as("metrics KCL published under its application's namespace")
                .contains("RecordsProcessed");
    }

    private void assertEveryRecordDeliveredOnceFromItsShard(List<Put> puts, List<Delivery> delivered) {
        Map<String, List<Delivery>> byPayload = delivered.stream()
                .collect(Collectors.groupingBy(Delivery::payload));
        List<String> duplicates = byPayload.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " x" + e.getValue().size()).sorted().toList();
        assertThat(duplicates).as("%d of %d records delivered more than once; with a checkpoint after every"
                + " batch and at SHARD_END, a single worker should repeat nothing", duplicates.size(), puts.size())
                .isEmpty();
        assertThat(byPayload.keySet()).as("payloads delivered")
                .containsExactlyInAnyOrderElementsOf(puts.stream().map(Put::payload).toList());
        for (Put put : puts) {
            Delivery d = byPayload.get(put.payload()).get(0);
            assertThat(List.of(d.shardId(), d.sequenceNumber(), d.partitionKey()))
                    .as("record %s is delivered from the shard, at the sequence number, Kinesis acknowledged", put)
                    .containsExactly(put.shardId(), put.sequenceNumber(), put.partitionKey());
        }
    }

    private static void assertShardOrderKept(List<Delivery> delivered) {
        Map<String, List<Delivery>> byShard = delivered.stream().collect(Collectors.groupingBy(Delivery::shardId));
        byShard.forEach((shard, records) -> {
            List<BigInteger> sequence = records.stream().sorted(Comparator.comparingLong(Delivery::order))
                    .map(d -> new BigInteger(d.sequenceNumber())).toList();
            for (int i = 1; i < sequence.size(); i++) {
                assertThat(sequence.get(i)).as("%s delivered in sequence-number order", shard)
                        .isGreaterThan(sequence.get(i - 1));
            }
        });
    }

    /** KCL must finish a parent (SHARD_END) before it hands a child's first record to a processor. */
    private void assertParentsFinishedBeforeChildren(List<Delivery> delivered) {
        Map<String, Long> first = new HashMap<>();
        Map<String, Long> last = new HashMap<>();
        for (Delivery d : delivered) {
            first.merge(d.shardId(), d.order(), Math::min);
            last.merge(d.shardId(), d.order(), Math::max);
        }
        Map<String, List<String>> parents = new HashMap<>();
        for (Shard s : kinesis.listShards(b -> b.streamName(STREAM)).shards()) {
            List<String> of = new ArrayList<>();
            if (s.parentShardId() != null) {
                of.add(s.parentShardId());
            }
            if (s.adjacentParentShardId() != null) {
                of.add(s.adjacentParentShardId());
            }
            parents.put(s.shardId(), of);
        }
        assertThat(parents).containsEntry(shard(4), List.of(shard(0))).containsEntry(shard(5), List.of(shard(0)))
                .containsEntry(shard(6), List.of(shard(5), shard(1)));
        for (String child : List.of(shard(4), shard(5), shard(6))) {
            assertThat(first).as("KCL followed the child shards and processed records from %s", child)
                    .containsKey(child);
            for (String parent : parents.get(child)) {
                assertThat(last.get(parent)).as("the last record of parent %s is processed before %s's first",
                        parent, child).isLessThan(first.get(child));
            }
        }
    }

    private Scheduler scheduler() {
        SingleStreamTracker tracker = new SingleStreamTracker(STREAM,
                InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON));
        ConfigsBuilder configs = new ConfigsBuilder(tracker, APPLICATION, kinesisAsync, dynamo, cloudWatch,
                "worker-1", Processor::new);
        LeaseManagementConfig leases = configs.leaseManagementConfig()
                .failoverTimeMillis(3_000)
                .leaseAssignmentIntervalMillis(500L)
                .shardSyncIntervalMillis(1_000)
                .leasesRecoveryAuditorExecutionFrequencyMillis(1_000)
                .listShardsBackoffTimeInMillis(200);
        return new Scheduler(configs.checkpointConfig(),
                configs.coordinatorConfig().parentShardPollIntervalMillis(200)
                        .shardConsumerDispatchPollIntervalMillis(100)
                        .schedulerInitializationBackoffTimeMillis(200),
                leases,
                configs.lifecycleConfig().taskBackoffTimeMillis(100),
                // KCL's default metrics, published to Lakelet's CloudWatch (buffered for a second, not ten).
                configs.metricsConfig().metricsLevel(MetricsLevel.SUMMARY).metricsBufferTimeMillis(1_000L),
                configs.processorConfig(),
                configs.retrievalConfig().retrievalSpecificConfig(
                        new PollingConfig(STREAM, kinesisAsync).idleTimeBetweenReadsInMillis(200)));
    }

    /** Collects what KCL hands over and checkpoints after every batch, at SHARD_END and on shutdown. */
    private final class Processor implements ShardRecordProcessor {
        private String shardId;

        @Override
        public void initialize(InitializationInput input) {
            shardId = input.shardId();
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            for (KinesisClientRecord r : input.records()) {
                byte[] data = new byte[r.data().remaining()];
                r.data().duplicate().get(data);
                deliveries.add(new Delivery(deliveryOrder.incrementAndGet(), shardId, r.partitionKey(),
                        new String(data, StandardCharsets.UTF_8), r.sequenceNumber()));
            }
            if (!input.records().isEmpty()) {
                checkpoint(input.checkpointer());
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
            // the lease is someone else's now: no checkpoint is possible, the new owner resumes
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            checkpoint(input.checkpointer());
            endedShards.add(shardId);
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            checkpoint(input.checkpointer());
        }

        private void checkpoint(RecordProcessorCheckpointer checkpointer) {
            try {
                checkpointer.checkpoint();
            } catch (ShutdownException e) {
                // the lease was lost meanwhile; its next owner replays from the last checkpoint
            } catch (InvalidStateException e) {
                throw new IllegalStateException("checkpoint of " + shardId + " failed", e);
            }
        }
    }

    private List<Put> put(String phase, int count) {
        List<Put> puts = new ArrayList<>();
        for (int from = 0; from < count; from += 100) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 100); i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + phase + "-" + i)
                        .data(SdkBytes.fromUtf8String(phase + "-" + i)).build());
            }
            PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(STREAM).records(entries));
            assertThat(response.failedRecordCount()).isZero();
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsResultEntry result = response.records().get(i);
                puts.add(new Put(entries.get(i).partitionKey(), entries.get(i).data().asUtf8String(),
                        result.shardId(), result.sequenceNumber()));
            }
        }
        return puts;
    }

    private boolean processedAll(List<Put> puts) {
        Set<String> seen = new HashSet<>();
        deliveries.forEach(d -> seen.add(d.payload()));
        return puts.stream().allMatch(p -> seen.contains(p.payload()));
    }

    private static Set<String> shardsOf(List<Put> puts) {
        return puts.stream().map(Put::shardId).collect(Collectors.toSet());
    }

    private static String shard(int index) {
        return String.format("shardId-%012d", index);
    }

    private void awaitActive() {
        await("the stream is ACTIVE", () -> kinesis.describeStreamSummary(b -> b.streamName(STREAM))
                .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
    }

    private void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within " + DEADLINE + "; " + progress());
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private String progress() {
        return deliveries.size() + " deliveries so far, by shard " + deliveries.stream()
                .collect(Collectors.groupingBy(Delivery::shardId, TreeMap::new, Collectors.counting()))
                + ", ended shards " + endedShards;
    }
}
