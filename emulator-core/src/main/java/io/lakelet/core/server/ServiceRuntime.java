package io.lakelet.core.server;

import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.ServiceDescriptor;
import io.lakelet.core.spi.ServiceModule;

/** A started service: its module, descriptor and request handler. */
record ServiceRuntime(ServiceModule module, ServiceDescriptor descriptor, HttpService handler) {
}
