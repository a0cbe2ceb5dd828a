package io.lakelet.core.http;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * The body of a response that is sent while it is produced: S3 objects read chunk by chunk, event-stream
 * messages pushed as they happen. {@link #write} may block the calling worker thread while the client is
 * slow to read (so memory stays bounded); it never blocks the event loop.
 */
public interface ResponseStream {

    /**
     * Sends bytes. The buffer is handed over, not copied: do not change it afterwards. Returns false if the
     * client has gone. The response head goes out with the first write (or the end).
     */
    boolean write(ByteBuffer bytes);

    default boolean write(byte[] bytes) {
        return write(ByteBuffer.wrap(bytes));
    }

    /**
     * A buffer from the server's pool, in direct memory: fill it and hand it to {@link #write(ByteBuf)}, and
     * the socket takes the bytes without another copy. Release it yourself if you do not write it.
     */
    ByteBuf allocate(int capacity);

    /** Sends a buffer (its readable bytes), handing it over: it is released once written or refused. */
    boolean write(ByteBuf bytes);

    /** Sends the last buffer and ends the response in one step; the buffer is handed over. */
    void end(ByteBuf last);

    /** Ends the response. Further writes are ignored. */
    void end();

    /** Sends the last bytes and ends the response in one step (one flush instead of two). */
    default void end(ByteBuffer last) {
        write(last);
        end();
    }

    /** Aborts the response: the connection (or HTTP/2 stream) is reset, so the client sees a failure. */
    void abort();

    /** Whether the client is still connected. */
    boolean isOpen();

    /** Runs {@code action} once when the client goes away or the response ends. */
    void onClose(Runnable action);
}
