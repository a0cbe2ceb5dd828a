package io.lakelet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The runnable jar as users run it: it starts, reports its health, and stops cleanly on SIGTERM. */
class DistributionIT {

    @Test
    void theJarStartsServesHealthAndRemovesItsTemporaryStoreOnSigterm() throws Exception {
        try (LakeletProcess lakelet = LakeletProcess.start(Map.of())) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(lakelet.endpoint().resolve("/_lakelet/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"s3\" : \"running\"").contains("\"kinesis\" : \"running\"")
                    .contains("\"persistent\" : false");
            assertThat(lakelet.log()).contains("listening on 127.0.0.1:" + lakelet.port());
            Matcher dir = Pattern.compile("\"directory\" : \"([^\"]+)\"").matcher(health.body());
            assertThat(dir.find()).isTrue();
            Path store = Path.of(dir.group(1));
            assertThat(Files.isDirectory(store)).isTrue();

            int exit = lakelet.stop();

            assertThat(exit).isIn(0, 143);
            assertThat(Files.exists(store)).as("temporary store removed on exit").isFalse();
        }
    }

    @Test
    void onlyTheServicesNamedInLakeletServicesStart() throws Exception {
        try (LakeletProcess lakelet = LakeletProcess.start(Map.of("LAKELET_SERVICES", "kinesis"))) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(lakelet.endpoint().resolve("/_lakelet/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.body()).contains("\"kinesis\" : \"running\"").doesNotContain("\"s3\"");
        }
    }
}
