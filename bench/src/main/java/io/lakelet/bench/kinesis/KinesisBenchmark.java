package io.lakelet.bench.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakelet.bench.BenchFiles;
import io.lakelet.bench.Benchmark;
import io.lakelet.bench.JitWarmup;
import io.lakelet.bench.Options;
import io.lakelet.bench.Report;
import io.lakelet.bench.load.LoadGenerator;
import io.lakelet.bench.load.RequestTemplate;
import io.lakelet.bench.load.Scenario;
import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.server.LakeletServer;
import io.lakelet.kinesis.KinesisModule;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Kinesis Data Streams speed (issue 5, "Benchmark"): PutRecords throughput and PutRecord latency through
 * Lakelet's Kinesis (in this JVM, a RocksDB store in a temporary directory with the default durability),
 * in JSON and CBOR, each compared in the same run with the npm peers kinesalite and kinesis-local driven by
 * the same load generator; then a GetRecords drain of everything written.
 */
public final class KinesisBenchmark implements Benchmark {
    private static final String STREAM = "bench";
    /**
     * Longest wait for a peer to go idle after its run, before the next run: kinesis-local may still be
     * working through abandoned 500-record calls for many seconds, on the CPUs the next run needs.
     */
    private static final Duration PEER_SETTLE = Duration.ofSeconds(30);
    /** The JIT warm-up repeats until the compilers take less than this share of a round's wall time. */

    @Override
    public String name() {
        return "kinesis";
    }

    @Override
    public String description() {
        return "Kinesis PutRecords (500 x 1 KiB) and PutRecord, JSON and CBOR, vs kinesalite and kinesis-local; "
                + "GetRecords drain (about 3 min)";
    }

    @Override
    public List<String> optionHelp() {
        return List.of(
                "--shards=4             shards of the stream",
                "--bodies=json,cbor     encodings of the PutRecords and PutRecord runs",
                "--connections=4        HTTP/1.1 connections (producers) for PutRecords",
                "--records=500          records per PutRecords call",
                "--data-bytes=1024      data per record",
                "--single-connections=1,4  connections of the PutRecord runs, one run each",
                "--jit-warmup=4s        load on Lakelet over every request at the start, not recorded; repeated",
                "                       until the JIT compilers are nearly idle, up to --jit-warmup-max=30s",
                "--warmup=1s            load before each timed run, not recorded",
                "--duration=5s          timed run (ends earlier at the bounds below)",
                "--max-records=2000000  records acknowledged per PutRecords run at most",
                "--max-requests=200000  responses per PutRecord run at most",
                "--client-threads=1     event loop threads of the load generator",
                "--drain=json,cbor      encodings of the GetRecords drains after the puts, 'off' for none",
                "--drain-limit=10000    GetRecords Limit",
                "--drain-timeout=60s    longest drain",
                "--subscribe-records=300  records for the SubscribeToShard latency run (0: none)",
                "--kinesalite=auto      auto: compare with kinesalite when npm and node are on the PATH; off: never",
                "--kinesalite-dir=<tmp>/lakelet-bench-kinesalite  where kinesalite is installed once and kept",
                "--kinesis-local=auto   auto: compare with kinesis-local (kinesis-mock on Node.js) too; off: never",
                "--kinesis-local-dir=<tmp>/lakelet-bench-kinesis-local  where kinesis-local is installed once and kept");
    }

    /** The settings of a run. */
    private record Settings(int shards, List<String> bodies, int connections, int records, int dataBytes,
                            List<Integer> singleConnections, Duration jitWarmup, Duration jitWarmupMax,
                            Duration warmup, Duration duration,
                            long maxRecords, long maxRequests, List<String> drainBodies, int drainLimit,
                            Duration drainTimeout) {
    }

