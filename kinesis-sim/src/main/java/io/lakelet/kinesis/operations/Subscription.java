package io.lakelet.kinesis.operations;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.CommonErrors;
import io.lakelet.kinesis.model.RecordLog;
import io.lakelet.kinesis.model.Shard;
import io.lakelet.kinesis.model.SequenceNumbers;
import io.lakelet.kinesis.model.StoredRecord;
import io.lakelet.kinesis.model.Stream;
import io.lakelet.kinesis.model.StreamKey;
import io.lakelet.kinesis.wire.Descriptions;
import io.lakelet.kinesis.wire.EventStreamWriter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;

/**
 * One SubscribeToShard call: pushes SubscribeToShardEvents with the shard's new records from a position,
 * checking the log when a put wakes it (and on a timer, for heartbeats and the clock) and writing on a worker (a slow client blocks a worker, never the event
 * loop). It sends an event at least every {@link #HEARTBEAT_MILLIS}, ends after five minutes of the
 * clock, and at the end of a closed shard sends the ChildShards and ends.
 */
final class Subscription {
    static final long LIFETIME_MILLIS = 5 * 60 * 1000;
    static final long POLL_MILLIS = 100;
    static final long HEARTBEAT_MILLIS = 2000;
    static final int MAX_RECORDS = 10_000;
    static final long MAX_BYTES = 1024 * 1024;

    private final KinesisRuntime rt;
    private final Stream stream;
    private final int shard;
    private final EventStreamWriter writer;
    private final Consumer<Subscription> onEnd;
    private final long startedMillis;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile Executor workers;
    private final AtomicBoolean ended = new AtomicBoolean();
    private long position;
    private long lastEventMillis;
    private volatile ScheduledFuture<?> timer;

    Subscription(KinesisRuntime rt, Stream stream, int shard, long position, EventStreamWriter writer,
                 Consumer<Subscription> onEnd) {
        this.rt = rt;
        this.stream = stream;
        this.shard = shard;
        this.position = position;
        this.writer = writer;
        this.onEnd = onEnd;
        this.startedMillis = rt.clock().millis();
    }

    /** Sends the initial response and starts polling. */
    void start(ScheduledExecutorService scheduler, Executor workers) {
        this.workers = workers;
        if (!writer.initialResponse()) {
            end(false);
            return;
        }
        tick();
        if (!ended.get()) {
            timer = scheduler.scheduleWithFixedDelay(() -> {
                if (!busy.get()) {
                    workers.execute(this::tick);
                }
            }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (ended.get()) {
                timer.cancel(false);
            }
        }
    }

    StreamKey streamKey() {
        return stream.key();
    }

    /** New records were written: look now instead of at the next poll. */
    void wake() {
        wakeRequested.set(true);
        Executor w = workers;
        if (w != null && !busy.get() && !ended.get()) {
            w.execute(this::tick);
        }
    }

    private void tick() {
        if (ended.get() || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            do {
                wakeRequested.set(false);
                step();
            } while (wakeRequested.get() && !ended.get());
        } catch (AwsException e) {
            writer.exception(e);
            end(true);
        } catch (RuntimeException e) {
            writer.exception(CommonErrors.internal("Lakelet failed the subscription: " + e));
            end(true);
        } finally {
            busy.set(false);
        }
        // A wake that came while this tick was finishing would otherwise wait for the next poll.
        Executor w = workers;
        if (wakeRequested.get() && !ended.get() && w != null) {
            w.execute(this::tick);
        }
    }

    private void step() {
        long now = rt.clock().millis();
        if (rt.catalog().get(stream.key()) != stream) {
            throw KinesisErrors.resourceNotFound("Stream " + stream.name() + " under account " + stream.account()
                    + " not found.");
        }
        boolean closed;
        long horizon;
        long visible;
        synchronized (stream) {
            visible = stream.publication().visible();
            Shard s = stream.shard(shard);
            closed = !s.isOpen() && visible >= s.endCounter();
            horizon = stream.trimHorizonMillis(rt.clock());
        }
        RecordLog.Page page = rt.log().read(stream.key(), shard, position, visible, horizon, MAX_RECORDS, MAX_BYTES);
        List<StoredRecord> records = page.records();
        if (page.lastCounter() >= 0) {
            position = page.lastCounter() + 1;
        }
        boolean atEnd = closed && page.reachedEnd();
        if (!records.isEmpty() || atEnd || now - lastEventMillis >= HEARTBEAT_MILLIS) {
            SubscribeToShardEvent.Builder event = SubscribeToShardEvent.builder()
                    .records(records.stream().map(ReadOperations::toRecord).toList())
                    .millisBehindLatest(page.reachedEnd() || records.isEmpty() ? 0L
                            : Math.max(0L, now - records.get(records.size() - 1).arrivalMillis()));
            if (atEnd) {
                synchronized (stream) {
                    event.childShards(Descriptions.children(stream, stream.shard(shard)));
                }
            } else {
                event.continuationSequenceNumber(SequenceNumbers.format(position - 1, shard));
            }
            if (!writer.event("SubscribeToShardEvent", event.build())) {
                end(false);
                return;
            }
            lastEventMillis = now;
        }
        if (atEnd || now - startedMillis >= LIFETIME_MILLIS) {
            end(true);
        }
    }

    /** Stops the subscription; {@code finish} ends the response normally (false: the client has gone). */
    void end(boolean finish) {
        if (ended.compareAndSet(false, true)) {
            if (timer != null) {
                timer.cancel(false);
            }
            onEnd.accept(this);
            if (finish) {
                writer.finish();
            }
        }
    }
}
