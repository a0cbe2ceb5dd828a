package io.lakelet.formats.parquet;

import io.lakelet.core.ports.ObjectStore;
import io.lakelet.formats.SpooledObject;
import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} that becomes one object of the {@link ObjectStore} when the writer closes
 * it, through a {@link SpooledObject}: a reader never sees half a file.
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
        return new Position(new SpooledObject(store, account, bucket, key, "application/octet-stream"));
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return create(blockSizeHint);
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

    private static final class Position extends PositionOutputStream {
        private final SpooledObject out;

        Position(SpooledObject out) {
            this.out = out;
        }

        @Override
        public long getPos() {
            return out.size();
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
