package io.lakelet.core.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;

/**
 * The pipeline of a connection on Lakelet's one port. Cleartext connections speak HTTP/1.1, HTTP/2 with
 * prior knowledge (detected from the first bytes, as the JS SDK v3 and the Java async clients send it),
 * or HTTP/2 after an {@code Upgrade: h2c}. With TLS enabled the same port also accepts TLS, detected from
 * the ClientHello, and negotiates h2 or http/1.1 by ALPN.
 *
 * <p>Each HTTP/2 stream becomes a child channel that speaks HTTP/1-style message objects, so one
 * {@link RequestHandler} serves both versions.
 */
final class ChannelSetup extends ChannelInitializer<Channel> {
    private static final int MAX_INITIAL_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 64 * 1024;
    private static final int MAX_CHUNK = 256 * 1024;
    private static final int MAX_UPGRADE_BODY = 16 * 1024 * 1024;

    private final Dispatcher dispatcher;
    private final SslContext ssl;

    ChannelSetup(Dispatcher dispatcher, SslContext ssl) {
        this.dispatcher = dispatcher;
        this.ssl = ssl;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (ssl == null) {
            cleartext(ch.pipeline());
            return;
        }
        ch.pipeline().addLast(new OptionalSslHandler(ssl) {
            @Override
            protected io.netty.handler.ssl.SslHandler newSslHandler(ChannelHandlerContext ctx, SslContext context) {
                // TLS: once the handshake completes, ALPN decides between h2 and http/1.1.
                ctx.pipeline().addAfter(ctx.name(), "alpn", new Alpn());
                return super.newSslHandler(ctx, context);
            }

            @Override
            protected ChannelHandler newNonSslHandler(ChannelHandlerContext ctx) {
                return new io.netty.channel.ChannelHandlerAdapter() {
                    @Override
                    public void handlerAdded(ChannelHandlerContext c) {
                        // Cleartext on a TLS-enabled port: the same pipeline as without TLS.
                        cleartext(c.pipeline());
                        c.pipeline().remove(this);
                    }
                };
            }
        });
    }

    /** HTTP/1.1 with h2c upgrade and prior-knowledge detection. */
    private void cleartext(ChannelPipeline p) {
        HttpServerCodec codec = http1Codec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec,
                protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(http2FrameCodec(), new Http2MultiplexHandler(streamSetup()))
                        : null,
                MAX_UPGRADE_BODY) {
            @Override
            protected boolean shouldHandleUpgradeRequest(io.netty.handler.codec.http.HttpRequest req) {
                // Upgrading would mean holding the whole body in memory first; answer in HTTP/1.1 instead,
                // as RFC 9113 allows. The client upgrades on a later request without a body.
                return HttpUtil.getContentLength(req, 0L) == 0 && !HttpUtil.isTransferEncodingChunked(req)
                        && super.shouldHandleUpgradeRequest(req);
            }
        };
        p.addLast(new CleartextHttp2ServerUpgradeHandler(codec, upgrade, http2Setup()));
        addHttp1Handlers(p);
        p.addLast("h2-switch", new SwitchToHttp2());
    }

    private void addHttp1Handlers(ChannelPipeline p) {
        p.addLast("h1-keepalive", new HttpServerKeepAliveHandler());
        p.addLast("h1-continue", new HttpServerExpectContinueHandler());
        p.addLast("h1-handler", new RequestHandler(dispatcher));
    }

    private static HttpServerCodec http1Codec() {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADERS)
                .setMaxChunkSize(MAX_CHUNK));
    }

    private static io.netty.handler.codec.http2.Http2FrameCodec http2FrameCodec() {
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(1000)
                        .initialWindowSize(1024 * 1024)
                        .maxHeaderListSize(MAX_HEADERS))
                .validateHeaders(true)
                .build();
    }

    /** Put in place of the cleartext detector when a client starts with the HTTP/2 preface. */
    private ChannelHandler http2Setup() {
        return new io.netty.channel.ChannelHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                // In place, not at the end: the HTTP/1 handlers behind it are still there at this moment.
                ctx.pipeline().addAfter(ctx.name(), "h2-codec", http2FrameCodec());
                ctx.pipeline().addAfter("h2-codec", "h2-multiplex", new Http2MultiplexHandler(streamSetup()));
                ctx.pipeline().remove(this);
            }
        };
    }

    private ChannelHandler streamSetup() {
        return new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                ch.pipeline().addLast(new HttpServerExpectContinueHandler());
                ch.pipeline().addLast(new RequestHandler(dispatcher));
            }
        };
    }

    /**
     * Once a connection has become HTTP/2 (prior knowledge or upgrade), the HTTP/1 handlers behind the
     * codec are removed; connection-level HTTP/2 frames that reach the end of the pipeline are released.
     */
    private static final class SwitchToHttp2 extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof CleartextHttp2ServerUpgradeHandler.PriorKnowledgeUpgradeEvent
                    || evt instanceof HttpServerUpgradeHandler.UpgradeEvent) {
                ChannelPipeline p = ctx.pipeline();
                for (String name : new String[] {"h1-keepalive", "h1-continue", "h1-handler"}) {
                    if (p.get(name) != null) {
                        p.remove(name);
                    }
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** After a TLS handshake, sets up the protocol ALPN chose (HTTP/1.1 is already in place). */
    private final class Alpn extends ApplicationProtocolNegotiationHandler {
        Alpn() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            ChannelPipeline p = ctx.pipeline();
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                p.addLast(http2FrameCodec(), new Http2MultiplexHandler(streamSetup()), new SwitchToHttp2());
            } else {
                p.addLast(http1Codec());
                addHttp1Handlers(p);
            }
        }
    }
}
