package io.lakelet.bench;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where benchmarks put what they measured: notes (set-up, method) as they go, and result rows printed as
 * one aligned table at the end, so every benchmark's output reads the same.
 */
public final class Report {
    /**
     * One measured configuration. Latencies in microseconds; {@code cpuMicrosPerRequest} is the CPU time
     * of the process's Java threads per request (load generator included); NaN when not measured.
     * {@code mibPerSecond} is the payload moved per second and {@code ratio} this row's rate divided by a
     * reference row's (e.g. lakelet / nginx); both NaN when they do not apply, and their columns are only
     * printed when some row has them.
     */
    public record Row(String source, String protocol, String body, int connections, int streams,
                      long requests, double requestsPerSecond, double p50Micros, double p99Micros,
                      double meanMicros, double cpuMicrosPerRequest, long errors, double mibPerSecond,
                      double ratio) {

        /** A row without throughput in bytes and without a ratio. */
        public Row(String source, String protocol, String body, int connections, int streams, long requests,
                   double requestsPerSecond, double p50Micros, double p99Micros, double meanMicros,
                   double cpuMicrosPerRequest, long errors) {
            this(source, protocol, body, connections, streams, requests, requestsPerSecond, p50Micros, p99Micros,
                    meanMicros, cpuMicrosPerRequest, errors, Double.NaN, Double.NaN);
        }
    }

    private static final String[] HEADER = {"source", "protocol", "body", "conns", "streams", "requests",
        "req/s", "p50 us", "p99 us", "mean us", "cpu us/req", "errors"};
    private static final String[] EXTRA_HEADER = {"MiB/s", "ratio"};

    private final PrintStream out;
    private final List<Row> rows = new ArrayList<>();

    public Report(PrintStream out) {
        this.out = out;
    }

    /** Notes the machine the figures come from: cores, load, Java, heap, garbage collector. */
    public void describeMachine() {
        Runtime rt = Runtime.getRuntime();
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
        note("machine: %d cores, load average %.2f, Java %s (%s), max heap %d MiB, GC %s",
                rt.availableProcessors(), loadAverage(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), rt.maxMemory() >> 20, gcs);
    }

    /** Notes the load at the end, so a reader knows whether other work shared the cores. */
    public void noteFinalLoad() {
        note("");
        note("system load average at the end: %.2f (above the core count, other processes shared "
                + "the CPUs and the figures are low and noisy)", loadAverage());
    }

    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public void note(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    public void row(Row row) {
        rows.add(row);
        String extra = Double.isNaN(row.mibPerSecond()) && Double.isNaN(row.ratio()) ? ""
                : String.format(Locale.ROOT, "  %s MiB/s  ratio %s", number(row.mibPerSecond()), ratio(row.ratio()));
        note("  %-8s %-9s %-5s c=%-3d m=%-4d %12s req/s  p50 %s us  p99 %s us  cpu %s us/req  errors %d%s",
                row.source(), row.protocol(), row.body(), row.connections(), row.streams(),
                number(row.requestsPerSecond()), number(row.p50Micros()), number(row.p99Micros()),
                number(row.cpuMicrosPerRequest()), row.errors(), extra);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Prints every row as one table. */
    public void printTable() {
        if (rows.isEmpty()) {
            return;
        }
        boolean extra = rows.stream().anyMatch(r -> !Double.isNaN(r.mibPerSecond()) || !Double.isNaN(r.ratio()));
        List<String[]> cells = new ArrayList<>();
        cells.add(extra ? concat(HEADER, EXTRA_HEADER) : HEADER);
        for (Row r : rows) {
            String[] line = {r.source(), r.protocol(), r.body(), Integer.toString(r.connections()),
                Integer.toString(r.streams()), Long.toString(r.requests()), number(r.requestsPerSecond()),
                number(r.p50Micros()), number(r.p99Micros()), number(r.meanMicros()),
                number(r.cpuMicrosPerRequest()), Long.toString(r.errors())};
            cells.add(extra ? concat(line, new String[] {number(r.mibPerSecond()), ratio(r.ratio())}) : line);
        }
        int[] width = new int[cells.get(0).length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        out.println();
        for (int n = 0; n < cells.size(); n++) {
            StringBuilder b = new StringBuilder();
            String[] line = cells.get(n);
            for (int i = 0; i < line.length; i++) {
                // Text columns left-aligned, figures right-aligned.
                String pad = " ".repeat(width[i] - line[i].length());
                b.append(i < 3 ? line[i] + pad : pad + line[i]).append(i + 1 < line.length ? " | " : "");
            }
            out.println(b.toString().stripTrailing());
            if (n == 0) {
                out.println(b.toString().replaceAll("[^|]", "-").replace('|', '+').stripTrailing());
            }
        }
        out.flush();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return ">1,000,000"; // the latency histogram's overflow bucket: more than a second
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
