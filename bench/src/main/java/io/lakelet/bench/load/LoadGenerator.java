package io.lakelet.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A closed-loop load generator on Netty: for a {@link Scenario} it opens the connections to a loopback
 * address, runs a warm-up, then a timed run bounded by time and by request count, and returns what the
 * timed run measured. Its event loop threads are its own, separate from the server's.
 */
public final class LoadGenerator implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private final EventLoopGroup group;
    private final int threads;

    /**
     * What a timed run measured. Errors include the warm-up and the drain after the run. CPU time is that
     * of this process's Java threads (server and client) during the timed run: unlike requests/s, it
     * depends little on what else runs on the machine. {@code wholeCpuNanos} is the whole process's over the
     * same time: native threads (RocksDB's flushes and compactions), the JIT compilers and the GC as well.
     */
    public record Result(Scenario scenario, long requests, double seconds, LatencyHistogram latencies,
                         long errors, String firstError, long cpuNanos, long wholeCpuNanos) {
        public double requestsPerSecond() {
            return seconds <= 0 ? 0 : requests / seconds;
        }

        /** Process CPU time per request in microseconds, NaN when not known. */
        public double cpuMicrosPerRequest() {
            return cpuNanos < 0 || requests == 0 ? Double.NaN : cpuNanos / 1000.0 / requests;
        }

        /** The whole process's CPU time per request in microseconds, NaN when not known. */
        public double wholeCpuMicrosPerRequest() {
            return wholeCpuNanos < 0 || requests == 0 ? Double.NaN : wholeCpuNanos / 1000.0 / requests;
        }
    }

    public LoadGenerator(int threads) {
        this.threads = threads;
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    public int threads() {
        return threads;
    }

    public Result run(Scenario scenario, RequestTemplate template, InetSocketAddress target, Duration warmup,
                      Duration duration, long maxRequests) throws Exception {
        requireLoopback(target);
        String authority = target.getHostString() + ":" + target.getPort();
        RunState state = new RunState(maxRequests);
        Supplier<LoadConnection> factory = () -> scenario.protocol() == Scenario.Protocol.HTTP1
                ? new Http1Connection(state, template, authority)
                : new Http2Connection(state, template, authority, scenario.streams());
        List<LoadConnection> connections = connect(scenario.connections(), target, factory);
        long cpuNanos;
        long wholeCpuNanos;
        try {
            awaitReady(connections);
            for (LoadConnection c : connections) {
                c.channel().eventLoop().execute(c::start);
            }
            Thread.sleep(warmup.toMillis());
            long cpuBefore = processCpuNanos();
            long wholeBefore = wholeProcessCpuNanos();
            state.beginMeasure();
            state.awaitEnd(duration.toNanos());
            long cpuAfter = processCpuNanos();
            long wholeAfter = wholeProcessCpuNanos();
            cpuNanos = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
            wholeCpuNanos = wholeBefore < 0 || wholeAfter < 0 ? -1 : wholeAfter - wholeBefore;
            drain(connections);
        } finally {
            for (LoadConnection c : connections) {
                c.channel().close().syncUninterruptibly();
            }
        }
        LatencyHistogram all = new LatencyHistogram();
        long errors = 0;
        String firstError = null;
        for (LoadConnection c : connections) {
            // Read on the connection's event loop: its fields are written there.
            LoadConnection.Stats s = c.channel().eventLoop().submit(c::stats).get();
            all.add(s.histogram());
            errors += s.errors();
            firstError = firstError != null ? firstError : s.firstError();
        }
        return new Result(scenario, all.count(), state.measuredSeconds(), all, errors, firstError, cpuNanos,
                wholeCpuNanos);
    }

    private List<LoadConnection> connect(int count, InetSocketAddress target, Supplier<LoadConnection> factory)
            throws Exception {
        List<LoadConnection> out = new ArrayList<>();
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
        try {
            for (int i = 0; i < count; i++) {
                LoadConnection c = factory.get();
                b.clone().handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        c.addTo(ch.pipeline());
                    }
                }).connect(target).sync();
                out.add(c);
            }
        } catch (Exception e) {
            for (LoadConnection c : out) {
                c.channel().close();
            }
            throw e;
        }
        return out;
    }

    private static void awaitReady(List<LoadConnection> connections) throws InterruptedException {
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        for (LoadConnection c : connections) {
            while (c instanceof Http2Connection h2 && !h2.ready()) {
                if (System.nanoTime() > deadline || !c.channel().isActive()) {
                    throw new IllegalStateException("the server did not answer the HTTP/2 preface with SETTINGS");
                }
                Thread.sleep(1);
            }
        }
    }

    /** Waits (briefly) for the answers still in flight after the run stopped. */
    private static void drain(List<LoadConnection> connections) throws Exception {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        for (LoadConnection c : connections) {
            while (c.inFlight() > 0 && c.channel().isActive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            c.channel().eventLoop().submit(c::abandonInFlight).get();
        }
    }

    /**
     * CPU time of the Java threads of this process (server and load generator; not the JIT compiler or
     * GC threads, which would dominate at low rates), or -1 when the JVM cannot tell. A thread that ends
     * during a run loses its share, which the worker pool's 60 s keep-alive makes rare.
     */
    private static long processCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
            return -1;
        }
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t > 0) {
                sum += t;
            }
        }
        return sum;
    }

    /** CPU time of the whole process, every thread (native, JIT, GC) included, or -1 when the JVM cannot tell. */
    private static long wholeProcessCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static void requireLoopback(InetSocketAddress target) {
        InetAddress address = target.getAddress();
        if (address == null || !address.isLoopbackAddress()) {
            throw new IllegalArgumentException("load is only sent to a loopback address, not " + target);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
