package io.lakelet.s3.store;

import io.lakelet.core.storage.Batch;
import io.lakelet.core.storage.Keys;
import io.lakelet.core.storage.Keyspace;
import io.lakelet.core.storage.Scan;
import io.lakelet.core.storage.Storage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Object bytes in fixed-size chunks under a data id, in a BlobDB keyspace. Writing a segment first
 * records the data id as pending; the metadata commit that makes the segment visible removes the
 * pending mark in the same batch. Pending segments left by a crash or a failed upload are deleted at
 * start, so no orphan chunks survive.
 */
public final class ChunkStore {
    /** Every chunk but the last of a segment holds exactly this many bytes. */
    public static final int CHUNK_SIZE = 1024 * 1024;
    /** Objects below this size are written with one small buffer and one batch. */
    private static final int SMALL_OBJECT = 64 * 1024;

    private final Storage storage;
    private final Keyspace chunks;
    private final Keyspace pending;
    private final Clock clock;

    public ChunkStore(Storage storage, Clock clock) {
        this.storage = storage;
        this.chunks = storage.keyspace("s3.chunks.blobs");
        this.pending = storage.keyspace("s3.pending");
        this.clock = clock;
    }

    /** Deletes the chunks of every segment that was being written when the server stopped. */
    public int removeOrphans() {
        List<byte[]> ids = new ArrayList<>();
        try (Scan scan = pending.scan(new byte[0])) {
            for (Scan.Entry e : scan) {
                ids.add(e.key());
            }
        }
        for (byte[] id : ids) {
            try (Batch b = storage.batch()) {
                b.deletePrefix(chunks, chunkPrefix(new String(id, StandardCharsets.UTF_8)));
                b.delete(pending, id);
                b.commit();
            }
        }
        return ids.size();
    }

    /**
     * Writes everything {@code in} yields as a new pending segment. On any failure the chunks written so
     * far are removed before the exception propagates.
     */
    public Segment write(InputStream in) throws IOException {
        String dataId = UUID.randomUUID().toString();
        byte[] pendingKey = dataId.getBytes(StandardCharsets.UTF_8);
        byte[] pendingValue = Long.toString(clock.millis()).getBytes(StandardCharsets.UTF_8);
        // Most objects are small: read a first piece into a small buffer, and when the stream ends in it,
        // write the pending mark and the one chunk in a single batch, without a 1 MiB buffer.
        byte[] first = in.readNBytes(SMALL_OBJECT);
        if (first.length < SMALL_OBJECT) {
            try (Batch b = storage.batch()) {
                b.put(pending, pendingKey, pendingValue);
                if (first.length > 0) {
                    b.put(chunks, chunkKey(dataId, 0), first);
                }
                b.commit();
            }
            return new Segment(dataId, first.length);
        }
        pending.put(pendingKey, pendingValue);
        long total = 0;
        int index = 0;
        byte[] buffer = new byte[CHUNK_SIZE];
        System.arraycopy(first, 0, buffer, 0, first.length);
        int carried = first.length;
        try {
            while (true) {
                int filled = carried + in.readNBytes(buffer, carried, CHUNK_SIZE - carried);
                carried = 0;
                if (filled > 0) {
                    // RocksDB copies the value, so a full buffer is passed as is and reused.
                    chunks.put(chunkKey(dataId, index++),
                            filled == CHUNK_SIZE ? buffer : java.util.Arrays.copyOf(buffer, filled));
                    total += filled;
                }
                if (filled < CHUNK_SIZE) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            discard(dataId);
            throw e;
        }
        return new Segment(dataId, total);
    }

    /** Adds to {@code batch} what makes a pending segment permanent. */
    public void commit(Batch batch, Segment segment) {
        batch.delete(pending, segment.dataId().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds to {@code batch} the deletion of a segment's chunks: point deletes, since the size gives the
     * chunk count; range deletions would pile up and slow every later read until compaction.
     */
    public void delete(Batch batch, Segment segment) {
        long count = (segment.size() + CHUNK_SIZE - 1) / CHUNK_SIZE;
        for (int i = 0; i < count; i++) {
            batch.delete(chunks, chunkKey(segment.dataId(), i));
        }
        batch.delete(pending, segment.dataId().getBytes(StandardCharsets.UTF_8));
    }

    /** Removes a segment that will never be committed. */
    public void discard(String dataId) {
        try (Batch b = storage.batch()) {
            b.deletePrefix(chunks, chunkPrefix(dataId));
            b.delete(pending, dataId.getBytes(StandardCharsets.UTF_8));
            b.commit();
        }
    }

    /** Discards each segment of the list. */
    public void discard(List<Segment> segments) {
        for (Segment s : segments) {
            discard(s.dataId());
        }
    }

    /**
     * Opens a reader of bytes {@code [offset, offset + length)} of the concatenated segments. Every
     * segment's scan is opened now, so the reader sees the object as it is at this moment even if it is
     * overwritten or deleted while being read.
     */
    public ChunkReader open(List<Segment> segments, long offset, long length) {
        List<ChunkReader.Part> parts = new ArrayList<>();
        long position = 0;
        long end = offset + length;
        try {
            for (Segment s : segments) {
                long segStart = position;
                long segEnd = position + s.size();
                position = segEnd;
                if (segEnd <= offset || segStart >= end || s.size() == 0) {
                    continue;
                }
                long from = Math.max(offset, segStart) - segStart;
                long to = Math.min(end, segEnd) - segStart;
                int firstChunk = (int) (from / CHUNK_SIZE);
                if (s.size() <= CHUNK_SIZE) {
                    // One chunk: a point read now is cheaper than an iterator and just as consistent.
                    parts.add(ChunkReader.Part.read(readWhole(chunkKey(s.dataId(), 0), (int) s.size()), from, to - from));
                    continue;
                }
                Scan scan = chunks.scanFrom(chunkPrefix(s.dataId()), chunkKey(s.dataId(), firstChunk));
                parts.add(ChunkReader.Part.scanned(scan, from - (long) firstChunk * CHUNK_SIZE, to - from));
            }
        } catch (RuntimeException e) {
            parts.forEach(p -> p.close(false));
            throw e;
        }
        return new ChunkReader(parts);
    }

    /**
     * A chunk read into pooled direct memory (the reader releases it), or null if it is gone. The buffer
     * comes from Netty's default (adaptive) allocator, as the socket's buffers do: the classic pooled
     * allocator frees a 4 MiB arena chunk as soon as its one 1 MiB buffer is released and zeroes a new one
     * for the next read, which cost as much as 0.2 ms per 1 MiB GET.
     */
    private ByteBuf readWhole(byte[] key, int size) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(size, size);
        try {
            int n = chunks.get(key, buf.nioBuffer(0, size));
            if (n < 0 || n > size) {
                buf.release();
                return null;
            }
            return buf.writerIndex(n);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    private static byte[] chunkPrefix(String dataId) {
        return Keys.builder().add(dataId).build();
    }

    private static byte[] chunkKey(String dataId, int index) {
        return Keys.builder().add(dataId).add(index).build();
    }
}
