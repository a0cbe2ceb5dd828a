package io.lakelet.core.server;

import io.lakelet.core.http.RequestBody;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A request body handed to a worker while the client is still sending it. The event loop
 * {@link #offer offers} chunks; the worker reads them through {@link #stream()}. When more than
 * {@link #HIGH_WATER} bytes wait unread the server stops reading from the socket (TCP or HTTP/2 flow
 * control then slows the client), and resumes below {@link #LOW_WATER}, so memory per upload is bounded.
 */
final class StreamingBody implements RequestBody {
    static final int HIGH_WATER = 4 * 1024 * 1024;
    static final int LOW_WATER = 1024 * 1024;

    /** What the body tells the connection about reading. */
    interface ReadControl {
        void pause();

        void resume();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private final long declaredLength;
    private final ReadControl control;
    private long buffered;
    private boolean ended;
    private boolean abandoned;
    private boolean paused;
    private IOException failure;
    private boolean streamTaken;

    StreamingBody(long declaredLength, ReadControl control) {
        this.declaredLength = declaredLength;
        this.control = control;
    }

    /** Called on the event loop with a retained chunk; ownership passes to the body. */
    void offer(ByteBuf chunk) {
        lock.lock();
        try {
            if (abandoned || ended || failure != null) {
                chunk.release();
                return;
            }
            if (chunk.isReadable()) {
                chunks.add(chunk);
                buffered += chunk.readableBytes();
                available.signalAll();
                if (buffered > HIGH_WATER && !paused) {
                    paused = true;
                    control.pause();
                }
            } else {
                chunk.release();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The client has sent the whole body. */
    void end() {
        lock.lock();
        try {
            ended = true;
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The connection failed or closed before the body was complete: readers see an IOException. */
    void fail(IOException e) {
        lock.lock();
        try {
            if (!ended) {
                failure = e;
            }
            available.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The service answered without reading everything: drop what is left and keep the socket reading. */
    void abandon() {
        lock.lock();
        try {
            abandoned = true;
            releaseAll();
            available.signalAll();
            if (paused) {
                paused = false;
                control.resume();
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isEnded() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    private void releaseAll() {
        ByteBuf b;
        while ((b = chunks.poll()) != null) {
            b.release();
        }
        buffered = 0;
    }

    @Override
    public long declaredLength() {
        return declaredLength;
    }

    @Override
    public boolean isAggregated() {
        return false;
    }

    @Override
    public InputStream stream() {
        lock.lock();
        try {
            if (streamTaken) {
                throw new IllegalStateException("a streamed body can be read once");
            }
            streamTaken = true;
        } finally {
            lock.unlock();
        }
        return new Stream();
    }

    private final class Stream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            lock.lock();
            try {
                while (chunks.isEmpty()) {
                    if (failure != null) {
                        throw failure;
                    }
                    if (ended || abandoned) {
                        return -1;
                    }
                    try {
                        available.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while reading the request body", e);
                    }
                }
                ByteBuf head = chunks.peek();
                int n = Math.min(len, head.readableBytes());
                head.readBytes(b, off, n);
                buffered -= n;
                if (!head.isReadable()) {
                    chunks.poll().release();
                }
                if (paused && buffered < LOW_WATER) {
                    paused = false;
                    control.resume();
                }
                return n;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return (int) Math.min(Integer.MAX_VALUE, buffered);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            // Closing the stream does not abandon the body; the exchange does when it answers.
        }
    }
}