    @Override
    public void run(Options options, Report report) throws Exception {
        Settings s = new Settings(options.getInt("shards", 4), list(options.get("bodies", "json,cbor")),
                options.getInt("connections", 4), options.getInt("records", 500), options.getInt("data-bytes", 1024),
                list(options.get("single-connections", "1,4")).stream().map(Integer::parseInt).toList(),
                options.getDuration("jit-warmup", Duration.ofSeconds(4)),
                options.getDuration("jit-warmup-max", Duration.ofSeconds(30)),
                options.getDuration("warmup", Duration.ofSeconds(1)),
                options.getDuration("duration", Duration.ofSeconds(5)), options.getLong("max-records", 2_000_000),
                options.getLong("max-requests", 200_000), list(options.get("drain", "json,cbor")),
                options.getInt("drain-limit", 10_000), options.getDuration("drain-timeout", Duration.ofSeconds(60)));
        int clientThreads = options.getInt("client-threads", 1);
        int subscribeRecords = options.getInt("subscribe-records", 300);
        List<PeerChoice> peerChoices = new ArrayList<>();
        for (NodePeer.Kind kind : List.of(NodePeer.KINESALITE, NodePeer.KINESIS_LOCAL)) {
            String mode = options.get(kind.name(), "auto");
            Path dir = Path.of(options.get(kind.name() + "-dir",
                    Path.of(System.getProperty("java.io.tmpdir"), "lakelet-bench-" + kind.name()).toString()));
            if (!mode.equals("auto") && !mode.equals("off")) {
                throw new IllegalArgumentException("--" + kind.name() + " is auto or off, not '" + mode + "'");
            }
            peerChoices.add(new PeerChoice(kind, mode.equals("auto"), dir));
        }
        options.rejectUnknown();
        s.bodies().forEach(KinesisRequests::codec);
        List<String> drains = s.drainBodies().equals(List.of("off")) ? List.of() : s.drainBodies();
        drains.forEach(KinesisRequests::codec);

        report.describeMachine();
        Path dir = Files.createTempDirectory("lakelet-kinesis-bench");
        LakeletConfig config = LakeletConfig.of(Map.of(
                LakeletConfig.Keys.HOST, "127.0.0.1",
                LakeletConfig.Keys.PORT, "0",
                LakeletConfig.Keys.DATA_DIR, dir.toString()));
        List<Peer> peers = new ArrayList<>();
        try (LakeletServer server = LakeletServer.start(config, Clock.systemUTC(), List.of(new KinesisModule()));
             LoadGenerator load = new LoadGenerator(clientThreads)) {
            for (PeerChoice choice : peerChoices) {
                NodePeer started = startPeer(report, choice);
                if (started != null) {
                    peers.add(new Peer(started, new ArrayList<>()));
                }
            }
            InetSocketAddress lakelet = new InetSocketAddress("127.0.0.1", server.port());
            report.note("lakelet: in-process LakeletServer on %s with KinesisModule, RocksDB store in %s, default "
                    + "durability and threads", lakelet, dir);
            report.note("load: Netty closed-loop clients in this JVM, %d event loop thread(s), HTTP/1.1 keep-alive "
                    + "connections, one request in flight each; requests encoded once and resent; warm-up %d ms, "
                    + "then %d ms (or %,d records / %,d PutRecord calls) per run", load.threads(), s.warmup().toMillis(),
                    s.duration().toMillis(), s.maxRecords(), s.maxRequests());
            if (!peers.isEmpty()) {
                report.note("order: for each request, %s first, each once the Node.js process before it is idle, "
                        + "then Lakelet, whose row has the ratio to the best of them",
                        String.join(", then ", peers.stream().map(p -> p.process().name()).toList()));
            }
            report.note("PutRecords: %d records of %d bytes per call, each with its own random partition key (one body "
                    + "resent: every call gets new sequence numbers); records/s = calls/s x %d; MiB/s = record data",
                    s.records(), s.dataBytes(), s.records());
            new KinesisApi(lakelet, "json").createStream(STREAM, s.shards(), Duration.ofSeconds(30));
            long expected = probe(report, "lakelet", lakelet, s.bodies(), s.records(), s.dataBytes());
            for (Peer peer : peers) {
                new KinesisApi(peer.process().address(), "json").createStream(STREAM, s.shards(), Duration.ofSeconds(30));
                peer.supported().addAll(supportedRequests(report, peer.process(), s.bodies(), s.records(), s.dataBytes()));
            }
            warmUpJit(report, load, lakelet, s);
            report.note("");
            Scenario producers = new Scenario(Scenario.Protocol.HTTP1, "-", s.connections(), 1);
            long maxCalls = Math.max(1, s.maxRecords() / s.records());
            for (String body : s.bodies()) {
                RequestTemplate t = KinesisRequests.putRecords(STREAM, body, s.records(), s.dataBytes());
                String label = "PutRecords " + body;
                Map<String, Double> reference = measurePeers(report, load, peers, producers, label, t, s, maxCalls,
                        s.records());
                expected += measure(report, load, "lakelet", producers, label, t, lakelet, s, maxCalls, s.records(),
                        reference).requests() * s.records();
            }
            for (int connections : s.singleConnections()) {
                Scenario single = new Scenario(Scenario.Protocol.HTTP1, "-", connections, 1);
                for (String body : s.bodies()) {
                    RequestTemplate t = KinesisRequests.putRecord(STREAM, body, s.dataBytes());
                    String label = "PutRecord " + body;
                    Map<String, Double> reference = measurePeers(report, load, peers, single, label, t, s,
                            s.maxRequests(), 1);
                    expected += measure(report, load, "lakelet", single, label, t, lakelet, s, s.maxRequests(), 1,
                            reference).requests();
                }
            }
            for (String body : drains) {
                report.note("");
                DrainRun.Result r = new DrainRun(lakelet, STREAM, body, s.drainLimit(), s.drainTimeout()).run();
                DrainRun.report(report, "lakelet", body, r, expected);
            }
            if (subscribeRecords > 0) {
                report.note("");
                new SubscribeRun(lakelet, subscribeRecords, Duration.ofMillis(10)).run(report);
            }
        } finally {
            for (Peer peer : peers) {
                peer.process().close();
            }
            BenchFiles.deleteTree(dir);
        }
        report.noteFinalLoad();
        report.note("ratio: lakelet req/s (= records/s) / req/s of the best peer (kinesalite, kinesis-local) for the "
                + "same request and connections in this run; targets from issue 5: >= 100,000 records/s acknowledged, "
                + "PutRecord p99 < 2,000 us, ratio >= 2 against the best peer");
    }

