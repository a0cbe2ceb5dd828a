package io.lakelet.s3;

import io.lakelet.core.error.AwsException;
import io.lakelet.core.events.ObjectEvent;
import io.lakelet.core.http.Exchange;
import io.lakelet.core.http.Request;
import io.lakelet.core.http.RequestContext;
import io.lakelet.core.http.Response;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceContext;
import io.lakelet.core.spi.ServiceDescriptor;
import io.lakelet.core.spi.ServiceModule;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test module that stands for another service: it keeps the context it is given and records object events. */
final class ContextProbe implements ServiceModule {
    final List<ObjectEvent> events = new CopyOnWriteArrayList<>();
    volatile ServiceContext context;

    @Override
    public ServiceDescriptor descriptor() {
        return new ServiceDescriptor("probe", "Probe", Set.of(), Set.of(), Protocol.AWS_JSON_1_1, "message");
    }

    @Override
    public HttpService start(ServiceContext context) {
        this.context = context;
        context.events().subscribe(ObjectEvent.class, events::add);
        return new HttpService() {
            @Override
            public void handle(Exchange exchange) {
                exchange.respond(Response.status(404).build());
            }

            @Override
            public Response renderError(AwsException error, Request request, RequestContext ctx) {
                return Response.status(error.status()).build();
            }
        };
    }
}
