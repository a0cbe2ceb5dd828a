package io.lakelet.bench.athena;

import io.lakelet.athena.AthenaModule;
import io.lakelet.bench.BenchFiles;
import io.lakelet.bench.Benchmark;
import io.lakelet.bench.JitWarmup;
import io.lakelet.bench.Options;
import io.lakelet.bench.Report;
import io.lakelet.core.config.LakeletConfig;
import io.lakelet.core.ports.ObjectStore;
import io.lakelet.core.server.LakeletServer;
import io.lakelet.glue.GlueModule;
import io.lakelet.s3.S3Module;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * Athena over TPC-H lineitem: Q1, Q6 and a partition-pruned query over Parquet (and Q6 over text), timed
 * from StartQueryExecution to SUCCEEDED through the real Athena client, against DuckDB reading the same
 * Parquet files from disk; and the round trip of a small query (start, poll, fetch the results).
 */
public final class AthenaBenchmark implements Benchmark {
    static final String Q1 = """
            SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty, sum(l_extendedprice) AS sum_base_price,
              sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price,
              sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge, avg(l_quantity) AS avg_qty,
              avg(l_extendedprice) AS avg_price, avg(l_discount) AS avg_disc, count(*) AS count_order
            FROM %s
            WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL '90' DAY
            GROUP BY l_returnflag, l_linestatus
            ORDER BY l_returnflag, l_linestatus""";
    static final String Q6 = """
            SELECT sum(l_extendedprice * l_discount) AS revenue
            FROM %s
            WHERE l_shipdate >= DATE '1994-01-01' AND l_shipdate < DATE '1995-01-01'
              AND l_discount BETWEEN 0.05 AND 0.07 AND l_quantity < 24""";
    static final String PRUNED = """
            SELECT count(*) AS n, sum(l_quantity) AS qty FROM lineitem_by_mode WHERE l_shipmode = 'AIR'""";
    static final String SMALL = "SELECT count(*) FROM nation";

    @Override
    public String name() {
        return "athena";
    }

    @Override
    public String description() {
        return "TPC-H Q1/Q6 and a pruned query through Athena vs DuckDB on the same Parquet; small-query round trip";
    }

    @Override
    public List<String> optionHelp() {
        return List.of(
                "--sf=1            TPC-H scale factor (1 = 6 M lineitem rows)",
                "--files=8         Parquet/text files the table is split in",
                "--runs=3          timed runs per query (the best and the median are reported)",
                "--poll-ms=5       interval of the state polls while a TPC-H query runs (the small query: 2 ms)",
                "--round-trips=30  small queries for the round-trip figure",
                "--data=bench/target/tpch  where generated files are cached between runs",
                "--duckdb=auto     auto or off",
                "--queries=q1,q6,text,pruned,small  which queries to run (pruned also runs the unpruned count)",
                "--jit-warmup-max=60s  before the timed runs, rounds of every query but the text one until the JIT",
                "                    compilers are nearly idle, for at most this long (0s: one warm-up run each only)");
    }

