package io.lakelet.bench.s3;

import io.lakelet.bench.BenchFiles;
import io.lakelet.bench.Benchmark;
import io.lakelet.bench.Options;
import io.lakelet.bench.Report;
import io.lakelet.bench.load.LoadGenerator;
import io.lakelet.bench.load.RequestTemplate;
import io.lakelet.bench.load.Scenario;
import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.server.LakeletServer;
import io.lakelet.s3.S3Module;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * S3 storage and speed: PUT and GET of a small and a large object through Lakelet's S3 (in this JVM, a
 * RocksDB store in a temporary directory with the default durability), each compared in the same run with
 * nginx serving or storing (WebDAV PUT) the same bytes over loopback, the physical limit; then a multipart
 * upload with the JVM's peak used heap, and a ListObjectsV2 walk over many keys.
 */
public final class S3Benchmark implements Benchmark {
    private static final String BUCKET = "bench";
    private static final String LIST_BUCKET = "bench-list";
    private static final String DEFAULT_CASES = "put-small,get-small,put-large,get-large";

    /** One load case: a PUT or a GET of {@code bytes}. */
    private record Case(String method, int bytes) {
        String label() {
            return method + " " + size(bytes);
        }

        String path() {
            return "/" + BUCKET + "/" + method.toLowerCase() + "-" + bytes;
        }
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String description() {
        return "S3 PUT/GET 1 KiB and 1 MiB vs nginx, a 1 GiB multipart upload (peak heap), listing 100k keys (about 2 min)";
    }

    @Override
    public List<String> optionHelp() {
        return List.of(
                "--cases=" + DEFAULT_CASES + "  the PUT/GET runs, in order",
                "--connections=4        HTTP/1.1 keep-alive connections for PUT and GET",
                "--small-bytes=1024     the small object",
                "--large-bytes=1048576  the large object",
                "--jit-warmup=4s        load on Lakelet over every case at the start, not recorded",
                "--warmup=1s            load before each timed run, not recorded",
                "--duration=4s          timed run per case and server (ends earlier at --max-requests)",
                "--max-requests=200000  responses recorded per run at most",
                "--client-threads=1     event loop threads of the load generator",
                "--nginx=auto           auto: compare with nginx when installed; off: never",
                "--nginx-workers=2      nginx worker processes",
                "--multipart-mib=1024   size of the multipart upload, 0 to skip it",
                "--part-mib=8           part size of the multipart upload",
                "--part-connections=4   parts uploaded concurrently",
                "--list-keys=100000     keys created and then listed, 0 to skip",
                "--list-connections=8   connections creating the keys");
    }

    @Override
    public void run(Options options, Report report) throws Exception {
        String caseSpecs = options.get("cases", DEFAULT_CASES);
        int connections = options.getInt("connections", 4);
        int smallBytes = options.getInt("small-bytes", 1024);
        int largeBytes = options.getInt("large-bytes", 1024 * 1024);
        Duration jitWarmup = options.getDuration("jit-warmup", Duration.ofSeconds(4));
        Duration warmup = options.getDuration("warmup", Duration.ofSeconds(1));
        Duration duration = options.getDuration("duration", Duration.ofSeconds(4));
        long maxRequests = options.getLong("max-requests", 200_000);
        int clientThreads = options.getInt("client-threads", 1);
        String nginxMode = options.get("nginx", "auto");
        int nginxWorkers = options.getInt("nginx-workers", 2);
        long multipartMib = options.getLong("multipart-mib", 1024);
        int partMib = options.getInt("part-mib", 8);
        int partConnections = options.getInt("part-connections", 4);
        int listKeys = options.getInt("list-keys", 100_000);
        int listConnections = options.getInt("list-connections", 8);
        options.rejectUnknown();
        if (!nginxMode.equals("auto") && !nginxMode.equals("off")) {
            throw new IllegalArgumentException("--nginx is auto or off, not '" + nginxMode + "'");
        }

        report.describeMachine();
        List<Case> cases = parseCases(caseSpecs, smallBytes, largeBytes);
        Path dir = Files.createTempDirectory("lakelet-s3-bench");
        LakeletConfig config = LakeletConfig.of(Map.of(
                LakeletConfig.Keys.HOST, "127.0.0.1",
                LakeletConfig.Keys.PORT, "0",
                LakeletConfig.Keys.DATA_DIR, dir.resolve("lakelet").toString()));
        Optional<Path> nginxExe = nginxMode.equals("off") ? Optional.empty() : Nginx.find();
        try (LakeletServer server = LakeletServer.start(config, Clock.systemUTC(), List.of(new S3Module()));
             LoadGenerator load = new LoadGenerator(clientThreads);
             Nginx nginx = nginxExe.isPresent() ? Nginx.start(nginxExe.get(), dir.resolve("nginx"), nginxWorkers) : null) {
            InetSocketAddress lakelet = new InetSocketAddress("127.0.0.1", server.port());
            report.note("lakelet: in-process LakeletServer on %s with S3Module, RocksDB store in %s, default "
                    + "durability and threads", lakelet, dir.resolve("lakelet"));
            if (nginx != null) {
                report.note("nginx: %s on %s, %d worker(s), sendfile on, access_log off, WebDAV PUT into its root "
                        + "(bodies via a temp file, then renamed), config in %s", nginxExe.get(), nginx.address(),
                        nginxWorkers, dir.resolve("nginx"));
            } else {
                report.note("nginx: %s; no comparison (Debian package nginx or nginx-light)",
                        nginxMode.equals("off") ? "off" : "not installed");
            }
            report.note("load: Netty closed-loop clients in this JVM, %d event loop thread(s), %d HTTP/1.1 keep-alive "
                    + "connections, one request in flight each; requests encoded once and resent; warm-up %d ms, "
                    + "then %d ms or %,d responses per run; MiB/s = req/s x object size", load.threads(), connections,
                    warmup.toMillis(), duration.toMillis(), maxRequests);
            S3Client client = new S3Client(lakelet);
            client.send("PUT", "/" + BUCKET, new byte[0]);
            for (Case c : cases) {
                byte[] body = randomBytes(c.bytes());
                if (c.method().equals("GET")) {
                    client.send("PUT", c.path(), body);
                    if (nginx != null) {
                        Path file = nginx.root().resolve(c.path().substring(1));
                        Files.createDirectories(file.getParent());
                        Files.write(file, body);
                    }
                }
            }
            Scenario scenario = new Scenario(Scenario.Protocol.HTTP1, "-", connections, 1);
            warmUpJit(report, load, scenario, cases, lakelet, jitWarmup);
            report.note("");
            for (Case c : cases) {
                RequestTemplate t = c.method().equals("PUT") ? S3Client.put(c.path(), randomBytes(c.bytes()))
                        : S3Client.get(c.path());
                double reference = Double.NaN;
                if (nginx != null) {
                    reference = measure(report, load, "nginx", scenario, c, t, nginx.address(), warmup, duration,
                            maxRequests, Double.NaN);
                }
                measure(report, load, "lakelet", scenario, c, t, lakelet, warmup, duration, maxRequests, reference);
            }
            if (multipartMib > 0) {
                new MultipartRun(client, BUCKET + "/multipart", multipartMib, partMib, partConnections).run(report);
            }
            if (listKeys > 0) {
                new ListRun(client, LIST_BUCKET, listKeys, listConnections).run(report);
            }
        } finally {
            BenchFiles.deleteTree(dir);
        }
        report.noteFinalLoad();
        report.note("ratio: lakelet req/s (= MiB/s) / nginx req/s for the same case in this run; targets from "
                + "issue 4: GET %s >= 0.70, PUT %s >= 0.50", size(largeBytes), size(largeBytes));
    }

