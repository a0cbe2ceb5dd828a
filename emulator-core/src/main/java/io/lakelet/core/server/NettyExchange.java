package io.lakelet.core.server;

import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.http.Response;
import io.lakelet.core.http.ResponseStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** An exchange on a Netty channel: an HTTP/1.1 connection or one HTTP/2 stream. */
final class NettyExchange implements Exchange {
    private final Channel channel;
    private final Request request;
    private final RequestContext context;
    private final boolean keepAlive;
    private final RequestHandler owner;
    private final AtomicBoolean responded = new AtomicBoolean();
    private final Object writability = new Object();
    private volatile int status;

    NettyExchange(Channel channel, Request request, RequestContext context, boolean keepAlive, RequestHandler owner) {
        this.channel = channel;
        this.request = request;
        this.context = context;
        this.keepAlive = keepAlive;
        this.owner = owner;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public RequestContext context() {
        return context;
    }

    @Override
    public boolean responded() {
        return responded.get();
    }

    int status() {
        return status;
    }

    @Override
    public void respond(Response response) {
        if (!responded.compareAndSet(false, true)) {
            throw new IllegalStateException("the request " + context.requestId() + " was already answered");
        }
        status = response.status();
        DefaultFullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                Unpooled.wrappedBuffer(response.body(), response.bodyOffset(), response.bodyLength()));
        HttpHeaders h = out.headers();
        for (Map.Entry<String, String> e : response.headers()) {
            h.add(e.getKey(), e.getValue());
        }
        if (!h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, response.bodyLength());
        }
        finishHeaders(h);
        ChannelFuture f = channel.writeAndFlush(out);
        f.addListener(x -> owner.completed(this, x.isSuccess()));
    }

    @Override
    public ResponseStream stream(int status, List<Map.Entry<String, String>> headers, long contentLength) {
        if (!responded.compareAndSet(false, true)) {
            throw new IllegalStateException("the request " + context.requestId() + " was already answered");
        }
        this.status = status;
        DefaultHttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        HttpHeaders h = out.headers();
        for (Map.Entry<String, String> e : headers) {
            h.add(e.getKey(), e.getValue());
        }
        if (contentLength >= 0) {
            h.set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        } else {
            h.remove(HttpHeaderNames.CONTENT_LENGTH);
            HttpUtil.setTransferEncodingChunked(out, true);
        }
        finishHeaders(h);
        // Held back: the first body write sends it along, and a response that ends at once goes out as one
        // full message, one task for the event loop instead of two.
        return new Stream(out, contentLength >= 0);
    }

    private void finishHeaders(HttpHeaders h) {
        if (!keepAlive || owner.mustClose()) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
    }

    void writabilityChanged() {
        synchronized (writability) {
            writability.notifyAll();
        }
    }

    private final class Stream implements ResponseStream {
        private final AtomicBoolean ended = new AtomicBoolean();
        private final List<Runnable> closeActions = new CopyOnWriteArrayList<>();
        /** The response head until it is written (writers may follow one another on different threads). */
        private final AtomicReference<HttpResponse> head;
        /** Whether the head and a last buffer may go out as one full response (not a chunked one). */
        private final boolean fullWhenEndedAtOnce;

        Stream(HttpResponse head, boolean fullWhenEndedAtOnce) {
            this.head = new AtomicReference<>(head);
            this.fullWhenEndedAtOnce = fullWhenEndedAtOnce;
            channel.closeFuture().addListener(f -> runCloseActions());
        }

        /** Writes the head (not flushed) if it has not gone yet. */
        private void sendHead() {
            HttpResponse h = head.getAndSet(null);
            if (h != null) {
                channel.write(h);
            }
        }

        /** The last content, joined with the head into one full response when the head has not gone yet. */
        private LastHttpContent last(ByteBuf content) {
            HttpResponse h = fullWhenEndedAtOnce ? head.getAndSet(null) : null;
            if (h != null) {
                return new DefaultFullHttpResponse(h.protocolVersion(), h.status(), content, h.headers(),
                        EmptyHttpHeaders.INSTANCE);
            }
            sendHead();
            return new DefaultLastHttpContent(content);
        }

        @Override
        public boolean write(ByteBuffer bytes) {
            if (ended.get() || !channel.isActive()) {
                return false;
            }
            sendHead();
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
            awaitWritable();
            return channel.isActive();
        }

        @Override
        public ByteBuf allocate(int capacity) {
            return channel.alloc().directBuffer(capacity);
        }

        @Override
        public boolean write(ByteBuf bytes) {
            if (ended.get() || !channel.isActive()) {
                bytes.release();
                return false;
            }
            sendHead();
            channel.writeAndFlush(new DefaultHttpContent(bytes));
            awaitWritable();
            return channel.isActive();
        }

        @Override
        public void end(ByteBuf last) {
            if (ended.get()) {
                last.release();
                return;
            }
            finish(last(last));
        }

        private void awaitWritable() {
            if (channel.eventLoop().inEventLoop()) {
                return;
            }
            synchronized (writability) {
                while (!channel.isWritable() && channel.isActive()) {
                    try {
                        writability.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        @Override
        public void end() {
            if (!ended.get()) {
                finish(last(Unpooled.EMPTY_BUFFER));
            }
        }

        @Override
        public void end(ByteBuffer last) {
            if (!ended.get()) {
                finish(last(Unpooled.wrappedBuffer(last)));
            }
        }

        private void finish(LastHttpContent last) {
            if (!ended.compareAndSet(false, true)) {
                last.release();
                return;
            }
            channel.writeAndFlush(last).addListener(x -> {
                owner.completed(NettyExchange.this, x.isSuccess());
                runCloseActions();
            });
        }

        @Override
        public void abort() {
            if (ended.compareAndSet(false, true)) {
                channel.close();
                owner.completed(NettyExchange.this, false);
            }
        }

        @Override
        public boolean isOpen() {
            return !ended.get() && channel.isActive();
        }

        @Override
        public void onClose(Runnable action) {
            closeActions.add(action);
            if (ended.get() || !channel.isActive()) {
                runCloseActions();
            }
        }

        private void runCloseActions() {
            for (Runnable r : closeActions) {
                if (closeActions.remove(r)) {
                    r.run();
                }
            }
        }
    }
}
