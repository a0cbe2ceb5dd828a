package io.lakelet.s3.store;

import io.lakelet.core.storage.Scan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Reads a byte range of an object chunk by chunk from scans opened (or single chunks read) when the read
 * began. Either pull
 * slices with {@link #next()} (no copying: GET writes them straight to the response) or read it as an
 * {@link InputStream}. Close it to release the scans.
 */
public final class ChunkReader extends InputStream {

    /**
     * One segment's share of the range: read through a scan, or, for a segment of a single chunk, from
     * that chunk read whole when the read began ({@code single}; null when the chunk was already gone).
     */
    record Part(Scan scan, byte[] single, long skip, long length) {
        static Part scanned(Scan scan, long skip, long length) {
            return new Part(scan, null, skip, length);
        }

        static Part read(byte[] chunk, long skip, long length) {
            return new Part(null, chunk, skip, length);
        }

        void close() {
            if (scan != null) {
                scan.close();
            }
        }
    }

    private final List<Part> parts;
    private int partIndex;
    private long skip;
    private long remainingInPart;
    private ByteBuffer current;
    /** Whether the current part's single chunk has been handed out. */
    private boolean singleTaken;
    private boolean closed;

    ChunkReader(List<Part> parts) {
        this.parts = parts;
        if (!parts.isEmpty()) {
            skip = parts.get(0).skip();
            remainingInPart = parts.get(0).length();
        }
    }

    /** The next slice of bytes, or null at the end. The slice stays valid until the next call. */
    public ByteBuffer next() throws IOException {
        while (partIndex < parts.size()) {
            Part part = parts.get(partIndex);
            if (remainingInPart > 0) {
                byte[] chunk;
                if (part.scan() != null && part.scan().hasNext()) {
                    chunk = part.scan().next().value();
                } else if (part.scan() == null && part.single() != null && !singleTaken) {
                    chunk = part.single();
                    singleTaken = true;
                } else {
                    throw new IOException("object data is missing: the object was removed while being read");
                }
                if (skip >= chunk.length) {
                    skip -= chunk.length;
                    continue;
                }
                int from = (int) skip;
                int n = (int) Math.min(chunk.length - from, remainingInPart);
                skip = 0;
                remainingInPart -= n;
                return ByteBuffer.wrap(chunk, from, n);
            }
            part.close();
            partIndex++;
            singleTaken = false;
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
            for (Part p : parts) {
                p.close();
            }
        }
    }
}