    /** One timed run; reports a row and returns its requests per second. */
    private static double measure(Report report, LoadGenerator load, String source, Scenario scenario, Case c,
                                  RequestTemplate t, InetSocketAddress target, Duration warmup, Duration duration,
                                  long maxRequests, double reference) throws Exception {
        LoadGenerator.Result r = load.run(scenario, t, target, warmup, duration, maxRequests);
        double rate = r.requestsPerSecond();
        report.row(new Report.Row(source, "HTTP/1.1", c.label(), scenario.connections(), 1, r.requests(), rate,
                r.latencies().percentileMicros(0.50), r.latencies().percentileMicros(0.99), r.latencies().meanMicros(),
                r.cpuMicrosPerRequest(), r.errors(), rate * c.bytes() / (1 << 20),
                Double.isNaN(reference) || reference == 0 ? Double.NaN : rate / reference));
        if (r.firstError() != null) {
            report.note("    first error: %s", r.firstError());
        }
        return rate;
    }

    private static void warmUpJit(Report report, LoadGenerator load, Scenario scenario, List<Case> cases,
                                  InetSocketAddress target, Duration total) throws Exception {
        if (total.isZero() || cases.isEmpty()) {
            return;
        }
        Duration each = total.dividedBy(cases.size());
        for (Case c : cases) {
            RequestTemplate t = c.method().equals("PUT") ? S3Client.put(c.path(), randomBytes(c.bytes()))
                    : S3Client.get(c.path());
            LoadGenerator.Result r = load.run(scenario, t, target, each, Duration.ZERO, Long.MAX_VALUE);
            if (r.errors() > 0) {
                report.note("JIT warm-up %s: %d error(s), the first: %s", c.label(), r.errors(), r.firstError());
            }
        }
        report.note("JIT warm-up: %d ms on Lakelet over %s", total.toMillis(),
                cases.stream().map(Case::label).toList());
    }

    private static List<Case> parseCases(String specs, int smallBytes, int largeBytes) {
        List<Case> out = new java.util.ArrayList<>();
        for (String spec : specs.split("[,\\s]+")) {
            if (spec.isBlank()) {
                continue;
            }
            String[] ms = spec.trim().toLowerCase(java.util.Locale.ROOT).split("-");
            if (ms.length != 2 || !(ms[0].equals("put") || ms[0].equals("get"))
                    || !(ms[1].equals("small") || ms[1].equals("large"))) {
                throw new IllegalArgumentException("a case is <put|get>-<small|large>, not '" + spec + "'");
            }
            out.add(new Case(ms[0].toUpperCase(java.util.Locale.ROOT), ms[1].equals("small") ? smallBytes : largeBytes));
        }
        return out;
    }

    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return bytes + "B";
    }

    /** Incompressible bytes, the same for every run. */
    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
