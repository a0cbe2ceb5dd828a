package io.lakelet.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AWS CLI against CloudWatch, every installation found: {@code /usr/bin/aws} (here the CLI v2.9, which
 * speaks awsQuery) and the {@code aws} first on the PATH (here the CLI v1 on botocore 1.43, which speaks
 * awsJson 1.0 to CloudWatch, the first protocol of CloudWatch's model that it supports). Skipped where neither
 * is installed.
 */
class AwsCliTest {
    private static CloudWatchServer cw;

    /** The installed CLIs: {@code /usr/bin/aws} and the {@code aws} of the PATH, when they are other files. */
    static List<String> clis() {
        List<String> out = new ArrayList<>();
        List<Path> seen = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "aws");
            if (Files.isExecutable(p)) {
                candidates.add(p);
                break;
            }
        }
        candidates.add(Path.of("/usr/bin/aws"));
        for (Path p : candidates) {
            if (Files.isExecutable(p) && !seen.contains(p) && run(p.toString(), "--version").exit() == 0) {
                seen.add(p);
                out.add(p.toString());
            }
        }
        return out;
    }

    private record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() {
        assumeTrue(!clis().isEmpty(), "the AWS CLI is not installed");
        cw = CloudWatchServer.start();
    }

    @AfterAll
    static void stop() {
        if (cw != null) {
            cw.close();
        }
    }

    private static Result run(String cli, String... args) {
        List<String> command = new ArrayList<>(List.of(cli));
        if (cw != null) {
            command.addAll(List.of("--endpoint-url", cw.server.endpoint().toString(), "--output", "json"));
        }
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        pb.environment().put("AWS_MAX_ATTEMPTS", "1");
        pb.environment().put("AWS_PAGER", "");
        try {
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", args) + " did not finish within 60 s");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @MethodSource("clis")
    void theCliPutsAndReadsStatistics(String cli) {
        String ns = CloudWatchServer.namespace();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(300);

        Result put1 = run(cli, "cloudwatch", "put-metric-data", "--namespace", ns, "--metric-name", "Records",
                "--dimensions", "Stream=orders", "--value", "5", "--unit", "Count", "--timestamp", t.toString());
        Result put2 = run(cli, "cloudwatch", "put-metric-data", "--namespace", ns, "--metric-name", "Records",
                "--dimensions", "Stream=orders", "--value", "7", "--unit", "Count", "--timestamp", t.plusSeconds(10).toString());
        Result stats = run(cli, "cloudwatch", "get-metric-statistics", "--namespace", ns, "--metric-name", "Records",
                "--dimensions", "Name=Stream,Value=orders", "--start-time", t.toString(),
                "--end-time", t.plusSeconds(300).toString(), "--period", "60", "--statistics", "Sum", "Maximum");

        assertThat(put1.exit()).as(put1.err()).isZero();
        assertThat(put2.exit()).as(put2.err()).isZero();
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("\"Label\": \"Records\"").containsPattern("\"Sum\": 12(\\.0)?[,\\s]")
                .containsPattern("\"Maximum\": 7(\\.0)?[,\\s]").contains("\"Unit\": \"Count\"")
                // the CLI v1 prints a timestamp as it came (epoch seconds in JSON), the CLI v2 as ISO 8601
                .containsAnyOf("\"Timestamp\": \"" + t.toString().replace("Z", ""), "\"Timestamp\": " + t.getEpochSecond() + ",");
    }

    @ParameterizedTest
    @MethodSource("clis")
    void theCliShowsCloudWatchErrors(String cli) {
        Result r = run(cli, "cloudwatch", "put-metric-data", "--namespace", "AWS/Kinesis", "--metric-name", "m", "--value", "1");

        assertThat(r.exit()).isNotZero();
        // (with AWS_MAX_ATTEMPTS=1 the CLI v2 inserts "(reached max retries: 0)" before the colon)
        assertThat(r.err()).contains("An error occurred (InvalidParameterValue) when calling the PutMetricData operation")
                .contains(": The value AWS/Kinesis for parameter Namespace is invalid.");
    }
}
