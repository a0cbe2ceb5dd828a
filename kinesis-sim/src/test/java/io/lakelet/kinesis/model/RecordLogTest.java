package io.lakelet.kinesis.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.storage.Storage;
import io.lakelet.core.storage.SyncPolicy;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordLogTest {
    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "s");
    private Storage storage;
    private RecordLog log;

    @BeforeEach
    void open() {
        storage = Storage.temporary(SyncPolicy.NONE);
        log = new RecordLog(storage);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static StoredRecord record(int shard, long counter, long arrival) {
        return new StoredRecord(shard, counter, arrival, "pk", false, new byte[] {(byte) counter});
    }

    @Test
    void trimDeletesOnlyRecordsOlderThanTheHorizonOfThatShard() {
        log.append(STREAM, LongStream.rangeClosed(1, 10).mapToObj(c -> record(0, c, c * 100)).toList());
        log.append(STREAM, List.of(record(1, 11, 100)));

        int deleted = log.trim(STREAM, 0, 500);

        assertThat(deleted).isEqualTo(4);
        assertThat(log.read(STREAM, 0, 0, Long.MAX_VALUE, 0, 100, Long.MAX_VALUE).records())
                .extracting(StoredRecord::counter).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(log.read(STREAM, 1, 0, Long.MAX_VALUE, 0, 100, Long.MAX_VALUE).records()).hasSize(1);
    }

    @Test
    void aReadStopsAtTheByteBudgetWithoutSkippingARecord() {
        log.append(STREAM, LongStream.rangeClosed(1, 5).mapToObj(c -> record(0, c, c)).toList());

        RecordLog.Page page = log.read(STREAM, 0, 1, Long.MAX_VALUE, 0, 100, 6);

        assertThat(page.records()).extracting(StoredRecord::counter).containsExactly(1L, 2L);
        assertThat(page.lastCounter()).isEqualTo(2L);
        assertThat(page.reachedEnd()).isFalse();
        assertThat(log.newest(STREAM, 0).counter()).isEqualTo(5L);
    }

    @Test
    void deletingAStreamLeavesStreamsWithLongerNamesAlone() {
        StreamKey longer = new StreamKey("000000000000", "us-east-1", "s2");
        log.append(STREAM, List.of(record(0, 1, 1)));
        log.append(longer, List.of(record(0, 1, 1)));

        log.deleteStream(STREAM);

        assertThat(log.newest(STREAM, 0)).isNull();
        assertThat(log.newest(longer, 0)).isNotNull();
    }

    @Test
    void aReadStopsAtTheVisibleCounterAndCallsThatTheEnd() {
        log.append(STREAM, LongStream.rangeClosed(1, 5).mapToObj(c -> record(0, c, c)).toList());

        RecordLog.Page page = log.read(STREAM, 0, 1, 3, 0, 100, Long.MAX_VALUE);

        assertThat(page.records()).extracting(StoredRecord::counter).containsExactly(1L, 2L, 3L);
        assertThat(page.lastCounter()).isEqualTo(3L);
        assertThat(page.reachedEnd()).isTrue();
    }

    @Test
    void recordsWrittenOutOfOrderBecomeVisibleOnlyWhenEveryEarlierBatchIsWritten() {
        Publication p = new Publication(10);
        p.begin(11, 20);
        p.begin(21, 30);
        p.begin(31, 31);
        assertThat(p.visible()).isEqualTo(10);
        p.complete(21);
        assertThat(p.visible()).as("batch 11..20 is still being written").isEqualTo(10);
        p.complete(11);
        assertThat(p.visible()).isEqualTo(30);
        p.advance(32);
        assertThat(p.visible()).as("a shard closed after an unwritten batch").isEqualTo(30);
        p.complete(31);
        assertThat(p.visible()).isEqualTo(32);
    }
}
