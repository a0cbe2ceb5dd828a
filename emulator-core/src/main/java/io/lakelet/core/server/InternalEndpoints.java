package io.lakelet.core.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lakelet.core.error.AwsException;
import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.http.Response;
import io.lakelet.core.protocol.ByteSink;
import io.lakelet.core.protocol.JsonCodec;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.core.spi.HttpService;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Lakelet's own endpoints: {@code GET /_lakelet/health} (version, services and their state, store),
 * {@code POST /_lakelet/reset} (clear all state, for tests), and {@code POST /moto-api/reset}, the same
 * reset under the path moto-style test suites call.
 */
final class InternalEndpoints implements HttpService {
    private final LakeletServer server;

    InternalEndpoints(LakeletServer server) {
        this.server = server;
    }

    @Override
    public void handle(Exchange exchange) {
        Request r = exchange.request();
        String path = r.rawPath();
        exchange.context().operation(path);
        switch (path) {
            case "/_lakelet/health", "/_lakelet/health/" -> {
                requireMethod(r, "GET", "HEAD");
                exchange.respond(json(200, this::writeHealth));
            }
            case "/_lakelet/reset", "/moto-api/reset" -> {
                requireMethod(r, "POST");
                server.reset();
                exchange.respond(json(200, g -> {
                    g.writeStartObject();
                    g.writeBooleanField("reset", true);
                    g.writeEndObject();
                }));
            }
            default -> throw new AwsException("NotFound", 404, "No Lakelet endpoint at " + path + ".");
        }
    }

    private static void requireMethod(Request r, String... methods) {
        for (String m : methods) {
            if (m.equals(r.method())) {
                return;
            }
        }
        throw new AwsException("MethodNotAllowed", 405, r.method() + " is not allowed on " + r.rawPath() + ".");
    }

    private void writeHealth(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("status", "running");
        g.writeStringField("version", LakeletServer.version());
        g.writeObjectFieldStart("services");
        for (ServiceRuntime s : server.services()) {
            g.writeStringField(s.descriptor().id(), "running");
        }
        g.writeEndObject();
        g.writeObjectFieldStart("storage");
        g.writeStringField("directory", server.storage().directory().toString());
        g.writeBooleanField("persistent", !server.storage().isTemporary());
        g.writeStringField("sync", server.storage().syncPolicy().name().toLowerCase(java.util.Locale.ROOT));
        g.writeEndObject();
        g.writeEndObject();
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static Response json(int status, Writer writer) {
        ByteSink sink = new ByteSink();
        try (JsonGenerator g = JsonCodec.JSON.factory().createGenerator(sink)) {
            g.useDefaultPrettyPrinter();
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sink.write('\n');
        return Response.status(status).header("Content-Type", "application/json")
                .body(sink.buffer(), 0, sink.size()).build();
    }

    @Override
    public Response renderError(AwsException error, Request request, RequestContext context) {
        return JsonRpcService.renderJsonError(error, JsonCodec.JSON, "message", request, context, null);
    }
}
