package io.lakelet.core.spi;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of ports: interfaces defined in emulator-core (an object store, a catalog, a stream
 * reader) that one module provides and others use. Lookups happen at use time, not at start, so modules
 * may start in any order.
 */
public final class Ports {
    private final Map<Class<?>, Object> provided = new ConcurrentHashMap<>();

    public <T> void provide(Class<T> port, T implementation) {
        Object previous = provided.putIfAbsent(port, implementation);
        if (previous != null) {
            throw new IllegalStateException(port.getSimpleName() + " is already provided by " + previous);
        }
    }

    public <T> Optional<T> find(Class<T> port) {
        return Optional.ofNullable(port.cast(provided.get(port)));
    }

    /** The port, or an error naming the service that should have provided it. */
    public <T> T require(Class<T> port) {
        return find(port).orElseThrow(() -> new IllegalStateException(
                port.getSimpleName() + " is not available: the service that provides it is not running"));
    }
}
