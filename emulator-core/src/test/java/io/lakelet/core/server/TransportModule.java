package io.lakelet.core.server;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.http.Response;
import io.lakelet.core.http.ResponseStream;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceContext;
import io.lakelet.core.spi.ServiceDescriptor;
import io.lakelet.core.spi.ServiceModule;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A raw HTTP test double for transport tests: {@code PUT /count} streams the body and answers its length
 * and SHA-256; {@code PUT /reject} answers before reading the body; {@code GET /bytes?n=N} streams N
 * bytes; {@code GET /echo} answers the protocol version. Reached by signing for service "transport".
 */
final class TransportModule implements ServiceModule {
    static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("transport", "Transport", Set.of("transport"),
            Set.of(), Protocol.REST_XML, "message");

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public HttpService start(ServiceContext context) {
        return new HttpService() {
            @Override
            public boolean streamsBody(Request head) {
                return head.method().equals("PUT");
            }

            @Override
            public long maxAggregatedBody() {
                return 1024;
            }

            @Override
            public void handle(Exchange exchange) throws Exception {
                Request r = exchange.request();
                switch (r.method() + " " + r.rawPath()) {
                    case "PUT /count" -> {
                        MessageDigest sha = MessageDigest.getInstance("SHA-256");
                        long total = 0;
                        byte[] buf = new byte[65536];
                        try (InputStream in = r.bodyStream()) {
                            int n;
                            while ((n = in.read(buf)) > 0) {
                                sha.update(buf, 0, n);
                                total += n;
                            }
                        }
                        exchange.respond(Response.status(200)
                                .body(total + " " + HexFormat.of().formatHex(sha.digest()), "text/plain").build());
                    }
                    case "PUT /reject" -> throw new AwsException("Rejected", 403, "not reading that");
                    case "POST /small" -> exchange.respond(Response.status(200)
                            .body(Integer.toString(r.body().readAllBytes().length), "text/plain").build());
                    case "GET /bytes" -> {
                        long n = Long.parseLong(r.queryParam("n"));
                        ResponseStream out = exchange.stream(200, List.of(Map.entry("Content-Type",
                                "application/octet-stream")), n);
                        long sent = 0;
                        while (sent < n) {
                            int len = (int) Math.min(256 * 1024, n - sent);
                            byte[] chunk = new byte[len];
                            for (int i = 0; i < len; i++) {
                                chunk[i] = (byte) (sent + i);
                            }
                            if (!out.write(ByteBuffer.wrap(chunk))) {
                                return;
                            }
                            sent += len;
                        }
                        out.end();
                    }
                    case "GET /once" -> {
                        // A stream that ends at once with its only buffer (as a small S3 GET does).
                        byte[] body = ("once " + r.queryParam("tag")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        boolean declared = !"chunked".equals(r.queryParam("length"));
                        ResponseStream out = exchange.stream(200, List.of(Map.entry("Content-Type", "text/plain"),
                                Map.entry("x-once", "yes")), declared ? body.length : -1);
                        io.netty.buffer.ByteBuf last = out.allocate(body.length);
                        last.writeBytes(body);
                        out.end(last);
                    }
                    case "GET /echo" -> exchange.respond(Response.status(200)
                            .body(r.protocolVersion(), "text/plain").build());
                    default -> throw new AwsException("NotFound", 404, "no route " + r.rawPath());
                }
            }

            @Override
            public Response renderError(AwsException error, Request request, RequestContext context) {
                return Response.status(error.status()).body(error.code() + ": " + error.getMessage(), "text/plain")
                        .build();
            }
        };
    }
}
