package io.lakelet.sql.query;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * The large buffers one scanning thread of one query reuses from row group to row group and from file to
 * file, instead of allocating them anew: the column chunks parquet-java reads from the object store, and
 * the decompressed data pages of numeric columns. Reading TPC-H's lineitem for Q6 allocated some 170 MB a
 * query in such buffers, most of them 1 MiB or more (G1 "humongous" objects, each zeroed when allocated and
 * each hastening a collection). Confined to its thread; dropped with the query.
 *
 * <p>Column-chunk buffers are handed back by parquet-java when the row group's page store is closed, which
 * {@link VectorSources} does once the row group's batches are done (the sinks have been told at
 * {@link VectorSources.Sink#endOfSource} that values may point into those pages). A page array is lent only
 * for a page read under a {@link #lendPageOnce loan} by a cursor that decodes the whole page before it reads the next.
 */
final class ScanBuffers implements ByteBufferAllocator {
    /** Column-chunk buffers are sized in steps of this, so that one buffer serves chunks of similar sizes. */
    private static final int STEP = 1 << 20;
    /** At most this many bytes of released column-chunk buffers are kept for reuse. */
    private static final long KEEP_BYTES = 64L << 20;

    private final List<ByteBuffer> free = new ArrayList<>();
    private long freeBytes;
    private byte[] page = new byte[0];
    private boolean pageLent;

    @Override
    public ByteBuffer allocate(int size) {
        int best = -1;
        for (int i = 0; i < free.size(); i++) {
            int capacity = free.get(i).capacity();
            if (capacity >= size && (best < 0 || capacity < free.get(best).capacity())) {
                best = i;
            }
        }
        if (best < 0) {
            long rounded = (size + (long) STEP - 1) / STEP * STEP;
            return ByteBuffer.allocate((int) Math.min(rounded, Integer.MAX_VALUE - 8)).limit(size);
        }
        ByteBuffer b = free.remove(best);
        freeBytes -= b.capacity();
        b.clear().limit(size);
        return b;
    }

    @Override
    public void release(ByteBuffer b) {
        if (!b.isDirect() && freeBytes + b.capacity() <= KEEP_BYTES) {
            free.add(b);
            freeBytes += b.capacity();
        }
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    /**
     * Lets the next page decompressed ({@link #pageArray}) go into the shared page array: the caller reads
     * that page to the end, keeping no reference into its bytes, before it reads another.
     */
    void lendPageOnce() {
        pageLent = true;
    }

    /** Withdraws a loan {@link #pageArray} did not take (the page was not compressed). */
    void endLoan() {
        pageLent = false;
    }

    /** The shared page array (at least {@code size} bytes) when a loan is open, else a new exact array. */
    byte[] pageArray(int size) {
        if (!pageLent) {
            return new byte[size];
        }
        pageLent = false;
        if (page.length < size) {
            page = new byte[size];
        }
        return page;
    }
}
