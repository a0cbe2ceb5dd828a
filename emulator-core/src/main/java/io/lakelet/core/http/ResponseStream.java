package io.lakelet.core.http;

import java.nio.ByteBuffer;

/**
 * The body of a response that is sent while it is produced: S3 objects read chunk by chunk, event-stream
 * messages pushed as they happen. {@link #write} may block the calling worker thread while the client is
 * slow to read (so memory stays bounded); it never blocks the event loop.
 */
public interface ResponseStream {

    /** Sends bytes; the buffer may be reused once this returns. Returns false if the client has gone. */
    boolean write(ByteBuffer bytes);

    default boolean write(byte[] bytes) {
        return write(ByteBuffer.wrap(bytes));
    }

    /** Ends the response. Further writes are ignored. */
    void end();

    /** Aborts the response: the connection (or HTTP/2 stream) is reset, so the client sees a failure. */
    void abort();

    /** Whether the client is still connected. */
    boolean isOpen();

    /** Runs {@code action} once when the client goes away or the response ends. */
    void onClose(Runnable action);
}
