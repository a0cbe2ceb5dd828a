package io.lakelet.kinesis.operations;

import io.lakelet.kinesis.model.StreamKey;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Optional per-shard throughput limits as AWS enforces them (1 MiB or 1,000 records per second in, five
 * GetRecords calls per second out), and the call rates of {@link RateLimits}, counted in one-second
 * windows of the injected clock. Off unless {@code LAKELET_KINESIS_THROTTLE} is set; when off every call
 * is allowed.
 */
public final class Throttle {
    static final int RECORDS_PER_SECOND = 1000;
    static final long BYTES_PER_SECOND = 1024 * 1024;
    static final int READS_PER_SECOND = 5;

    private final Clock clock;
    private final boolean enabled;
    private final Map<Object, Window> windows = new ConcurrentHashMap<>();

    private record ShardKey(StreamKey stream, int shard, boolean read) {
    }

    private static final class Window {
        long second = Long.MIN_VALUE;
        long records;
        long bytes;
    }

    public Throttle(Clock clock, boolean enabled) {
        this.clock = clock;
        this.enabled = enabled;
    }

    /** Counts one record of {@code bytes} into the shard; false if that exceeds the shard's write limits. */
    public boolean allowWrite(StreamKey stream, int shard, long bytes) {
        if (!enabled) {
            return true;
        }
        Window w = window(new ShardKey(stream, shard, false));
        synchronized (w) {
            if (w.records + 1 > RECORDS_PER_SECOND || w.bytes + bytes > BYTES_PER_SECOND) {
                return false;
            }
            w.records++;
            w.bytes += bytes;
            return true;
        }
    }

    /** Counts one GetRecords call on the shard; false if that exceeds five per second. */
    public boolean allowRead(StreamKey stream, int shard) {
        return allowCall(new ShardKey(stream, shard, true), READS_PER_SECOND);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Counts one call under {@code key}; false if that makes more than {@code perSecond} this second. */
    public boolean allowCall(Object key, int perSecond) {
        if (!enabled) {
            return true;
        }
        Window w = window(key);
        synchronized (w) {
            if (w.records + 1 > perSecond) {
                return false;
            }
            w.records++;
            return true;
        }
    }

    private Window window(Object key) {
        Window w = windows.computeIfAbsent(key, k -> new Window());
        long second = clock.millis() / 1000;
        synchronized (w) {
            if (w.second != second) {
                w.second = second;
                w.records = 0;
                w.bytes = 0;
            }
        }
        return w;
    }
}
