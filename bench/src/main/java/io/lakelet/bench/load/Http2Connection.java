package io.lakelet.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2EventAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.Map;

/**
 * An HTTP/2 connection with prior knowledge (cleartext, no upgrade), keeping {@code streams} requests in
 * flight. It drives Netty's HTTP/2 connection handler directly, one stream id per request, without child
 * channels: the client's cost per request is a HPACK-encoded HEADERS frame and a DATA frame.
 */
final class Http2Connection extends LoadConnection {
    private final Http2Headers headers;
    private final ByteBuf body;
    private final IntObjectMap<Pending> pending = new IntObjectHashMap<>();
    private Handler http2;
    private volatile boolean ready;

    /** A request in flight on one stream. */
    private static final class Pending {
        final long sentNanos;
        int status;

        Pending(long sentNanos) {
            this.sentNanos = sentNanos;
        }
    }

    Http2Connection(RunState state, RequestTemplate template, String authority, int streams) {
        super(state, streams);
        byte[] bytes = template.body();
        this.body = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        this.headers = new DefaultHttp2Headers()
                .method(template.method()).scheme("http").authority(authority).path(template.path());
        for (Map.Entry<String, String> h : template.headers()) {
            headers.add(h.getKey(), h.getValue());
        }
        if (template.sendsContentLength()) {
            headers.setInt("content-length", bytes.length);
        }
    }

    @Override
    void addTo(ChannelPipeline p) {
        http2 = new Builder(new Listener()).build();
        p.addLast(http2, this);
    }

    /** Whether the server's SETTINGS arrived: the connection is ready for {@link #start()}. */
    boolean ready() {
        return ready;
    }

    @Override
    protected void send() {
        Http2ConnectionEncoder encoder = http2.encoder();
        int id = encoder.connection().local().incrementAndGetNextStreamId();
        if (id < 0) {
            ctx.close();
            completed(System.nanoTime(), false, "stream ids exhausted");
            return;
        }
        pending.put(id, new Pending(System.nanoTime()));
        ChannelHandlerContext h = http2.context();
        encoder.writeHeaders(h, id, headers, 0, false, h.voidPromise());
        encoder.writeData(h, id, body.retainedDuplicate(), 0, true, h.voidPromise());
        // A flush per request, as SDK clients do (h2load instead writes once per batch of reads). From
        // this handler, behind the HTTP/2 handler: its flush() also writes the DATA frames waiting in its
        // flow controller, which a flush from its own context would skip.
        ctx.flush();
    }

    @Override
    protected void releaseRequest() {
        body.release();
    }

    private void finish(int streamId, String error) {
        Pending p = pending.remove(streamId);
        if (p == null) {
            return;
        }
        boolean ok = error == null && Http1Connection.success(p.status);
        completed(p.sentNanos, ok, ok ? null : error != null ? error : "HTTP status " + p.status);
    }

    /** Frames from the server. */
    private final class Listener extends Http2EventAdapter {
        @Override
        public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
            ready = true;
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers h, int padding,
                                  boolean endOfStream) {
            Pending p = pending.get(streamId);
            if (p != null && h.status() != null && p.status == 0) {
                p.status = Integer.parseInt(h.status().toString());
            }
            if (endOfStream) {
                finish(streamId, null);
            }
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers h, int streamDependency,
                                  short weight, boolean exclusive, int padding, boolean endOfStream) {
            onHeadersRead(ctx, streamId, h, padding, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            int consumed = data.readableBytes() + padding;
            if (endOfStream) {
                finish(streamId, null);
            }
            return consumed;
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
            finish(streamId, "stream reset: " + Http2Error.valueOf(errorCode));
        }

        @Override
        public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
            error("GOAWAY " + Http2Error.valueOf(errorCode));
        }
    }

    private static final class Handler extends Http2ConnectionHandler {
        private ChannelHandlerContext context;

        Handler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
            super(decoder, encoder, settings);
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
            this.context = ctx;
            super.handlerAdded(ctx);
        }

        ChannelHandlerContext context() {
            return context;
        }
    }

    private static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<Handler, Builder> {
        Builder(Listener listener) {
            server(false);
            frameListener(listener);
            initialSettings(Http2Settings.defaultSettings().pushEnabled(false).initialWindowSize(1024 * 1024));
            // Closing at the end of a run must not wait for streams the server never answered.
            gracefulShutdownTimeoutMillis(100);
        }

        @Override
        public Handler build() {
            return super.build();
        }

        @Override
        protected Handler build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                Http2Settings settings) {
            return new Handler(decoder, encoder, settings);
        }
    }
}
