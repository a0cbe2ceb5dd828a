package io.lakelet.core.spi;

/**
 * One AWS service, found by {@link java.util.ServiceLoader}. The server asks each module for its
 * descriptor, starts it with a {@link ServiceContext}, and routes its requests to the returned
 * {@link HttpService}.
 *
 * <p>Modules never import each other: a module that needs another service uses a port from
 * {@link ServiceContext#ports()} that the owning module provides.
 */
public interface ServiceModule {

    ServiceDescriptor descriptor();

    /**
     * Starts the service: opens its keyspaces, provides its ports, recovers state after a restart, and
     * returns the handler of its requests.
     */
    HttpService start(ServiceContext context) throws Exception;

    /** Called after all state was cleared by the reset endpoint: drop every cache of stored state. */
    default void reset() {
    }

    /** Releases what {@link #start} acquired. Storage is closed by the server after every module stopped. */
    default void stop() {
    }
}
