package io.lakelet.formats.parquet;

import io.lakelet.core.ports.ObjectStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} that becomes one object of the {@link ObjectStore} when the writer closes
 * it. The bytes are spooled to a temporary file first (a Parquet file is written front to back but may
 * be large), then put in one atomic write, so a reader never sees half a file and a failed write leaves
 * nothing behind.
 */
public final class ObjectStoreOutputFile implements OutputFile {
    private final ObjectStore store;
    private final String account;
    private final String bucket;
    private final String key;

    public ObjectStoreOutputFile(ObjectStore store, String account, String bucket, String key) {
        this.store = store;
        this.account = account;
        this.bucket = bucket;
        this.key = key;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return new Spool();
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return new Spool();
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return "s3://" + bucket + "/" + key;
    }

    private final class Spool extends PositionOutputStream {
        private final Path file;
        private final OutputStream out;
        private long pos;
        private boolean closed;

        Spool() throws IOException {
            file = Files.createTempFile("lakelet-parquet-", ".spool");
            out = new BufferedOutputStream(Files.newOutputStream(file), 256 * 1024);
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            pos += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
                try (InputStream in = Files.newInputStream(file)) {
                    store.put(account, bucket, key, in, pos, "application/octet-stream", Map.of());
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
