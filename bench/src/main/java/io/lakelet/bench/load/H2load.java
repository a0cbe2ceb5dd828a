package io.lakelet.bench.load;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs nghttp2's {@code h2load} (a separate C process, when it is on the PATH) with the same request,
 * as a cross-check of the in-JVM load generator. h2load reports the mean request time, not percentiles.
 */
public final class H2load {
    private static final Pattern FINISHED = Pattern.compile("finished in ([0-9.]+)(ms|s), ([0-9.]+) req/s");
    private static final Pattern STATUS = Pattern.compile("status codes: (\\d+) 2xx");
    private static final Pattern REQUESTS = Pattern.compile("requests: (\\d+) total");
    private static final Pattern TIME_FOR_REQUEST =
            Pattern.compile("time for request:\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)");

    private final Path executable;

    private H2load(Path executable) {
        this.executable = executable;
    }

    /** h2load from the PATH, if installed (Debian package {@code nghttp2-client}). */
    public static Optional<H2load> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "h2load");
            if (Files.isExecutable(p)) {
                return Optional.of(new H2load(p));
            }
        }
        return Optional.empty();
    }

    public Path executable() {
        return executable;
    }

    /** What one h2load run reported, plus its own summary lines. */
    public record Result(Scenario scenario, long requests, double requestsPerSecond, double meanMicros,
                         long errors, List<String> summary) {
    }

    /** Sends {@code requests} requests of the scenario, giving up after {@code timeout}. */
    public Result run(Scenario scenario, RequestTemplate template, InetSocketAddress target, long requests,
                      Duration timeout) throws IOException, InterruptedException {
        Path body = Files.createTempFile("lakelet-bench-body", "." + scenario.body());
        Path output = Files.createTempFile("lakelet-bench-h2load", ".txt");
        try {
            Files.write(body, template.body());
            List<String> command = new ArrayList<>(List.of(executable.toString(),
                    "-n", Long.toString(requests), "-c", Integer.toString(scenario.connections()),
                    "-m", Integer.toString(scenario.streams()), "-t", "1", "-d", body.toString()));
            if (scenario.protocol() == Scenario.Protocol.HTTP1) {
                command.add("--h1");
            }
            for (Map.Entry<String, String> h : template.headers()) {
                command.add("-H");
                command.add(h.getKey() + ": " + h.getValue());
            }
            command.add("http://" + target.getHostString() + ":" + target.getPort() + template.path());
            // Output to a file: the process never blocks on a full pipe.
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException("h2load did not finish within " + timeout.toSeconds() + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException("h2load failed (exit " + process.exitValue() + "): " + text.strip());
            }
            return parse(scenario, text);
        } finally {
            Files.deleteIfExists(body);
            Files.deleteIfExists(output);
        }
    }

    static Result parse(Scenario scenario, String text) throws IOException {
        Matcher finished = find(FINISHED, text);
        Matcher total = find(REQUESTS, text);
        Matcher ok = find(STATUS, text);
        Matcher time = find(TIME_FOR_REQUEST, text);
        long requests = Long.parseLong(total.group(1));
        long succeeded = Long.parseLong(ok.group(1));
        List<String> summary = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("finished in") || line.startsWith("requests:") || line.startsWith("status codes:")
                    || line.contains("time for request:") || line.startsWith("Application protocol")) {
                summary.add(line.strip());
            }
        }
        return new Result(scenario, succeeded, Double.parseDouble(finished.group(3)), micros(time.group(3)),
                requests - succeeded, summary);
    }

    private static Matcher find(Pattern p, String text) throws IOException {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IOException("h2load's output has no '" + p.pattern() + "':\n" + text);
        }
        return m;
    }

    /** h2load's durations: {@code 123us}, {@code 1.23ms}, {@code 2.5s}. */
    private static double micros(String value) {
        if (value.endsWith("us")) {
            return Double.parseDouble(value.substring(0, value.length() - 2));
        }
        if (value.endsWith("ms")) {
            return Double.parseDouble(value.substring(0, value.length() - 2)) * 1000;
        }
        if (value.endsWith("s")) {
            return Double.parseDouble(value.substring(0, value.length() - 1)) * 1_000_000;
        }
        return Double.NaN;
    }
}
