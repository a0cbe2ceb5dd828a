package io.lakelet.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A keep-alive HTTP/1.1 connection with one request in flight (no pipelining, as SDK clients do). The
 * request is encoded to bytes once and resent; responses go through Netty's decoder. Any 2xx answer counts
 * as a success (a WebDAV PUT answers 201 or 204).
 */
final class Http1Connection extends LoadConnection {
    private final ByteBuf request;
    private long sentNanos;
    private int status;
    private String errorBody;

    Http1Connection(RunState state, RequestTemplate template, String authority) {
        super(state, 1);
        this.request = encode(template, authority);
    }

    @Override
    void addTo(ChannelPipeline p) {
        p.addLast(new HttpResponseDecoder(), this);
    }

    /** The whole request as bytes: request line, headers, body. */
    static ByteBuf encode(RequestTemplate t, String authority) {
        StringBuilder head = new StringBuilder();
        head.append(t.method()).append(' ').append(t.path()).append(" HTTP/1.1\r\n");
        head.append("host: ").append(authority).append("\r\n");
        for (Map.Entry<String, String> h : t.headers()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        byte[] body = t.body();
        if (t.sendsContentLength()) {
            head.append("content-length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteBuf buf = Unpooled.directBuffer();
        return buf.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII)).writeBytes(body);
    }

    @Override
    protected void send() {
        sentNanos = System.nanoTime();
        ctx.writeAndFlush(request.retainedDuplicate(), ctx.voidPromise());
    }

    @Override
    protected void releaseRequest() {
        request.release();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse r) {
                status = r.status().code();
                if (r.decoderResult().isFailure()) {
                    error("undecodable response: " + r.decoderResult().cause());
                    ctx.close();
                    return;
                }
            }
            if (msg instanceof HttpContent content && !success(status) && errorBody == null) {
                errorBody = content.content().toString(StandardCharsets.UTF_8);
            }
            if (msg instanceof LastHttpContent) {
                boolean ok = success(status);
                completed(sentNanos, ok, ok ? null : "HTTP status " + status + ": " + errorBody);
                errorBody = null;
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    static boolean success(int status) {
        return status >= 200 && status < 300;
    }
}
