package io.lakelet.bench.server;

import io.lakelet.bench.Benchmark;
import io.lakelet.bench.Options;
import io.lakelet.bench.Report;
import io.lakelet.bench.load.H2load;
import io.lakelet.bench.load.LoadGenerator;
import io.lakelet.bench.load.RequestTemplate;
import io.lakelet.bench.load.Scenario;
import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.server.LakeletServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Requests per second and latency of the server core: a Lakelet server in this JVM with only
 * {@link BenchKinesisModule}, driven by {@link LoadGenerator} over HTTP/1.1 and h2c with JSON and CBOR
 * PutRecord bodies; then, if installed, h2load against the same server as a cross-check.
 */
public final class ServerCoreBenchmark implements Benchmark {
    static final String DEFAULT_SCENARIOS =
            "h1-json-1,h1-json-16,h1-cbor-16,h2c-json-1x1,h2c-json-4x16,h2c-cbor-4x16";

    @Override
    public String name() {
        return "server";
    }

    @Override
    public String description() {
        return "server core: a no-op Kinesis PutRecord over HTTP/1.1 and h2c, JSON and CBOR (about 55 s)";
    }

    @Override
    public List<String> optionHelp() {
        return List.of(
                "--scenarios=" + DEFAULT_SCENARIOS,
                "             <h1|h2c>-<json|cbor>-<connections>[x<streams per connection>]",
                "--jit-warmup=4s      load once at the start over every protocol and body, not recorded",
                "--warmup=2s          load before each timed run, not recorded",
                "--duration=5s        timed run per scenario (ends earlier at --max-requests)",
                "--max-requests=1000000  responses recorded per scenario at most",
                "--client-threads=1   event loop threads of the load generator",
                "--data-bytes=100     record data per PutRecord",
                "--h2load=auto        auto: cross-check with h2load when on the PATH; off: never",
                "--h2load-seconds=3   approximate length of each h2load run");
    }

