package io.lakelet.s3.store;

import io.lakelet.core.storage.Scan;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Reads a byte range of an object chunk by chunk from scans opened (or single chunks read) when the read
 * began. GET pulls direct buffers with {@link #next(IntFunction)}: RocksDB copies each chunk straight into
 * pooled direct memory that the socket sends as it is. Other readers pull slices with {@link #next()} or read
 * it as an {@link InputStream}; those chunks are read one after another into one direct buffer the reader
 * owns, not each into a new 1 MiB array. Close it to release the scans, that buffer and any chunk not handed
 * out.
 */
public final class ChunkReader extends InputStream {

    /**
     * One segment's share of the range: read through a scan, or, for a segment of a single chunk, from
     * that chunk read whole when the read began ({@code single}; null when the chunk was already gone).
     */
    record Part(Scan scan, ByteBuf single, long skip, long length) {
        static Part scanned(Scan scan, long skip, long length) {
            return new Part(scan, null, skip, length);
        }

        /** A part read whole now, into a direct buffer the reader owns (null when the chunk was gone). */
        static Part read(ByteBuf chunk, long skip, long length) {
            return new Part(null, chunk, skip, length);
        }

        void close(boolean singleHandedOut) {
            if (scan != null) {
                scan.close();
            }
            if (single != null && !singleHandedOut) {
                single.release();
            }
        }
    }

    private final List<Part> parts;
    private int partIndex;
    private long skip;
    private long remainingInPart;
    private ByteBuffer current;
    /** Where {@link #next()} reads scanned chunks; allocated on first use. */
    private ByteBuf scratch;
    /** Whether the current part's single chunk has been read, and whether its ownership went with it. */
    private boolean singleTaken;
    private boolean singleHandedOut;
    private boolean closed;

    ChunkReader(List<Part> parts) {
        this.parts = parts;
        if (!parts.isEmpty()) {
            skip = parts.get(0).skip();
            remainingInPart = parts.get(0).length();
        }
    }

    /** The next slice of bytes, or null at the end; valid until the next call. */
    public ByteBuffer next() throws IOException {
        ByteBuf b = next(null, false);
        return b == null ? null : b.nioBuffer();
    }

    /**
     * The next slice of bytes in a buffer from {@code allocate} (or a chunk read when the reader opened),
     * handed over to the caller, or null at the end.
     */
    public ByteBuf next(IntFunction<ByteBuf> allocate) throws IOException {
        return next(allocate, true);
    }

    private ByteBuf next(IntFunction<ByteBuf> allocate, boolean handOver) throws IOException {
        while (partIndex < parts.size()) {
            Part part = parts.get(partIndex);
            if (remainingInPart > 0) {
                ByteBuf chunk;
                if (part.scan() != null && part.scan().hasNext()) {
                    if (!handOver && scratch == null) {
                        scratch = ByteBufAllocator.DEFAULT.directBuffer(ChunkStore.CHUNK_SIZE, ChunkStore.CHUNK_SIZE);
                    }
                    chunk = handOver ? allocate.apply(ChunkStore.CHUNK_SIZE) : scratch.clear();
                    int n = part.scan().nextValueInto(chunk.nioBuffer(0, chunk.capacity()));
                    if (n > chunk.capacity()) {
                        if (handOver) {
                            chunk.release();
                        }
                        throw new IOException("a chunk of " + n + " bytes is larger than the chunk size");
                    }
                    chunk.writerIndex(n);
                } else if (part.scan() == null && part.single() != null && !singleTaken) {
                    chunk = handOver ? part.single() : part.single().duplicate();
                    singleTaken = true;
                    singleHandedOut = handOver;
                } else {
                    throw new IOException("object data is missing: the object was removed while being read");
                }
                int length = chunk.readableBytes();
                if (skip >= length) {
                    skip -= length;
                    if (handOver) {
                        chunk.release();
                    }
                    continue;
                }
                int from = (int) skip;
                int n = (int) Math.min(length - from, remainingInPart);
                skip = 0;
                remainingInPart -= n;
                return chunk.setIndex(chunk.readerIndex() + from, chunk.readerIndex() + from + n);
            }
            part.close(singleHandedOut);
            partIndex++;
            singleTaken = false;
            singleHandedOut = false;
            if (partIndex < parts.size()) {
                skip = parts.get(partIndex).skip();
                remainingInPart = parts.get(partIndex).length();
            }
        }
        return null;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || !current.hasRemaining()) {
            if (closed) {
                return -1;
            }
            current = next();
            if (current == null) {
                return -1;
            }
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (scratch != null) {
                scratch.release();
                scratch = null;
            }
            for (int i = partIndex; i < parts.size(); i++) {
                parts.get(i).close(i == partIndex && singleHandedOut);
            }
        }
    }
}
