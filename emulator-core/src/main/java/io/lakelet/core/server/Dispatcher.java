package io.lakelet.core.server;

import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.error.AwsException;
import io.lakelet.core.error.CommonErrors;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.http.Response;
import io.lakelet.core.protocol.JsonCodec;
import io.lakelet.core.protocol.JsonRpcService;
import io.lakelet.core.routing.Router;
import io.lakelet.core.routing.SigV4;
import io.lakelet.core.spi.HttpService;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Connects the channel handlers to the services: routes a request head to a service (on the event loop,
 * cheaply) and runs the service on a worker.
 */
final class Dispatcher {
    private final Router<ServiceRuntime> router;
    private final HttpService internal;
    private final ExecutorService workers;
    private final Clock clock;
    private final String defaultAccount;
    private final String defaultRegion;

    Dispatcher(Router<ServiceRuntime> router, HttpService internal, ExecutorService workers, Clock clock,
               LakeletConfig config) {
        this.router = router;
        this.internal = internal;
        this.workers = workers;
        this.clock = clock;
        // Read once: configuration lookups are too slow for the event loop's per-request path.
        this.defaultAccount = config.defaultAccount();
        this.defaultRegion = config.defaultRegion();
    }

    ExecutorService workers() {
        return workers;
    }

    /** Where a request goes: a service (or the internal endpoints), with its context. */
    record Target(HttpService service, String serviceId, RequestContext context) {
    }

    Target route(Request head) {
        if (head.rawPath().startsWith("/_lakelet/") || head.rawPath().startsWith("/moto-api/")) {
            return new Target(internal, "lakelet", context(head, null, "lakelet"));
        }
        Router.Route<ServiceRuntime> route = router.route(head);
        ServiceRuntime s = route.service();
        if (s == null) {
            return new Target(new UnroutedService(head, route.signature()), "unknown",
                    context(head, route.signature(), "unknown"));
        }
        return new Target(s.handler(), s.descriptor().id(), context(head, route.signature(), s.descriptor().id()));
    }

    private RequestContext context(Request head, SigV4 sig, String serviceId) {
        String accessKey = sig == null ? null : sig.accessKey();
        String account = SigV4.accountOf(accessKey);
        String region = sig == null || sig.region().isEmpty() ? defaultRegion : sig.region();
        return new RequestContext(newRequestId(), account == null ? defaultAccount : account, region,
                accessKey, serviceId, clock.instant());
    }

    static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                .toString();
    }

    /** Answers requests that no running service claims, in the form their client expects. */
    private record UnroutedService(Request head, SigV4 signature) implements HttpService {
        @Override
        public void handle(io.lakelet.core.http.Exchange exchange) {
            String target = head.header("X-Amz-Target");
            if (target != null && signature == null) {
                throw CommonErrors.unknownOperation(target);
            }
            String name = signature != null ? signature.service() : target;
            throw new AwsException("ServiceUnavailableException", 501,
                    "Lakelet does not run the service '" + name + "'. Check LAKELET_SERVICES.");
        }

        @Override
        public Response renderError(AwsException error, Request request, RequestContext context) {
            return JsonRpcService.renderJsonError(error, JsonRpcService.codecFor(request), "message", request, context, null);
        }
    }

    static JsonCodec jsonFor(Request request) {
        return JsonRpcService.codecFor(request);
    }
}