    /** A peer to start or not, and where it is installed. */
    private record PeerChoice(NodePeer.Kind kind, boolean wanted, Path dir) {
    }

    /** A running peer and the requests (labels) it answers correctly. */
    private record Peer(NodePeer process, List<String> supported) {
    }

    /**
     * Runs a request against every peer that answers it, each after the one before has gone idle; returns
     * req/s by peer name, in run order.
     */
    private static Map<String, Double> measurePeers(Report report, LoadGenerator load, List<Peer> peers,
                                                    Scenario scenario, String label, RequestTemplate t, Settings s,
                                                    long maxRequests, int recordsPerCall) throws Exception {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (Peer peer : peers) {
            if (peer.supported().contains(label)) {
                rates.put(peer.process().name(), measure(report, load, peer.process().name(), scenario, label, t,
                        peer.process().address(), s, maxRequests, recordsPerCall, Map.of()).requestsPerSecond());
                Duration waited = peer.process().awaitIdle(PEER_SETTLE);
                if (waited.compareTo(Duration.ofSeconds(2)) > 0) {
                    report.note("    %s went idle %.1f s after its run%s", peer.process().name(),
                            waited.toMillis() / 1000.0,
                            waited.compareTo(PEER_SETTLE) >= 0 ? " (still busy: gave up waiting)" : "");
                }
            }
        }
        return rates;
    }