    @Override
    public void run(Options options, Report report) throws Exception {
        List<Scenario> scenarios = Scenario.parseList(options.get("scenarios", DEFAULT_SCENARIOS));
        Duration warmup = options.getDuration("warmup", Duration.ofSeconds(2));
        Duration duration = options.getDuration("duration", Duration.ofSeconds(5));
        long maxRequests = options.getLong("max-requests", 1_000_000);
        int clientThreads = options.getInt("client-threads", 1);
        int dataBytes = options.getInt("data-bytes", 100);
        String h2loadMode = options.get("h2load", "auto");
        int h2loadSeconds = options.getInt("h2load-seconds", 3);
        Duration jitWarmup = options.getDuration("jit-warmup", Duration.ofSeconds(4));
        options.rejectUnknown();
        if (!h2loadMode.equals("auto") && !h2loadMode.equals("off")) {
            throw new IllegalArgumentException("--h2load is auto or off, not '" + h2loadMode + "'");
        }

        report.describeMachine();
        LakeletConfig config = LakeletConfig.of(Map.of(
                LakeletConfig.Keys.HOST, "127.0.0.1",
                LakeletConfig.Keys.PORT, "0"));
        Map<String, RequestTemplate> requests = new LinkedHashMap<>();
        for (String body : List.of("json", "cbor")) {
            requests.put(body, PutRecordRequests.of(body, dataBytes));
        }
        try (LakeletServer server = LakeletServer.start(config, Clock.systemUTC(), List.of(new BenchKinesisModule()));
             LoadGenerator load = new LoadGenerator(clientThreads)) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.port());
            report.note("server: in-process LakeletServer on %s, module %s (PutRecord, stores nothing), "
                    + "defaults otherwise (I/O threads 2 x cores, worker pool)", target, BenchKinesisModule.class.getSimpleName());
            report.note("load: Netty closed-loop clients in the same JVM, %d event loop thread(s); requests encoded "
                    + "once and resent; warm-up %d ms, then %d ms or %,d responses per scenario",
                    load.threads(), warmup.toMillis(), duration.toMillis(), maxRequests);
            report.note("      (same JVM: one command, one JIT warm-up; a second process would share the same "
                    + "cores, and h2load below is the out-of-process cross-check)");
            report.note("request: %s, JSON body %d bytes, CBOR body %d bytes, %d bytes of record data",
                    PutRecordRequests.TARGET, requests.get("json").body().length,
                    requests.get("cbor").body().length, dataBytes);
            warmUpJit(report, load, scenarios, requests, target, jitWarmup);
            report.note("");
            List<Report.Row> ours = new ArrayList<>();
            for (Scenario s : scenarios) {
                LoadGenerator.Result r = load.run(s, requests.get(s.body()), target, warmup, duration, maxRequests);
                Report.Row row = new Report.Row("lakelet", s.protocol().label(), s.body(), s.connections(),
                        s.streams(), r.requests(), r.requestsPerSecond(), r.latencies().percentileMicros(0.50),
                        r.latencies().percentileMicros(0.99), r.latencies().meanMicros(), r.cpuMicrosPerRequest(),
                        r.errors());
                report.row(row);
                ours.add(row);
                if (r.firstError() != null) {
                    report.note("    first error: %s", r.firstError());
                }
            }
            if (!h2loadMode.equals("off")) {
                crossCheck(report, scenarios, ours, requests, target, maxRequests, h2loadSeconds);
            }
        }
        report.noteFinalLoad();
    }

    /**
     * Runs every protocol and body of the scenarios once with a few requests in flight, so that the JIT
     * has compiled the common paths before the first timed run. Errors here are reported: a server that
     * fails its first concurrent requests must not look clean.
     */
    private static void warmUpJit(Report report, LoadGenerator load, List<Scenario> scenarios,
                                  Map<String, RequestTemplate> requests, InetSocketAddress target,
                                  Duration total) throws Exception {
        List<Scenario> kinds = new ArrayList<>();
        for (Scenario s : scenarios) {
            Scenario kind = s.protocol() == Scenario.Protocol.HTTP1
                    ? new Scenario(s.protocol(), s.body(), 4, 1) : new Scenario(s.protocol(), s.body(), 1, 4);
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        if (total.isZero() || kinds.isEmpty()) {
            return;
        }
        Duration each = total.dividedBy(kinds.size());
        for (Scenario kind : kinds) {
            LoadGenerator.Result r = load.run(kind, requests.get(kind.body()), target, each, Duration.ZERO, Long.MAX_VALUE);
            if (r.errors() > 0) {
                report.note("JIT warm-up %s: %d error(s), the first: %s", kind, r.errors(), r.firstError());
            }
        }
        report.note("JIT warm-up: %d ms over %s", total.toMillis(), kinds);
    }

    /** h2load with the JSON scenario of each protocol that has the most requests in flight. */
    private static void crossCheck(Report report, List<Scenario> scenarios, List<Report.Row> ours,
                                   Map<String, RequestTemplate> requests, InetSocketAddress target,
                                   long maxRequests, int seconds) {
        Optional<H2load> h2load = H2load.find();
        if (h2load.isEmpty()) {
            report.note("");
            report.note("h2load: not on the PATH (Debian package nghttp2-client); cross-check skipped");
            return;
        }
        report.note("");
        report.note("cross-check: %s (separate process, 1 thread); it reports the mean, not percentiles",
                h2load.get().executable());
        Map<Scenario.Protocol, Scenario> chosen = scenarios.stream()
                .filter(s -> s.body().equals("json"))
                .collect(Collectors.toMap(Scenario::protocol, s -> s,
                        (a, b) -> a.concurrency() >= b.concurrency() ? a : b, LinkedHashMap::new));
        for (Scenario s : chosen.values().stream().sorted(Comparator.comparing(Scenario::protocol)).toList()) {
            double ourRate = ours.get(scenarios.indexOf(s)).requestsPerSecond();
            long n = Math.max(1_000, Math.min(maxRequests, (long) (ourRate * seconds)));
            try {
                H2load.Result r = h2load.get().run(s, requests.get(s.body()), target, n,
                        Duration.ofSeconds(Math.max(30, 10L * seconds)));
                report.row(new Report.Row("h2load", s.protocol().label(), s.body(), s.connections(), s.streams(),
                        r.requests(), r.requestsPerSecond(), Double.NaN, Double.NaN, r.meanMicros(), Double.NaN,
                        r.errors()));
                for (String line : r.summary()) {
                    report.note("    %s", line);
                }
            } catch (Exception e) {
                report.note("  h2load %s failed: %s", s, e.getMessage());
            }
        }
    }
}
