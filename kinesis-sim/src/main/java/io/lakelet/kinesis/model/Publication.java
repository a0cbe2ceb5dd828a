package io.lakelet.kinesis.model;

import java.util.TreeSet;

/**
 * Which of a stream's records readers may see. Puts take their counters under the stream's lock but
 * write to RocksDB outside it, so that concurrent producers share group commits instead of queueing on
 * the lock; batches can therefore land out of counter order. A reader that saw a later batch before an
 * earlier one would step past the earlier one for good, so readers see only records up to
 * {@link #visible()}: the greatest counter below which every assigned counter has been written (or has
 * failed and will never appear).
 */
public final class Publication {
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long assigned;
    private volatile long visible;

    Publication(long counter) {
        this.assigned = counter;
        this.visible = counter;
    }

    /** A batch took counters {@code first..last} and is about to be written. Call under the stream's lock. */
    public synchronized void begin(long first, long last) {
        inFlight.add(first);
        assigned = Math.max(assigned, last);
    }

    /** The batch that began at {@code first} is written (or failed): readers may move past it. */
    public synchronized void complete(long first) {
        inFlight.remove(first);
        visible = inFlight.isEmpty() ? assigned : inFlight.first() - 1;
    }

    /** A counter taken without a record (closing shards): visible once everything before it is. */
    synchronized void advance(long counter) {
        assigned = Math.max(assigned, counter);
        if (inFlight.isEmpty()) {
            visible = assigned;
        }
    }

    /** The greatest counter readers may see. */
    public long visible() {
        return visible;
    }
}