    @Override
    public void run(Options options, Report report) throws Exception {
        double sf = Double.parseDouble(options.get("sf", "1"));
        int files = options.getInt("files", 8);
        int runs = options.getInt("runs", 3);
        int roundTrips = options.getInt("round-trips", 30);
        int pollMillis = options.getInt("poll-ms", 5);
        Path cache = Path.of(options.get("data", "bench/target/tpch"));
        boolean duck = !options.get("duckdb", "auto").equals("off");
        Set<String> queries = Set.of(options.get("queries", "q1,q6,text,pruned,small").split(","));
        Duration jitWarmupMax = options.getDuration("jit-warmup-max", Duration.ofSeconds(60));
        options.rejectUnknown();

        report.describeMachine();
        long t0 = System.nanoTime();
        Path data = TpchFiles.ensure(cache, sf, files);
        report.note("data: TPC-H lineitem SF %s in %d files under %s (ready in %.1f s; cached for later runs)", sf, files,
                data, (System.nanoTime() - t0) / 1e9);

        Path dir = Files.createTempDirectory("lakelet-athena-bench");
        LakeletConfig config = LakeletConfig.of(Map.of(LakeletConfig.Keys.HOST, "127.0.0.1",
                LakeletConfig.Keys.PORT, "0", LakeletConfig.Keys.DATA_DIR, dir.resolve("lakelet").toString()));
        try (LakeletServer server = LakeletServer.start(config, Clock.systemUTC(),
                List.of(new S3Module(), new GlueModule(), new AthenaModule()));
             AthenaClient athena = AthenaClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                     .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                     .build()) {
            String account = config.defaultAccount();
            ObjectStore store = server.ports().require(ObjectStore.class);
            long t1 = System.nanoTime();
            long bytes = upload(store, account, data);
            report.note("lakelet: in-process LakeletServer (S3, Glue, Athena) on port %d, store in %s; %,d bytes loaded "
                    + "through the ObjectStore port in %.1f s", server.port(), dir, bytes, (System.nanoTime() - t1) / 1e9);
            Runner runner = new Runner(athena, URI.create("http://127.0.0.1:" + server.port() + "/"));
            for (String ddl : List.of(
                    "CREATE DATABASE tpch",
                    "CREATE EXTERNAL TABLE lineitem (" + TpchFiles.COLUMNS + ") STORED AS PARQUET "
                            + "LOCATION 's3://tpch/lineitem/parquet/'",
                    "CREATE EXTERNAL TABLE lineitem_text (" + TpchFiles.COLUMNS + ") ROW FORMAT DELIMITED FIELDS "
                            + "TERMINATED BY '|' LOCATION 's3://tpch/lineitem/csv/'",
                    "CREATE EXTERNAL TABLE lineitem_by_mode (" + TpchFiles.COLUMNS_WITHOUT_MODE + ") PARTITIONED BY "
                            + "(l_shipmode string) STORED AS PARQUET LOCATION 's3://tpch/lineitem/by_mode/'",
                    "MSCK REPAIR TABLE lineitem_by_mode",
                    "CREATE EXTERNAL TABLE nation (n_nationkey int, n_name string) ROW FORMAT DELIMITED FIELDS "
                            + "TERMINATED BY ',' LOCATION 's3://tpch/nation/'")) {
                Runner.Timed r = runner.run(ddl, 2);
                if (r.execution().status().state() != QueryExecutionState.SUCCEEDED) {
                    throw new IllegalStateException(ddl + " failed: " + r.execution().status().stateChangeReason());
                }
            }

            List<String> warmUp = new ArrayList<>();
            if (queries.contains("q1")) {
                warmUp.add(Q1.formatted("lineitem"));
            }
            if (queries.contains("q6")) {
                warmUp.add(Q6.formatted("lineitem"));
            }
            if (queries.contains("pruned")) {
                warmUp.add(PRUNED);
            }
            if (queries.contains("small")) {
                warmUp.add(SMALL);
            }
            if (!jitWarmupMax.isZero() && !warmUp.isEmpty()) {
                JitWarmup.Result warm = JitWarmup.untilIdle(jitWarmupMax, () -> {
                    for (String sql : warmUp) {
                        runner.run(sql, pollMillis);
                    }
                });
                report.note("JIT warm-up: every query but the text one, in turn: %s", warm.describe());
            }

            DuckDb duckDb = duck ? new DuckDb(data.resolve("parquet")) : null;
            try {
                report.note("duckdb: %s", duckDb == null ? "off" : "in-process JDBC " + duckDb.version()
                        + ", read_parquet over the same files on local disk");
                report.note("timing: wall time from StartQueryExecution to SUCCEEDED (a bare GetQueryExecution "
                        + "request every %d ms), the execution and first page of results fetched; best and median "
                        + "of %d runs after one warm-up run; cpu ms: median CPU time of this whole process (server, "
                        + "client, GC, JIT) per run; x duckdb: best / DuckDB's best", pollMillis, runs);
                report.note("");
                report.note("%-26s %9s %9s %9s %14s %9s %8s  %s", "query", "best ms", "median ms", "cpu ms",
                        "scanned bytes", "duckdb ms", "x duckdb", "first row");
                if (queries.contains("q1")) {
                    query(report, runner, duckDb, "Q1 parquet", Q1.formatted("lineitem"), runs, pollMillis);
                }
                if (queries.contains("q6")) {
                    query(report, runner, duckDb, "Q6 parquet", Q6.formatted("lineitem"), runs, pollMillis);
                }
                if (queries.contains("text")) {
                    query(report, runner, null, "Q6 text", Q6.formatted("lineitem_text"), Math.min(runs, 2), pollMillis);
                }
                if (queries.contains("pruned")) {
                    query(report, runner, null, "pruned (1 of 7 modes)", PRUNED, runs, pollMillis);
                    query(report, runner, null, "unpruned (all modes)", PRUNED.replace(" WHERE l_shipmode = 'AIR'", ""),
                            runs, pollMillis);
                }
            } finally {
                if (duckDb != null) {
                    duckDb.close();
                }
            }
            report.note("");
            if (queries.contains("small")) {
                long[] micros = new long[roundTrips];
                runner.run(SMALL, 2);
                for (int i = 0; i < roundTrips; i++) {
                    micros[i] = runner.run(SMALL, 2).micros();
                }
                Arrays.sort(micros);
                report.note("small query round trip (%s, %d runs): p50 %.1f ms, p90 %.1f ms, max %.1f ms", SMALL,
                        roundTrips, micros[roundTrips / 2] / 1e3, micros[(int) (roundTrips * 0.9)] / 1e3,
                        micros[roundTrips - 1] / 1e3);
            }
            report.noteFinalLoad();
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private static void query(Report report, Runner runner, DuckDb duckDb, String name, String sql, int runs,
                              int pollMillis) throws Exception {
        runner.run(sql, pollMillis);
        List<Runner.Timed> timed = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Runner.Timed t = runner.run(sql, pollMillis);
            if (t.execution().status().state() != QueryExecutionState.SUCCEEDED) {
                report.note("%-26s FAILED: %s", name, t.execution().status().stateChangeReason());
                return;
            }
            timed.add(t);
        }
        timed.sort((a, b) -> Long.compare(a.micros(), b.micros()));
        String duckMs = "-";
        String ratio = "-";
        if (duckDb != null) {
            duckDb.firstRow(sql.replace("lineitem_text", "lineitem"));
            long best = Long.MAX_VALUE;
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                duckDb.firstRow(sql);
                best = Math.min(best, (System.nanoTime() - s) / 1000);
            }
            duckMs = String.format(Locale.ROOT, "%.1f", best / 1e3);
            ratio = String.format(Locale.ROOT, "%.2f", (double) timed.get(0).micros() / best);
        }
        Runner.Timed best = timed.get(0);
        long[] cpu = timed.stream().mapToLong(Runner.Timed::cpuMicros).sorted().toArray();
        report.note("%-26s %9.1f %9.1f %9.1f %,14d %9s %8s  %s", name, best.micros() / 1e3,
                timed.get(timed.size() / 2).micros() / 1e3, cpu[cpu.length / 2] / 1e3,
                best.execution().statistics().dataScannedInBytes(), duckMs, ratio, best.firstRow());
    }

