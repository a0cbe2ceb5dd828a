package io.lakelet.core.server;

import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.events.EventBus;
import io.lakelet.core.routing.Router;
import io.lakelet.core.spi.HttpService;
import io.lakelet.core.spi.Ports;
import io.lakelet.core.spi.ServiceContext;
import io.lakelet.core.spi.ServiceModule;
import io.lakelet.core.storage.Storage;
import io.lakelet.core.storage.SyncPolicy;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lakelet server: opens the store, starts every service module found on the class path (or those
 * {@code LAKELET_SERVICES} names), and serves them all on one port. It owns the event loops, the worker
 * and scheduler threads and the store, and closes them in reverse order.
 */
public final class LakeletServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LakeletServer.class);

    private final LakeletConfig config;
    private final Clock clock;
    private final Storage storage;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final Ports ports = new Ports();
    private final EventBus events;
    private final List<ServiceRuntime> services = new ArrayList<>();
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final String transportDescription;
    private final Channel channel;
    private final int port;

    private LakeletServer(LakeletConfig config, Clock clock, List<ServiceModule> modules) throws Exception {
        this.config = config;
        this.clock = clock;
        SyncPolicy sync = SyncPolicy.parse(config.get(LakeletConfig.Keys.SYNC, "interval"));
        long blobCache = config.getLong(LakeletConfig.Keys.BLOB_CACHE_MB, Storage.DEFAULT_BLOB_CACHE_BYTES >> 20) << 20;
        this.storage = config.dataDir()
                .map(dir -> Storage.open(dir, sync, config.getLong(LakeletConfig.Keys.SYNC_INTERVAL_MS, 1000), blobCache))
                .orElseGet(() -> Storage.temporary(sync, blobCache));
        int threads = config.getInt(LakeletConfig.Keys.WORKER_THREADS, 256);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(Math.min(16, threads), threads, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threadFactory("lakelet-worker"));
        this.workers = pool;
        this.scheduler = Executors.newScheduledThreadPool(2, threadFactory("lakelet-timer"));
        this.events = new EventBus(workers);
        try {
            startServices(modules);
            Router<ServiceRuntime> router = new Router<>();
            for (ServiceRuntime s : services) {
                router.register(s.descriptor().id(), List.copyOf(s.descriptor().signingNames()),
                        List.copyOf(s.descriptor().targetPrefixes()), s);
            }
            Dispatcher dispatcher = new Dispatcher(router, new InternalEndpoints(this), workers, clock, config);
            SslContext ssl = config.getBoolean(LakeletConfig.Keys.TLS, false) ? Tls.selfSigned() : null;
            String transportSetting = config.get(LakeletConfig.Keys.TRANSPORT, "auto");
            SocketTransport transport = SocketTransport.choose(transportSetting);
            this.transportDescription = SocketTransport.describe(transportSetting);
            this.boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
            this.io = new MultiThreadIoEventLoopGroup(0, transport.ioHandlerFactory());
            ServerBootstrap b = new ServerBootstrap()
                    .group(boss, io)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024))
                    .childHandler(new ChannelSetup(dispatcher, ssl));
            this.channel = b.bind(config.host(), config.port()).sync().channel();
            this.port = ((InetSocketAddress) channel.localAddress()).getPort();
        } catch (Exception | Error e) {
            stopServices();
            scheduler.shutdownNow();
            workers.shutdownNow();
            storage.close();
            throw e;
        }
    }

    /** Starts a server with the modules found by {@link ServiceLoader} and the system clock. */
    public static LakeletServer start(LakeletConfig config) throws Exception {
        return start(config, Clock.systemUTC(), discover(config.services()));
    }

    public static LakeletServer start(LakeletConfig config, Clock clock, List<ServiceModule> modules) throws Exception {
        return new LakeletServer(config, clock, modules);
    }

    /** The service modules on the class path, restricted to {@code wanted} when it is not empty. */
    public static List<ServiceModule> discover(Set<String> wanted) {
        List<ServiceModule> found = new ArrayList<>();
        for (ServiceModule m : ServiceLoader.load(ServiceModule.class)) {
            if (wanted.isEmpty() || wanted.contains(m.descriptor().id())) {
                found.add(m);
            }
        }
        return found;
    }

    private void startServices(List<ServiceModule> modules) throws Exception {
        ServiceContext context = new ServiceContext() {
            @Override
            public LakeletConfig config() {
                return config;
            }

            @Override
            public Storage storage() {
                return storage;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public ExecutorService workers() {
                return workers;
            }

            @Override
            public ScheduledExecutorService scheduler() {
                return scheduler;
            }

            @Override
            public Ports ports() {
                return ports;
            }

            @Override
            public EventBus events() {
                return events;
            }
        };
        for (ServiceModule m : modules) {
            HttpService handler = m.start(context);
            services.add(new ServiceRuntime(m, m.descriptor(), handler));
        }
    }

    public int port() {
        return port;
    }

    public Storage storage() {
        return storage;
    }

    /** The socket transport in use and, when it is NIO, why. */
    public String transportDescription() {
        return transportDescription;
    }

    public Clock clock() {
        return clock;
    }

    public Ports ports() {
        return ports;
    }

    List<ServiceRuntime> services() {
        return Collections.unmodifiableList(services);
    }

    /** Ids of the running services. */
    public List<String> serviceIds() {
        return services.stream().map(s -> s.descriptor().id()).toList();
    }

    /** Clears all state and tells every service to drop its caches. */
    public synchronized void reset() {
        storage.clear();
        for (ServiceRuntime s : services) {
            s.module().reset();
        }
        LOG.info("all state was reset");
    }

    public static String version() {
        String v = LakeletServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private void stopServices() {
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).module().stop();
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed", services.get(i).descriptor().id(), e);
            }
        }
    }

    /** Stops accepting, lets requests in flight finish briefly, stops services, then closes the store. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopServices();
        scheduler.shutdownNow();
        storage.close();
    }

    private static ThreadFactory threadFactory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
