package io.lakelet.core.server;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.CommonErrors;
import io.lakelet.core.http.Headers;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestBody;
import io.lakelet.core.http.Response;
import io.lakelet.core.spi.HttpService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns HTTP messages into exchanges, one request at a time per HTTP/1.1 connection or HTTP/2 stream.
 * Everything here runs on the event loop and only parses, routes and hands over: services run on
 * workers. A body is aggregated (up to the service's limit) or streamed, as the service chose.
 *
 * <p>While a request is being served the channel stops reading, so a pipelining client's next request
 * waits its turn and the order of responses is the order of requests.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger("io.lakelet.requests");
    private static final Logger ERRORS = LoggerFactory.getLogger(RequestHandler.class);

    /** A body left unread by an early answer is drained up to this size to keep the connection; beyond, it closes. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final Dispatcher dispatcher;
    private ChannelHandlerContext ctx;

    // State of the request in flight; touched only on the event loop.
    private Dispatcher.Target target;
    private Request head;
    private boolean keepAlive;
    private CompositeByteBuf aggregate;
    private long aggregateLimit;
    private volatile StreamingBody streaming;
    private boolean discarding;
    private boolean bodyComplete;
    private volatile boolean closeAfterResponse;
    private volatile boolean drainable;
    private long startNanos;
    private volatile NettyExchange current;
    /** The whole request is in and its answer is not yet written. */
    private boolean awaitingAnswer;
    /** Whether the current request has been answered (possibly before its body was all in). */
    private boolean answered;
    /** Messages of later requests that arrived while one was awaiting its answer. */
    private final java.util.ArrayDeque<Object> pending = new java.util.ArrayDeque<>();

    RequestHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (awaitingAnswer || !pending.isEmpty()) {
            // A pipelining client's next request: it waits its turn, so responses keep the order of
            // requests, and the socket stops being read until then so the queue stays short. Clients that
            // wait for each answer (all SDKs) never get here and never pay for pausing the socket.
            pending.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        process(msg);
    }

    private void process(Object msg) {
        try {
            if (msg instanceof HttpRequest req) {
                onHead(req);
            }
            if (msg instanceof HttpContent content) {
                onContent(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(HttpRequest req) {
        startNanos = System.nanoTime();
        answered = false;
        bodyComplete = false;
        discarding = false;
        closeAfterResponse = false;
        keepAlive = HttpUtil.isKeepAlive(req);
        if (req.decoderResult().isFailure()) {
            sendPlain(HttpResponseStatus.BAD_REQUEST, "Malformed HTTP request.");
            closeAfterResponse = true;
            discarding = true;
            return;
        }
        String version = ctx.channel() instanceof Http2StreamChannel ? "HTTP/2.0" : req.protocolVersion().text();
        Request routing = new Request(req.method().name(), req.uri(), new Headers(req.headers()), version, RequestBody.EMPTY);
        target = dispatcher.route(routing);
        HttpService service = target.service();
        long declared = HttpUtil.getContentLength(req, -1L);
        boolean hasBody = declared > 0 || HttpUtil.isTransferEncodingChunked(req);
        drainable = declared >= 0 && declared <= DRAIN_LIMIT;
        if (hasBody && service.streamsBody(routing)) {
            streaming = new StreamingBody(declared, new StreamingBody.ReadControl() {
                @Override
                public void pause() {
                    ctx.channel().config().setAutoRead(false);
                }

                @Override
                public void resume() {
                    ctx.executor().execute(() -> {
                        ctx.channel().config().setAutoRead(true);
                        ctx.read();
                    });
                }
            });
            head = new Request(routing.method(), routing.uri(), routing.headers(), version, streaming);
            dispatch(head, null);
            return;
        }
        head = routing;
        aggregateLimit = service.maxAggregatedBody();
        if (declared > aggregateLimit) {
            fail(CommonErrors.payloadTooLarge(aggregateLimit));
            closeAfterResponse = true;
            discarding = true;
            return;
        }
        aggregate = hasBody ? ctx.alloc().compositeBuffer(1024) : null;
    }

    private void onContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (discarding) {
            if (last) {
                bodyComplete = true;
            }
            return;
        }
        if (streaming != null) {
            streaming.offer(content.content().retain());
            if (last) {
                streaming.end();
                bodyComplete = true;
                pauseUntilAnswered();
            }
            return;
        }
        if (aggregate != null && content.content().isReadable()) {
            if (aggregate.readableBytes() + content.content().readableBytes() > aggregateLimit) {
                aggregate.release();
                aggregate = null;
                discarding = true;
                closeAfterResponse = true;
                fail(CommonErrors.payloadTooLarge(aggregateLimit));
                return;
            }
            aggregate.addComponent(true, content.content().retain());
        }
        if (last) {
            bodyComplete = true;
            ByteBuf body = aggregate == null ? Unpooled.EMPTY_BUFFER : aggregate;
            aggregate = null;
            AggregatedBody aggregated = new AggregatedBody(body);
            Request full = new Request(head.method(), head.uri(), head.headers(), head.protocolVersion(), aggregated);
            pauseUntilAnswered();
            dispatch(full, aggregated);
        }
    }

    /** The whole request is in: anything that arrives before it is answered waits in {@link #pending}. */
    private void pauseUntilAnswered() {
        if (!answered) {
            awaitingAnswer = true;
        }
    }

    private void dispatch(Request request, AggregatedBody aggregated) {
        Dispatcher.Target t = target;
        NettyExchange exchange = new NettyExchange(ctx.channel(), request, t.context(), keepAlive, this);
        current = exchange;
        Runnable task = () -> {
            try {
                t.service().handle(exchange);
            } catch (AwsException e) {
                answerError(exchange, t, e);
            } catch (Throwable e) {
                ERRORS.error("{} {} failed in {}", request.method(), request.rawPath(), t.serviceId(), e);
                answerError(exchange, t, CommonErrors.internal("Lakelet failed to complete the request: " + e));
            } finally {
                // An aggregated body lives until handle() returns (HttpService's contract).
                if (aggregated != null) {
                    aggregated.release();
                }
            }
        };
        try {
            dispatcher.workers().execute(task);
        } catch (RejectedExecutionException e) {
            if (aggregated != null) {
                aggregated.release();
            }
            answerError(exchange, t, new AwsException("ServiceUnavailable", 503, "Lakelet is overloaded; retry later."));
        }
    }

    private static void answerError(NettyExchange exchange, Dispatcher.Target t, AwsException e) {
        if (exchange.responded()) {
            ERRORS.warn("an error followed the response to {}: {}", exchange.context().requestId(), e.toString());
            return;
        }
        Response r;
        try {
            r = t.service().renderError(e, exchange.request(), exchange.context());
        } catch (RuntimeException renderFailure) {
            ERRORS.error("rendering an error failed", renderFailure);
            r = Response.status(e.status()).body(e.code() + ": " + e.getMessage(), "text/plain").build();
        }
        exchange.respond(r);
    }

    private void fail(AwsException e) {
        NettyExchange exchange = new NettyExchange(ctx.channel(), head, target.context(), false, this);
        answerError(exchange, target, e);
    }

    /** Called when the response was written (or failed); may run on any thread. */
    void completed(NettyExchange exchange, boolean success) {
        if (ctx.executor().inEventLoop()) {
            afterResponse(exchange, success);
        } else {
            ctx.executor().execute(() -> afterResponse(exchange, success));
        }
    }

    private void afterResponse(NettyExchange exchange, boolean success) {
        answered = true;
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} {} {}ms", exchange.context().serviceId(),
                    exchange.context().operation() != null ? exchange.context().operation()
                            : exchange.request().method() + " " + exchange.request().rawPath(),
                    exchange.status(), exchange.context().requestId(),
                    (System.nanoTime() - startNanos) / 1_000_000);
        }
        if (streaming != null) {
            if (!streaming.isEnded()) {
                // Answered before the whole body arrived: drain the rest (or close, see mustClose).
                streaming.abandon();
                discarding = true;
                closeAfterResponse |= !drainable;
            }
            streaming = null;
        }
        if (!success || closeAfterResponse && (bodyComplete || !(ctx.channel() instanceof Http2StreamChannel))) {
            ctx.close();
            return;
        }
        if (!keepAlive && !(ctx.channel() instanceof Http2StreamChannel)) {
            ctx.close();
            return;
        }
        awaitingAnswer = false;
        while (!awaitingAnswer && !pending.isEmpty() && ctx.channel().isActive()) {
            process(pending.poll());
        }
        if (!awaitingAnswer && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    /** Whether the connection closes after this response (a large body left unread, a malformed request). */
    boolean mustClose() {
        StreamingBody body = streaming;
        return closeAfterResponse || body != null && !body.isEnded() && !drainable;
    }

    private void sendPlain(HttpResponseStatus status, String text) {
        DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(text, java.nio.charset.StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(f -> ctx.close());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        NettyExchange exchange = current;
        if (exchange != null) {
            exchange.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Object m;
        while ((m = pending.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
        if (aggregate != null) {
            aggregate.release();
            aggregate = null;
        }
        if (streaming != null) {
            streaming.fail(new IOException("the client closed the connection before sending the whole body"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection error: {}", cause.toString());
        } else {
            ERRORS.warn("closing a connection after an unexpected error", cause);
        }
        ctx.close();
    }
}
