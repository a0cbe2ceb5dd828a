package io.lakelet.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client program (the AWS CLI v2, a Python script with boto3) against Lakelet with test
 * credentials and an isolated home, and returns what it printed.
 */
final class ExternalClient {
    /** Debian's AWS CLI v2; an {@code aws} earlier on the PATH may be a v1 CLI. */
    static final String AWS_CLI = "/usr/bin/aws";

    record Result(int exitCode, String stdout, String stderr) {
        Result ok() {
            if (exitCode != 0) {
                throw new AssertionError("exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
            }
            return this;
        }
    }

    private ExternalClient() {
    }

    static Result aws(LakeletProcess lakelet, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(AWS_CLI, "--endpoint-url", lakelet.endpoint().toString(),
                "--output", "json"));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of());
    }

    static Result python(LakeletProcess lakelet, Path script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), lakelet.endpoint().toString()));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of());
    }

    static Result run(List<String> cmd, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("client-home-");
        Path out = Files.createTempFile("client-out-", ".txt");
        Path err = Files.createTempFile("client-err-", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = pb.environment();
            env.put("HOME", home.toString());
            env.put("AWS_ACCESS_KEY_ID", "test");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("AWS_PAGER", "");
            env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
            env.putAll(extraEnv);
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("client timed out: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