    /** One timed run; reports a row (and records/s for a batch) and returns what it measured. */
    private static LoadGenerator.Result measure(Report report, LoadGenerator load, String source, Scenario scenario,
                                                String label, RequestTemplate t, InetSocketAddress target, Settings s,
                                                long maxRequests, int recordsPerCall, Map<String, Double> peers)
            throws Exception {
        LoadGenerator.Result r = load.run(scenario, t, target, s.warmup(), s.duration(), maxRequests);
        double rate = r.requestsPerSecond();
        double reference = peers.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        report.row(new Report.Row(source, "HTTP/1.1", label, scenario.connections(), 1, r.requests(), rate,
                r.latencies().percentileMicros(0.50), r.latencies().percentileMicros(0.99), r.latencies().meanMicros(),
                r.cpuMicrosPerRequest(), r.errors(), rate * recordsPerCall * s.dataBytes() / (1 << 20),
                Double.isNaN(reference) || reference == 0 ? Double.NaN : rate / reference));
        if (recordsPerCall > 1) {
            report.note("    %,.0f records/s acknowledged (%,d records); CPU per record: %.1f us in Java threads,"
                    + " %.1f us in the whole process (RocksDB's native threads, JIT and GC too)", rate * recordsPerCall,
                    r.requests() * recordsPerCall, r.cpuMicrosPerRequest() / recordsPerCall,
                    r.wholeCpuMicrosPerRequest() / recordsPerCall);
        }
        if (peers.size() > 1) {
            report.note("    ratio %s", String.join(", ", peers.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%.2f vs %s", rate / e.getValue(), e.getKey())).toList()));
        }
        if (r.firstError() != null) {
            report.note("    first error: %s", r.firstError());
        }
        return r;
    }

    /**
     * Sends one PutRecords per body through the JDK client and checks the answer: 200, no failed record,
     * one result per record. The load generator only sees statuses, so a partial failure shows here.
     * Returns the records acknowledged.
     */
    private static long probe(Report report, String source, InetSocketAddress target, List<String> bodies, int records,
                              int dataBytes) throws IOException, InterruptedException {
        long acknowledged = 0;
        for (String body : bodies) {
            JsonNode answer = putRecordsOnce(target, body, records, dataBytes);
            int failed = answer.path("FailedRecordCount").asInt(-1);
            int results = answer.path("Records").size();
            if (failed != 0 || results != records) {
                throw new IOException(source + " PutRecords " + body + " answered FailedRecordCount " + failed
                        + " with " + results + " results for " + records + " records: " + abbreviate(answer));
            }
            acknowledged += records;
        }
        report.note("check: one PutRecords per body (%s) to %s: 200, FailedRecordCount 0, %d results", bodies, source,
                records);
        return acknowledged;
    }

    private static JsonNode putRecordsOnce(InetSocketAddress target, String body, int records, int dataBytes)
            throws IOException, InterruptedException {
        RequestTemplate t = KinesisRequests.putRecords(STREAM, body, records, dataBytes);
        KinesisApi api = new KinesisApi(target, body);
        return api.call("PutRecords", t.body());
    }

    /**
     * The requests the peer handles, as labels ({@code PutRecords json}...): a probe of each operation and
     * body through the JDK client; a refused or undecodable answer is noted and that row is not compared.
     */
    private static List<String> supportedRequests(Report report, NodePeer peer, List<String> bodies,
                                                  int records, int dataBytes) throws InterruptedException {
        List<String> ok = new ArrayList<>();
        for (String body : bodies) {
            for (boolean batch : new boolean[] {true, false}) {
                String label = (batch ? "PutRecords " : "PutRecord ") + body;
                RequestTemplate t = batch ? KinesisRequests.putRecords(STREAM, body, records, dataBytes)
                        : KinesisRequests.putRecord(STREAM, body, dataBytes);
                try {
                    JsonNode answer = new KinesisApi(peer.address(), body).call(batch ? "PutRecords" : "PutRecord",
                            t.body());
                    boolean valid = batch ? answer.path("FailedRecordCount").asInt(-1) == 0
                            && answer.path("Records").size() == records : answer.hasNonNull("SequenceNumber");
                    if (valid) {
                        ok.add(label);
                    } else {
                        report.note("%s: %s answered %s: not compared", peer.name(), label, abbreviate(answer));
                    }
                } catch (IOException e) {
                    report.note("%s: %s failed (%s): not compared", peer.name(), label, abbreviate(e.getMessage()));
                }
            }
        }
        return ok;
    }

    private static NodePeer startPeer(Report report, PeerChoice choice) {
        String name = choice.kind().name();
        if (!choice.wanted()) {
            report.note("%s: off; not compared", name);
            return null;
        }
        Optional<Path> npm = NodePeer.onPath("npm");
        if (npm.isEmpty() || NodePeer.onPath("node").isEmpty()) {
            report.note("%s: npm or node not on the PATH (Debian packages nodejs, npm); not compared", name);
            return null;
        }
        try {
            NodePeer peer = NodePeer.start(choice.kind(), npm.get(), choice.dir());
            report.note("%s", peer.describe());
            return peer;
        } catch (Exception e) {
            report.note("%s: could not start (%s); not compared", name, e.getMessage());
            return null;
        }
    }

    private static void warmUpJit(Report report, LoadGenerator load, InetSocketAddress target, Settings s)
            throws Exception {
        List<RequestTemplate> requests = new ArrayList<>();
        for (String body : s.bodies()) {
            requests.add(KinesisRequests.putRecords(STREAM, body, s.records(), s.dataBytes()));
            requests.add(KinesisRequests.putRecord(STREAM, body, s.dataBytes()));
        }
        if (s.jitWarmup().isZero() || requests.isEmpty()) {
            return;
        }
        Scenario scenario = new Scenario(Scenario.Protocol.HTTP1, "-", s.connections(), 1);
        Duration each = s.jitWarmup().dividedBy(requests.size());
        JitWarmup.Result warm = JitWarmup.untilIdle(s.jitWarmupMax(), () -> {
            for (RequestTemplate t : requests) {
                LoadGenerator.Result r = load.run(scenario, t, target, each, Duration.ZERO, Long.MAX_VALUE);
                if (r.errors() > 0) {
                    report.note("JIT warm-up: %d error(s), the first: %s", r.errors(), r.firstError());
                }
            }
        });
        report.note("JIT warm-up: Lakelet over PutRecords and PutRecord in %s, rounds of %d ms: %s", s.bodies(),
                s.jitWarmup().toMillis(), warm.describe());
    }

    private static String abbreviate(Object o) {
        String text = String.valueOf(o);
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static List<String> list(String spec) {
        return Stream.of(spec.split("[,\\s]+")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
