package io.lakelet.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The distribution jar ({@code docker/target/lakelet.jar}) run as its own process, the way users run it:
 * for tests that need a real process (kill -9, the AWS CLI, boto3). Output goes to a log file that a
 * failing test can show.
 */
final class LakeletProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private LakeletProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar with the given environment on a free port and waits until it is healthy. */
    static LakeletProcess start(Map<String, String> env) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("lakelet-", ".log");
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-jar", jar().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("LAKELET_PORT", Integer.toString(port));
        pb.environment().put("LAKELET_HOST", "127.0.0.1");
        pb.environment().putAll(env);
        LakeletProcess p = new LakeletProcess(pb.start(), port, log);
        p.awaitHealthy(Duration.ofSeconds(60));
        return p;
    }

    static Path jar() {
        String configured = System.getProperty("lakelet.jar");
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "lakelet.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the distribution jar is missing: " + jar.toAbsolutePath()
                    + " (run mvn package first)");
        }
        return jar;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Lakelet exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(endpoint().resolve("/_lakelet/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Lakelet did not become healthy within " + timeout + ":\n" + log());
    }

    /** Sends SIGKILL: no shutdown hook runs, nothing is flushed by Lakelet. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends SIGTERM and waits for a clean exit; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Lakelet did not stop within 30 s:\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