    private static long upload(ObjectStore store, String account, Path data) throws Exception {
        store.ensureBucket(account, "us-east-1", "tpch");
        store.ensureBucket(account, "us-east-1", "results");
        long total = 0;
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path f : walk.filter(Files::isRegularFile).filter(p -> !p.endsWith("DONE")).toList()) {
                String key = "lineitem/" + data.relativize(f).toString().replace('\\', '/');
                try (InputStream in = Files.newInputStream(f)) {
                    store.put(account, "tpch", key, in, Files.size(f), "application/octet-stream", Map.of());
                }
                total += Files.size(f);
            }
        }
        StringBuilder nation = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            nation.append(i).append(",NATION").append(i).append('\n');
        }
        byte[] n = nation.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.put(account, "tpch", "nation/nation.csv", new java.io.ByteArrayInputStream(n), n.length, "text/csv", Map.of());
        return total + n.length;
    }

    /**
     * Runs statements through the Athena client and times them. While a statement runs, its state is polled
     * with a bare GetQueryExecution request (JDK HttpClient, the headers an SDK sends, the body written once)
     * rather than through the SDK: a poll through the SDK client cost this 2-core machine 1-2.5 ms of CPU,
     * which the query it was timing had to share. The SDK then fetches the ended execution and the results.
     */
    static final class Runner {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private static final Pattern STATE = Pattern.compile("\"State\"\\s*:\\s*\"([A-Z]+)\"");

        /** A statement's outcome, its wall time and the CPU time the whole process spent meanwhile. */
        record Timed(QueryExecution execution, long micros, String firstRow, long cpuMicros) {
        }

        private final AthenaClient athena;
        private final URI endpoint;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        Runner(AthenaClient athena, URI endpoint) {
            this.athena = athena;
            this.endpoint = endpoint;
        }

        /** Runs {@code sql}, polling its state every {@code pollMillis} until it ends. */
        Timed run(String sql, int pollMillis) throws InterruptedException, IOException {
            long cpu0 = OS.getProcessCpuTime();
            long start = System.nanoTime();
            String id = athena.startQueryExecution(b -> b.queryString(sql).queryExecutionContext(c -> c.database("tpch"))
                    .resultConfiguration(r -> r.outputLocation("s3://results/bench/"))).queryExecutionId();
            HttpRequest poll = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", "AmazonAthena.GetQueryExecution")
                    .header("X-Amz-Date", "20250101T000000Z")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20250101/us-east-1/athena/aws4_request, "
                            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"QueryExecutionId\":\"" + id + "\"}")).build();
            while (true) {
                HttpResponse<String> r = http.send(poll, HttpResponse.BodyHandlers.ofString());
                Matcher state = STATE.matcher(r.body());
                if (r.statusCode() != 200 || !state.find()) {
                    throw new IOException("GetQueryExecution answered " + r.statusCode() + ": " + r.body());
                }
                if (!state.group(1).equals("QUEUED") && !state.group(1).equals("RUNNING")) {
                    break;
                }
                Thread.sleep(pollMillis);
            }
            QueryExecution q = athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution();
            String first = "";
            if (q.status().state() == QueryExecutionState.SUCCEEDED) {
                List<Row> rows = athena.getQueryResults(b -> b.queryExecutionId(id).maxResults(2)).resultSet().rows();
                if (rows.size() > 1) {
                    first = String.join(" | ", rows.get(1).data().stream().map(d -> String.valueOf(d.varCharValue()))
                            .toList());
                }
            }
            return new Timed(q, (System.nanoTime() - start) / 1000, first, (OS.getProcessCpuTime() - cpu0) / 1000);
        }
    }
}
