package io.lakelet.core;

import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.server.LakeletServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The main class: starts the server from the environment and stops it cleanly on SIGTERM or Ctrl-C. */
public final class Lakelet {
    private static final Logger LOG = LoggerFactory.getLogger(Lakelet.class);

    private Lakelet() {
    }

    public static void main(String[] args) throws Exception {
        LakeletConfig config = LakeletConfig.fromEnvironment();
        long start = System.nanoTime();
        LakeletServer server = LakeletServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping Lakelet");
            server.close();
        }, "lakelet-shutdown"));
        LOG.info("Lakelet {} listening on {}:{} in {} ms", LakeletServer.version(), config.host(), server.port(),
                (System.nanoTime() - start) / 1_000_000);
        LOG.info("services: {}", String.join(", ", server.serviceIds()));
        LOG.info("transport: {}", server.transportDescription());
        LOG.info("data: {} ({}, sync {})", server.storage().directory(),
                server.storage().isTemporary() ? "temporary, removed on exit" : "persistent",
                server.storage().syncPolicy().name().toLowerCase(java.util.Locale.ROOT));
        Thread.currentThread().join();
    }
}
