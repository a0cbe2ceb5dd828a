package io.lakelet.core.spi;

import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.storage.Storage;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the server gives a service: configuration, the shared store, the clock every time-dependent
 * behaviour must read, executors, and the ports through which services use each other.
 */
public interface ServiceContext {

    LakeletConfig config();

    Storage storage();

    /** The clock of the whole server; tests replace it to control time. */
    Clock clock();

    /** Worker threads for blocking work (storage, streamed bodies). */
    ExecutorService workers();

    /** A scheduler for timers (state transitions, retention, buffering intervals). Keep tasks short. */
    ScheduledExecutorService scheduler();

    Ports ports();

    /** In-process events between services (S3 object events and the like). */
    io.lakelet.core.events.EventBus events();

    /** The default account id, for background work that has no request. */
    default String defaultAccount() {
        return config().defaultAccount();
    }

    default String defaultRegion() {
        return config().defaultRegion();
    }
}
