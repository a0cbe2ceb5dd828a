package io.lakelet.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where benchmarks put what they measured: notes (set-up, method) as they go, and result rows printed as
 * one aligned table at the end, so every benchmark's output reads the same.
 */
public final class Report {
    /**
     * One measured configuration. Latencies in microseconds; {@code cpuMicrosPerRequest} is the CPU time
     * of the process's Java threads per request (load generator included); NaN when not measured.
     */
    public record Row(String source, String protocol, String body, int connections, int streams,
                      long requests, double requestsPerSecond, double p50Micros, double p99Micros,
                      double meanMicros, double cpuMicrosPerRequest, long errors) {
    }

    private static final String[] HEADER = {"source", "protocol", "body", "conns", "streams", "requests",
        "req/s", "p50 us", "p99 us", "mean us", "cpu us/req", "errors"};

    private final PrintStream out;
    private final List<Row> rows = new ArrayList<>();

    public Report(PrintStream out) {
        this.out = out;
    }

    public void note(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    public void row(Row row) {
        rows.add(row);
        note("  %-8s %-9s %-5s c=%-3d m=%-4d %12s req/s  p50 %s us  p99 %s us  cpu %s us/req  errors %d",
                row.source(), row.protocol(), row.body(), row.connections(), row.streams(),
                number(row.requestsPerSecond()), number(row.p50Micros()), number(row.p99Micros()),
                number(row.cpuMicrosPerRequest()), row.errors());
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Prints every row as one table. */
    public void printTable() {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Row r : rows) {
            cells.add(new String[] {r.source(), r.protocol(), r.body(), Integer.toString(r.connections()),
                Integer.toString(r.streams()), Long.toString(r.requests()), number(r.requestsPerSecond()),
                number(r.p50Micros()), number(r.p99Micros()), number(r.meanMicros()),
                number(r.cpuMicrosPerRequest()), Long.toString(r.errors())});
        }
        int[] width = new int[HEADER.length];
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

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
