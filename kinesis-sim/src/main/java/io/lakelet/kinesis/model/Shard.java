package io.lakelet.kinesis.model;

import java.math.BigInteger;

/**
 * One shard of a stream as stored: its index (shard id {@code shardId-000000000007}), hash key range,
 * parents, the counter its sequence numbers start from, and, once closed, the last counter it can hold
 * and when it was closed. Mutated only under its stream's lock.
 */
public final class Shard {
    private int index;
    private String startHash;
    private String endHash;
    private Integer parent;
    private Integer adjacentParent;
    private long startCounter;
    private Long endCounter;
    private long createdMillis;
    private Long closedMillis;
    private transient HashRanges.Range range;
    private transient String id;

    Shard() {
    }

    public Shard(int index, HashRanges.Range range, Integer parent, Integer adjacentParent, long startCounter,
                 long createdMillis) {
        this.index = index;
        this.startHash = range.start().toString();
        this.endHash = range.end().toString();
        this.parent = parent;
        this.adjacentParent = adjacentParent;
        this.startCounter = startCounter;
        this.createdMillis = createdMillis;
    }

    public static String id(int index) {
        String digits = Integer.toString(index);
        return "shardId-" + "0".repeat(Math.max(0, 12 - digits.length())) + digits;
    }

    /** The index encoded in a shard id, or -1 when the id is not a well-formed shard id. */
    public static int indexOf(String shardId) {
        if (shardId == null || !shardId.matches("shardId-\\d{12}")) {
            return -1;
        }
        long v = Long.parseLong(shardId.substring("shardId-".length()));
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    public int index() {
        return index;
    }

    /** The shard id, made once: every record put answers with it. */
    public String id() {
        String i = id;
        if (i == null) {
            i = id(index);
            id = i;
        }
        return i;
    }

    /** The hash key range, parsed once (the stored form is decimal text). */
    public HashRanges.Range range() {
        HashRanges.Range r = range;
        if (r == null) {
            r = new HashRanges.Range(new BigInteger(startHash), new BigInteger(endHash));
            range = r;
        }
        return r;
    }

    public Integer parent() {
        return parent;
    }

    public Integer adjacentParent() {
        return adjacentParent;
    }

    public long startCounter() {
        return startCounter;
    }

    /** The greatest counter this shard holds once closed; null while open. */
    public Long endCounter() {
        return endCounter;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public Long closedMillis() {
        return closedMillis;
    }

    public boolean isOpen() {
        return endCounter == null;
    }

    /** Whether the shard was open at {@code millis}. */
    public boolean openAt(long millis) {
        return createdMillis <= millis && (closedMillis == null || closedMillis > millis);
    }

    public void close(long lastCounter, long nowMillis) {
        this.endCounter = lastCounter;
        this.closedMillis = nowMillis;
    }
}
