package io.lakelet.kinesis.model;

import io.lakelet.core.time.DelayedState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One stream as stored: its identity, state, settings and shards, plus the stream-wide counter behind
 * sequence numbers. Persisted whole as JSON on every control-plane change; mutated only while holding
 * the object's monitor (the {@link StreamCatalog} hands out the same instance to every caller).
 */
public final class Stream {
    public static final String CREATING = "CREATING";
    public static final String ACTIVE = "ACTIVE";
    public static final String UPDATING = "UPDATING";
    public static final String DELETING = "DELETING";

    private String account;
    private String region;
    private String name;
    private long createdMillis;
    private String transitionalStatus;
    private String settledStatus;
    private long settlesAtMillis;
    private int retentionHours = 24;
    private String mode;
    private String encryptionType = "NONE";
    private String keyId;
    private TreeSet<String> shardLevelMetrics = new TreeSet<>();
    private TreeMap<String, String> tags = new TreeMap<>();
    private List<Shard> shards = new ArrayList<>();
    private int nextShardIndex;
    private long counter;
    private String policy;
    private int maxRecordSizeKiB = 1024;
    private Integer warmThroughputMiBps;
    private List<Consumer> consumers = new ArrayList<>();
    /** When UpdateShardCount changed the shard count, in the last 24 hours. */
    private List<Long> shardCountUpdates = new ArrayList<>();
    private volatile int openShardCount;
    /** Not stored: rebuilt from the counter when the stream is loaded. */
    private transient Publication publication;

    Stream() {
    }

    public Stream(String account, String region, String name, String mode, Clock clock, Duration delay) {
        this.account = account;
        this.region = region;
        this.name = name;
        this.mode = mode;
        this.createdMillis = clock.millis();
        transition(CREATING, ACTIVE, clock, delay);
    }

    public StreamKey key() {
        return new StreamKey(account, region, name);
    }

    public String account() {
        return account;
    }

    public String region() {
        return region;
    }

    public String name() {
        return name;
    }

    public String arn() {
        return "arn:aws:kinesis:" + region + ":" + account + ":stream/" + name;
    }

    public Instant created() {
        return Instant.ofEpochMilli(createdMillis);
    }

    public long createdMillis() {
        return createdMillis;
    }

    public String status(Clock clock) {
        return state().now(clock);
    }

    private DelayedState<String> state() {
        return new DelayedState<>(transitionalStatus, settledStatus, Instant.ofEpochMilli(settlesAtMillis));
    }

    /** Enters {@code transitional} now and settles in {@code settled} after {@code delay}. */
    public void transition(String transitional, String settled, Clock clock, Duration delay) {
        DelayedState<String> s = DelayedState.starting(transitional, settled, clock, delay);
        this.transitionalStatus = s.transitional();
        this.settledStatus = s.settled();
        this.settlesAtMillis = s.settlesAt().toEpochMilli();
    }

    /** Whether the stream is being deleted; once settled, it is gone. */
    public boolean isDeleted(Clock clock) {
        return DELETING.equals(transitionalStatus) && state().isSettled(clock);
    }

    public int retentionHours() {
        return retentionHours;
    }

    public void retentionHours(int hours) {
        this.retentionHours = hours;
    }

    /** The arrival time before which records are trimmed. */
    public long trimHorizonMillis(Clock clock) {
        return clock.millis() - Duration.ofHours(retentionHours).toMillis();
    }

    public String mode() {
        return mode;
    }

    public void mode(String mode) {
        this.mode = mode;
    }

    public String encryptionType() {
        return encryptionType;
    }

    public String keyId() {
        return keyId;
    }

    public void encryption(String type, String keyId) {
        this.encryptionType = type;
        this.keyId = keyId;
    }

    public TreeSet<String> shardLevelMetrics() {
        return shardLevelMetrics;
    }

    public TreeMap<String, String> tags() {
        return tags;
    }

    public List<Shard> shards() {
        return shards;
    }

    public Shard shard(int index) {
        for (Shard s : shards) {
            if (s.index() == index) {
                return s;
            }
        }
        return null;
    }

