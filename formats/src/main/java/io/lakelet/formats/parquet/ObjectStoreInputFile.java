package io.lakelet.formats.parquet;

import io.lakelet.core.ports.ObjectStore;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over one object of the {@link ObjectStore}: every seek becomes a ranged read
 * of the object, so a reader that asks for the footer and a few column chunks reads those bytes and no
 * others. Every byte handed to the reader is added to {@code bytesRead}, which is how Athena reports
 * DataScannedInBytes truthfully.
 */
public final class ObjectStoreInputFile implements InputFile {
    private final ObjectStore store;
    private final String account;
    private final String bucket;
    private final String key;
    private final long length;
    private final LongAdder bytesRead;

    /** {@code length} is the object's size as a listing or head gave it. */
    public ObjectStoreInputFile(ObjectStore store, String account, String bucket, String key, long length,
                                LongAdder bytesRead) {
        this.store = store;
        this.account = account;
        this.bucket = bucket;
        this.key = key;
        this.length = length;
        this.bytesRead = bytesRead == null ? new LongAdder() : bytesRead;
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new RangedStream();
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * Reads from the object at the current position; a seek that moves forward within a short gap skips
     * bytes on the open stream, any other move reopens it at the new offset.
     */
    private final class RangedStream extends SeekableInputStream {
        private static final long SKIP_WITHIN = 64 * 1024;
        private InputStream current;
        private long currentPos;
        private long pos;

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0 || newPos > length) {
                throw new EOFException("seek to " + newPos + " outside an object of " + length + " bytes");
            }
            pos = newPos;
        }

        private InputStream positioned() throws IOException {
            if (current != null && pos >= currentPos && pos - currentPos <= SKIP_WITHIN) {
                while (currentPos < pos) {
                    long skipped = current.skip(pos - currentPos);
                    if (skipped <= 0) {
                        break;
                    }
                    currentPos += skipped;
                }
                if (currentPos == pos) {
                    return current;
                }
            }
            closeCurrent();
            current = store.read(account, bucket, key, pos, -1);
            currentPos = pos;
            return current;
        }

        @Override
        public int read() throws IOException {
            if (pos >= length) {
                return -1;
            }
            int b = positioned().read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos >= length) {
                return -1;
            }
            int n = positioned().read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(int n) {
            pos += n;
            currentPos += n;
            bytesRead.add(n);
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(bytes, 0, bytes.length);
        }

        @Override
        public void readFully(byte[] bytes, int start, int len) throws IOException {
            int done = 0;
            while (done < len) {
                int n = read(bytes, start + done, len - done);
                if (n < 0) {
                    throw new EOFException("object ended after " + pos + " bytes, " + (len - done) + " more wanted");
                }
                done += n;
            }
        }

        @Override
        public int read(ByteBuffer buf) throws IOException {
            if (buf.hasArray()) {
                int n = read(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
                if (n > 0) {
                    buf.position(buf.position() + n);
                }
                return n;
            }
            byte[] chunk = new byte[Math.min(buf.remaining(), 64 * 1024)];
            int n = read(chunk, 0, chunk.length);
            if (n > 0) {
                buf.put(chunk, 0, n);
            }
            return n;
        }

        @Override
        public void readFully(ByteBuffer buf) throws IOException {
            while (buf.hasRemaining()) {
                if (read(buf) < 0) {
                    throw new EOFException("object ended after " + pos + " bytes");
                }
            }
        }

        private void closeCurrent() throws IOException {
            if (current != null) {
                InputStream c = current;
                current = null;
                c.close();
            }
        }

        @Override
        public void close() throws IOException {
            closeCurrent();
        }
    }
}
