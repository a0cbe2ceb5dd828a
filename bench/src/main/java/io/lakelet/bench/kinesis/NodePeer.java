package io.lakelet.bench.kinesis;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Kinesis emulator from npm run as a peer beside Lakelet on another free loopback port: installed with
 * npm into a directory kept between runs (installed once), run in the foreground, stopped at the end.
 * {@link #KINESALITE} and {@link #KINESIS_LOCAL} are the two peers of the benchmark.
 */
final class NodePeer implements AutoCloseable {
    private static final long INSTALL_SECONDS = 180;
    private static final long START_SECONDS = 30;

    /** How to run one npm package as a Kinesis server: its command for a port, and how it is set up. */
    record Kind(String name, String packageName, String setup, Launcher launcher) {
    }

    /** The command line and environment that start the package's server on {@code port}. */
    interface Launcher {
        Launch launch(Path packageDir, int port) throws IOException;
    }

    /** A command and the environment variables added for it. */
    record Launch(List<String> command, Map<String, String> environment) {
    }

    /** kinesalite (mhart/kinesalite): Node.js, records in memory (LevelDB's memdown). */
    static final Kind KINESALITE = new Kind("kinesalite", "kinesalite",
            "--createStreamMs 0 --shardLimit 100",
            (dir, port) -> new Launch(List.of(dir.resolve("node_modules/.bin/kinesalite").toString(),
                    "--port", Integer.toString(port), "--createStreamMs", "0", "--deleteStreamMs", "0",
                    "--updateStreamMs", "0", "--shardLimit", "100"), Map.of()));

    /**
     * kinesis-local: kinesis-mock (etspaceman/kinesis-mock) compiled to JavaScript by Scala.js, records in
     * memory. It is configured by environment variables; it also opens a TLS port, and reads its
     * certificate from {@code server.json}, looked up in the working directory unless given a path.
     */
    static final Kind KINESIS_LOCAL = new Kind("kinesis-local", "kinesis-local",
            "CREATE_STREAM_DURATION=0ms SHARD_LIMIT=100 LOG_LEVEL=WARN",
            (dir, port) -> {
                Path pkg = dir.resolve("node_modules/kinesis-local");
                return new Launch(List.of(nodeExecutable(), pkg.resolve("main.js").toString()), Map.of(
                        "KINESIS_MOCK_PLAIN_PORT", Integer.toString(port),
                        "KINESIS_MOCK_TLS_PORT", Integer.toString(freePort()),
                        "KINESIS_MOCK_CERT_PATH", pkg.resolve("server.json").toString(),
                        "CREATE_STREAM_DURATION", "0ms",
                        "DELETE_STREAM_DURATION", "0ms",
                        "SHARD_LIMIT", "100",
                        "LOG_LEVEL", "WARN",
                        "SHOULD_PERSIST_DATA", "false"));
            });

    private final Kind kind;
    private final Process process;
    private final InetSocketAddress address;
    private final String version;
    private final Path dir;

    private NodePeer(Kind kind, Process process, InetSocketAddress address, String version, Path dir) {
        this.kind = kind;
        this.process = process;
        this.address = address;
        this.version = version;
        this.dir = dir;
    }

    /** The executable named {@code name} on the PATH, if any. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String nodeExecutable() {
        return onPath("node").map(Path::toString).orElse("node");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Installs the package into {@code dir} unless it is there, starts it, and waits until it accepts connections. */
    static NodePeer start(Kind kind, Path npm, Path dir) throws IOException, InterruptedException {
        Path packageJson = dir.resolve("node_modules/" + kind.packageName() + "/package.json");
        if (!Files.exists(packageJson)) {
            Files.createDirectories(dir);
            Process install = new ProcessBuilder(npm.toString(), "install", "--no-audit", "--no-fund", kind.packageName())
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("npm-install.log").toFile()).start();
            if (!install.waitFor(INSTALL_SECONDS, TimeUnit.SECONDS)) {
                install.destroyForcibly();
                throw new IOException("npm install " + kind.packageName() + " took more than " + INSTALL_SECONDS + " s");
            }
            if (install.exitValue() != 0 || !Files.exists(packageJson)) {
                throw new IOException("npm install " + kind.packageName() + " failed, see " + dir.resolve("npm-install.log"));
            }
        }
        String version = readVersion(packageJson);
        int port = freePort();
        Launch launch = kind.launcher().launch(dir, port);
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(launch.command()))
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(kind.name() + ".log").toFile());
        pb.environment().putAll(launch.environment());
        Process process = pb.start();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        NodePeer peer = new NodePeer(kind, process, address, version, dir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(address, 500);
                return peer;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    peer.close();
                    throw new IOException(kind.name() + " did not start, see " + dir.resolve(kind.name() + ".log"));
                }
                Thread.sleep(50);
            }
        }
    }

    private static String readVersion(Path packageJson) {
        try {
            String text = Files.readString(packageJson);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(text);
            return m.find() ? m.group(1) : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    String name() {
        return kind.name();
    }

    /** One line on what runs where, for the report. */
    String describe() {
        return String.format("%s %s: Node.js process %d on %s (records in memory, no durability), installed in %s, %s",
                kind.name(), version, process.pid(), address, dir, kind.setup());
    }

    InetSocketAddress address() {
        return address;
    }

    /**
     * Waits (at most {@code max}) until the Node.js process has used less than 10 ms of CPU in 200 ms: after
     * a run it may still be answering abandoned requests or collecting garbage, which would take CPU from
     * the run that follows. Returns how long it waited.
     */
    Duration awaitIdle(Duration max) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        long before = cpuNanos();
        while (before >= 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            long now = cpuNanos();
            if (now - before < 10_000_000L) {
                break;
            }
            before = now;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private long cpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
