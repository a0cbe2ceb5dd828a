package io.lakelet.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A request body: either aggregated in memory before the operation runs (JSON services) or streamed to
 * the operation while the client is still sending it (S3 uploads). Reading a streamed body blocks the
 * reading worker thread, never the event loop; the server stops reading from the socket while the
 * operation falls behind, so memory stays bounded.
 */
public interface RequestBody {

    /** The body as a stream. A streamed body can be read once. */
    InputStream stream();

    /** The declared length (Content-Length), or -1 when the client did not declare one. */
    long declaredLength();

    /** Whether the whole body is already in memory. */
    boolean isAggregated();

    /** The whole body as bytes (a copy); fine for small bodies. */
    default byte[] readAllBytes() {
        try (InputStream in = stream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty, aggregated body. */
    RequestBody EMPTY = new RequestBody() {
        @Override
        public InputStream stream() {
            return InputStream.nullInputStream();
        }

        @Override
        public long declaredLength() {
            return 0;
        }

        @Override
        public boolean isAggregated() {
            return true;
        }
    };
}
