package io.lakelet.bench;

import io.lakelet.bench.athena.AthenaBenchmark;
import io.lakelet.bench.glue.GlueBenchmark;
import io.lakelet.bench.kinesis.KinesisBenchmark;
import io.lakelet.bench.s3.S3Benchmark;
import io.lakelet.bench.server.ServerCoreBenchmark;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one benchmark: {@code java -jar bench.jar <benchmark> [--option=value...]}. New benchmarks (Kinesis
 * PutRecords, S3 PUT/GET, Athena queries) are added to {@link #BENCHMARKS}.
 */
public final class Main {
    private static final List<Benchmark> BENCHMARKS = List.of(new ServerCoreBenchmark(), new S3Benchmark(),
            new KinesisBenchmark(), new GlueBenchmark(), new AthenaBenchmark());

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            usage();
            return;
        }
        Benchmark benchmark = BENCHMARKS.stream().filter(b -> b.name().equals(args[0])).findFirst().orElse(null);
        if (benchmark == null) {
            System.err.println("unknown benchmark '" + args[0] + "'");
            usage();
            System.exit(2);
            return;
        }
        Options options;
        try {
            options = new Options(Arrays.asList(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Report report = new Report(System.out);
        try {
            benchmark.run(options, report);
        } catch (IllegalArgumentException e) {
            // Bad options or scenarios: say which, without a stack trace.
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        report.printTable();
        // Non-daemon threads of client libraries must not keep a finished benchmark alive.
        System.exit(0);
    }

    private static void usage() {
        System.out.println("usage: java -jar bench/target/bench.jar <benchmark> [--option=value ...]");
        System.out.println();
        for (Benchmark b : BENCHMARKS) {
            System.out.printf("  %-10s %s%n", b.name(), b.description());
            for (String line : b.optionHelp()) {
                System.out.println("      " + line);
            }
        }
    }
}
