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
    void directReadsHandOverBuffersWithTheRightBytesAndLeakNone() throws IOException {
        byte[] data = random(ChunkStore.CHUNK_SIZE * 2 + 100);
        byte[] small = random(500);
        Segment big = chunks.write(new ByteArrayInputStream(data));
        Segment one = chunks.write(new ByteArrayInputStream(small));
        java.util.List<io.netty.buffer.ByteBuf> allocated = new java.util.ArrayList<>();
        java.util.function.IntFunction<io.netty.buffer.ByteBuf> allocate = n -> {
            io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.directBuffer(n);
            allocated.add(b);
            return b;
        };
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        java.util.List<io.netty.buffer.ByteBuf> handed = new java.util.ArrayList<>();
        // A range that starts inside the first chunk of the big segment and ends inside the small one.
        try (ChunkReader r = chunks.open(List.of(big, one), 10, data.length - 10 + 300)) {
            for (io.netty.buffer.ByteBuf b = r.next(allocate); b != null; b = r.next(allocate)) {
                assertThat(b.isDirect()).isTrue();
                byte[] bytes = new byte[b.readableBytes()];
                b.getBytes(b.readerIndex(), bytes);
                got.write(bytes);
                handed.add(b);
            }
        }
        byte[] expected = new byte[data.length - 10 + 300];
        System.arraycopy(data, 10, expected, 0, data.length - 10);
        System.arraycopy(small, 0, expected, data.length - 10, 300);
        assertThat(got.toByteArray()).isEqualTo(expected);
        handed.forEach(io.netty.buffer.ByteBuf::release);
        assertThat(allocated).allSatisfy(b -> assertThat(b.refCnt()).isZero());
        assertThat(handed).allSatisfy(b -> assertThat(b.refCnt()).isZero());

        // A reader closed before its single chunk is read releases it; so does one read as a stream.
        ChunkReader unread = chunks.open(List.of(one), 0, small.length);
        io.netty.buffer.ByteBuf pending = unread.next(allocate);
        pending.release();
        unread.close();
        assertThat(pending.refCnt()).isZero();
        try (ChunkReader streamed = chunks.open(List.of(one), 0, small.length)) {
            assertThat(streamed.readAllBytes()).isEqualTo(small);
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
