package io.lakelet.formats;

import io.lakelet.core.ports.ObjectStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An object written front to back of a size not known in advance (a Parquet file, a result CSV): the
 * bytes go to a temporary file, and {@link #close()} puts them in one atomic write, so a reader never sees
 * half an object and memory stays flat whatever the size. {@link #abort()} drops everything instead.
 */
public final class SpooledObject extends OutputStream {
    private final ObjectStore store;
    private final String account;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final Path file;
    private final OutputStream out;
    private long size;
    private boolean finished;

    public SpooledObject(ObjectStore store, String account, String bucket, String key, String contentType)
            throws IOException {
        this.store = store;
        this.account = account;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.file = Files.createTempFile("lakelet-spool-", ".tmp");
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 256 * 1024);
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        size += len;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Puts the object. */
    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            out.close();
            try (InputStream in = Files.newInputStream(file)) {
                store.put(account, bucket, key, in, size, contentType, Map.of());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Drops the bytes: nothing is put. */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is deleted next either way
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }
}
