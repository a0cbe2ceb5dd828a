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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The npm package {@code kinesalite} (a Kinesis emulator on Node.js, records in memory) as a peer, started
 * beside Lakelet on another free loopback port: installed with npm into a directory kept between runs
 * (installed once), run in the foreground with {@code --createStreamMs 0 --shardLimit 100}, stopped at
 * the end.
 */
final class Kinesalite implements AutoCloseable {
    private static final long INSTALL_SECONDS = 180;
    private static final long START_SECONDS = 15;

    private final Process process;
    private final InetSocketAddress address;
    private final String version;

    private Kinesalite(Process process, InetSocketAddress address, String version) {
        this.process = process;
        this.address = address;
        this.version = version;
    }

    /** The executable named {@code name} on the PATH, if any. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Installs kinesalite into {@code dir} unless it is there, starts it, and waits until it accepts connections. */
    static Kinesalite start(Path npm, Path dir) throws IOException, InterruptedException {
        Path executable = dir.resolve("node_modules/.bin/kinesalite");
        if (!Files.isExecutable(executable)) {
            Files.createDirectories(dir);
            Process install = new ProcessBuilder(npm.toString(), "install", "--no-audit", "--no-fund", "kinesalite")
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("npm-install.log").toFile()).start();
            if (!install.waitFor(INSTALL_SECONDS, TimeUnit.SECONDS)) {
                install.destroyForcibly();
                throw new IOException("npm install kinesalite took more than " + INSTALL_SECONDS + " s");
            }
            if (install.exitValue() != 0 || !Files.isExecutable(executable)) {
                throw new IOException("npm install kinesalite failed, see " + dir.resolve("npm-install.log"));
            }
        }
        String version = readVersion(dir.resolve("node_modules/kinesalite/package.json"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process process = new ProcessBuilder(List.of(executable.toString(), "--port", Integer.toString(port),
                "--createStreamMs", "0", "--deleteStreamMs", "0", "--updateStreamMs", "0", "--shardLimit", "100"))
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kinesalite.log").toFile()).start();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        Kinesalite k = new Kinesalite(process, address, version);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(address, 500);
                return k;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    k.close();
                    throw new IOException("kinesalite did not start, see " + dir.resolve("kinesalite.log"));
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

    InetSocketAddress address() {
        return address;
    }

    String version() {
        return version;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Waits (at most {@code max}) until the Node.js process has used less than 10 ms of CPU in 200 ms: after
     * a run it may still be answering abandoned requests or collecting garbage, which would take CPU from
     * the Lakelet run that follows. Returns how long it waited.
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
