package io.lakelet.bench.s3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * nginx in the foreground on a free loopback port, with a generated configuration in its own directory: static
 * files from {@code root/} (sendfile) and WebDAV {@code PUT} into the same directory, no access log. It is
 * the physical limit the S3 benchmark compares Lakelet with: the same bytes over the same loopback.
 */
final class Nginx implements AutoCloseable {
    private static final List<String> LOCATIONS = List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx",
            "/usr/local/nginx/sbin/nginx");

    private final Process process;
    private final Path dir;
    private final InetSocketAddress address;

    private Nginx(Process process, Path dir, InetSocketAddress address) {
        this.process = process;
        this.dir = dir;
        this.address = address;
    }

    /** The nginx executable: on the PATH or in a usual place. */
    static Optional<Path> find() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, "nginx"))) {
                return Optional.of(Path.of(p, "nginx"));
            }
        }
        return LOCATIONS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts nginx with {@code workers} worker processes, serving {@code dir/root}; waits until it accepts
     * connections.
     */
    static Nginx start(Path executable, Path dir, int workers) throws IOException, InterruptedException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path bodies = Files.createDirectories(dir.resolve("client_body"));
        int port = freePort();
        boolean root0 = "root".equals(System.getProperty("user.name"));
        String conf = String.join("\n",
                // As root, workers would otherwise switch to 'nobody' and could not write into the temp dir.
                root0 ? "user root;" : "",
                "worker_processes " + workers + ";",
                "daemon off;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " warn;",
                "events { worker_connections 256; }",
                "http {",
                "  access_log off;",
                "  sendfile on;",
                "  tcp_nopush on;",
                "  tcp_nodelay on;",
                "  keepalive_requests 1000000;",
                "  default_type application/octet-stream;",
                "  client_body_temp_path " + bodies + ";",
                "  client_max_body_size 0;",
                "  server {",
                "    listen 127.0.0.1:" + port + ";",
                "    root " + root + ";",
                "    location / { dav_methods PUT; create_full_put_path on; dav_access user:rw; }",
                "  }",
                "}", "");
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(executable.toString(), "-p", dir.toString(), "-c", confFile.toString(),
                "-g", "error_log " + dir.resolve("error.log") + " warn;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(p, dir, new InetSocketAddress("127.0.0.1", port));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(nginx.address, 200);
                return nginx;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    nginx.close();
                    throw new IOException("nginx did not start: " + log(dir), e);
                }
                Thread.sleep(20);
            }
        }
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("stdout.log")) + " "
                    + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : "");
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    InetSocketAddress address() {
        return address;
    }

    /** The directory nginx serves: {@code /name} is {@code root().resolve(name)}. */
    Path root() {
        return dir.resolve("root");
    }

    /** Stops the nginx this object started (SIGTERM: fast shutdown), and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