    /**
     * How many shards are open, readable without the monitor: the shard limit sums it over every stream of
     * an account while holding one stream's monitor, and taking the others' would risk deadlock.
     */
    public int openShardCount() {
        return openShardCount;
    }

    public List<Shard> openShards() {
        return shards.stream().filter(Shard::isOpen).toList();
    }

    /** Shards whose records may still be retained: open, or closed after the trim horizon. */
    public List<Shard> retainedShards(Clock clock) {
        long horizon = trimHorizonMillis(clock);
        return shards.stream().filter(s -> s.isOpen() || s.closedMillis() > horizon).toList();
    }

    /** Adds a shard over {@code range} that starts after every record written so far. */
    public Shard addShard(HashRanges.Range range, Integer parent, Integer adjacentParent, long nowMillis) {
        Shard s = new Shard(nextShardIndex++, range, parent, adjacentParent, counter + 1, nowMillis);
        shards.add(s);
        openShardCount++;
        return s;
    }

    /** The last counter given to a record (or used to close a shard). */
    public long counter() {
        return counter;
    }

    /** Which records readers may see; call under the stream's lock. */
    public Publication publication() {
        if (publication == null) {
            publication = new Publication(counter);
        }
        return publication;
    }

    /** Takes the next counter for a new record. */
    public long nextCounter() {
        return ++counter;
    }

    /** Raises the counter after a restart to the greatest counter found among the stored records. */
    public void recoverCounter(long greatestStored) {
        counter = Math.max(counter, greatestStored);
    }

    /**
     * Closes shards after every record written so far: the counter moves past them, and the shards
     * added next start right after, which is how parents and children find each other.
     */
    public void closeShards(List<Shard> closing, long nowMillis) {
        long end = ++counter;
        for (Shard s : closing) {
            s.close(end, nowMillis);
            openShardCount--;
        }
        publication().advance(end);
    }

    public String policy() {
        return policy;
    }

    public void policy(String policy) {
        this.policy = policy;
    }

    /** The largest record the stream takes, in KiB (1024 unless raised with UpdateMaxRecordSize). */
    public int maxRecordSizeKiB() {
        return maxRecordSizeKiB;
    }

    public void maxRecordSizeKiB(int kib) {
        this.maxRecordSizeKiB = kib;
    }

    /** The warm throughput asked for with UpdateStreamWarmThroughput, or null. */
    public Integer warmThroughputMiBps() {
        return warmThroughputMiBps;
    }

    public void warmThroughputMiBps(Integer mibps) {
        this.warmThroughputMiBps = mibps;
    }

    public List<Consumer> consumers() {
        return consumers;
    }

    /** How many times UpdateShardCount changed the shard count in the 24 hours before {@code nowMillis}. */
    public int shardCountUpdatesSince(long nowMillis) {
        shardCountUpdates.removeIf(t -> t <= nowMillis - Duration.ofHours(24).toMillis());
        return shardCountUpdates.size();
    }

    public void shardCountUpdated(long nowMillis) {
        shardCountUpdates.add(nowMillis);
    }

    /** The shards that replaced a closed shard: created when it closed, over part of its range. */
    public List<Shard> childrenOf(Shard parent) {
        List<Shard> children = new ArrayList<>();
        if (parent.isOpen()) {
            return children;
        }
        for (Shard s : shards) {
            if (s.startCounter() == parent.endCounter() + 1 && s.range().overlaps(parent.range())) {
                children.add(s);
            }
        }
        return children;
    }

    /** The shards a shard replaced: closed when it was created, over part of its range. */
    public List<Shard> parentsOf(Shard child) {
        List<Shard> parents = new ArrayList<>();
        for (Shard s : shards) {
            if (!s.isOpen() && s.endCounter() + 1 == child.startCounter() && s.range().overlaps(child.range())) {
                parents.add(s);
            }
        }
        return parents;
    }

    /** A read-only view of the tags, for callers outside the lock. */
    public Map<String, String> tagsCopy() {
        return Map.copyOf(tags);
    }
}
