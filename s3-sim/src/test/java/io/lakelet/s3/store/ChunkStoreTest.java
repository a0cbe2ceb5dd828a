package io.lakelet.s3.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import io.lakelet.core.storage.SyncPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChunkStoreTest {
    private Storage storage;
    private ChunkStore chunks;

    @BeforeEach
    void open() {
        storage = Storage.temporary(SyncPolicy.NONE);
        chunks = new ChunkStore(storage, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void bytesAreSplitIntoChunksAndReadBackInAnyRange() throws IOException {
        byte[] data = random(ChunkStore.CHUNK_SIZE * 2 + 100);
        Segment s = chunks.write(new ByteArrayInputStream(data));
        assertThat(s.size()).isEqualTo(data.length);
        assertThat(count(storage.keyspace("s3.chunks.blobs"))).isEqualTo(3);
        try (ChunkReader r = chunks.open(List.of(s), ChunkStore.CHUNK_SIZE - 5, 10)) {
            assertThat(r.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, ChunkStore.CHUNK_SIZE - 5,
                    ChunkStore.CHUNK_SIZE + 5));
        }
    }

    @Test
    void aFailedWriteLeavesNoChunks() {
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(random(ChunkStore.CHUNK_SIZE + 10)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("client went away");
                    }
                });
        assertThatThrownBy(() -> chunks.write(failing)).isInstanceOf(IOException.class);
        assertThat(count(storage.keyspace("s3.chunks.blobs"))).isZero();
        assertThat(count(storage.keyspace("s3.pending"))).isZero();
    }

    @Test
    void pendingSegmentsAreRemovedAtStartAndCommittedOnesKept() throws IOException {
        Segment committed = chunks.write(new ByteArrayInputStream(random(10)));
        try (Batch b = storage.batch()) {
            chunks.commit(b, committed);
            b.commit();
        }
        chunks.write(new ByteArrayInputStream(random(ChunkStore.CHUNK_SIZE + 1)));
        assertThat(count(storage.keyspace("s3.chunks.blobs"))).isEqualTo(3);
        // when the server starts again
        int removed = new ChunkStore(storage, Clock.systemUTC()).removeOrphans();
        // then
        assertThat(removed).isEqualTo(1);
        assertThat(count(storage.keyspace("s3.chunks.blobs"))).isEqualTo(1);
        try (ChunkReader r = chunks.open(List.of(committed), 0, 10)) {
            assertThat(r.readAllBytes()).hasSize(10);
        }
    }

    @Test
    void aReaderOpenedBeforeADeleteStillReadsTheWholeObject() throws IOException {
        byte[] data = random(ChunkStore.CHUNK_SIZE * 3);
        Segment s = chunks.write(new ByteArrayInputStream(data));
        try (ChunkReader r = chunks.open(List.of(s), 0, data.length)) {
            try (Batch b = storage.batch()) {
                chunks.delete(b, s);
                b.commit();
            }
            assertThat(r.readAllBytes()).isEqualTo(data);
        }
        assertThat(count(storage.keyspace("s3.chunks.blobs"))).isZero();
    }

    private static long count(Keyspace ks) {
        long n = 0;
        try (Scan scan = ks.scan(new byte[0])) {
            for (Scan.Entry ignored : scan) {
                n++;
            }
        }
        return n;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
